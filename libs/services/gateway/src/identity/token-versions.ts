import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { REDIS_CLIENT, SERVICE_LOGGER } from '@houqin/service-kit';
import type { UserStatus } from './domain/identity';
import { UserRecord } from './identity.entities';
import { isUuid } from './tokens';

/** How long a replica may reuse a user's token version read from Redis before asking the database again. */
export const TOKEN_VERSION_CACHE_SECONDS = 30;

export interface TokenStanding {
  version: number;
  status: UserStatus;
}

export function tokenVersionKey(userId: string): string {
  return `houqin:gateway:token-version:${userId}`;
}

/**
 * The current token version (and status) of each user, which every access token carrying `ver`
 * is checked against. With Redis, replicas share a short-lived cache that logout and disabling
 * overwrite at once (so revocation is immediate everywhere); without it, or when Redis fails, the
 * database answers.
 */
@Injectable()
export class TokenVersions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async standing(userId: string): Promise<TokenStanding | undefined> {
    if (!isUuid(userId)) return undefined;
    if (this.redis) {
      try {
        const cached = await this.redis.get(tokenVersionKey(userId));
        if (cached) return parse(cached);
      } catch (error) {
        this.logger.warn({ err: error }, 'token version cache unavailable; reading the database');
      }
    }
    const record = await this.dataSource.manager.findOne(UserRecord, { where: { id: userId }, select: { id: true, tokenVersion: true, status: true } });
    if (!record) return undefined;
    const standing: TokenStanding = { version: record.tokenVersion, status: record.status };
    // NX: a value written by publish() (after a logout) is never overwritten by an older read.
    await this.redis?.set(tokenVersionKey(userId), format(standing), 'EX', TOKEN_VERSION_CACHE_SECONDS, 'NX').catch(() => undefined);
    return standing;
  }

  /** After the change committed: every replica sees the new version on its next request. */
  async publish(userId: string, standing: TokenStanding): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.set(tokenVersionKey(userId), format(standing), 'EX', TOKEN_VERSION_CACHE_SECONDS);
    } catch (error) {
      this.logger.error({ err: error, userId }, 'could not publish a token version change; trying to drop the cached one');
      await this.redis.del(tokenVersionKey(userId)).catch(() => undefined);
    }
  }
}

function format(standing: TokenStanding): string {
  return `${standing.version}:${standing.status}`;
}

function parse(value: string): TokenStanding | undefined {
  const [version, status] = value.split(':');
  const parsed = Number(version);
  if (!Number.isInteger(parsed) || (status !== 'active' && status !== 'disabled')) return undefined;
  return { version: parsed, status };
}
