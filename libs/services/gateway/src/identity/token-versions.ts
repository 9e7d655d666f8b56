import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '@houqin/domain';
import { CLOCK, REDIS_CLIENT, SERVICE_LOGGER } from '@houqin/service-kit';
import type { UserStatus } from './domain/identity';
import { ACCESS_TOKEN_TTL_SECONDS, isUuid } from './tokens';

/** How long a replica may reuse a user's token version read from Redis before asking the database again. */
export const TOKEN_VERSION_CACHE_SECONDS = 30;

export interface TokenStanding {
  version: number;
  status: UserStatus;
  /**
   * Login sessions of the user revoked one by one while an access token of theirs may still be
   * alive (15 minutes): their access tokens (`sid`) are refused although their version is current.
   * A change that moves the version on needs none: every earlier token is refused anyway.
   */
  revokedSessions?: readonly string[];
}

export function tokenVersionKey(userId: string): string {
  return `houqin:gateway:token-version:${userId}`;
}

/**
 * The current token version (and status, and recently revoked login sessions) of each user, which
 * every access token carrying `ver` is checked against, in one read. With Redis, replicas share a short-lived cache that logout and disabling
 * overwrite at once (so revocation is immediate everywhere); without it, or when Redis fails, the
 * database answers.
 */
@Injectable()
export class TokenVersions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
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
    const standing = await this.read(this.dataSource.manager, userId);
    if (!standing) return undefined;
    // NX: a value written by publish() (after a logout) is never overwritten by an older read.
    await this.redis?.set(tokenVersionKey(userId), format(standing), 'EX', TOKEN_VERSION_CACHE_SECONDS, 'NX').catch(() => undefined);
    return standing;
  }

  /** The standing as the database has it (inside a transaction: as that transaction sees it). */
  async read(manager: EntityManager, userId: string): Promise<TokenStanding | undefined> {
    const since = new Date(this.clock.now().getTime() - ACCESS_TOKEN_TTL_SECONDS * 1000);
    const rows: { token_version: number; status: UserStatus; revoked_sessions: string[] }[] = await manager.query(
      `SELECT u.token_version, u.status,
              ARRAY(SELECT s.id::text FROM login_session s WHERE s.user_id = u.id AND s.revoked_at > $2 ORDER BY s.id) AS revoked_sessions
         FROM platform_user u WHERE u.id = $1`,
      [userId, since],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { version: row.token_version, status: row.status, ...(row.revoked_sessions.length ? { revokedSessions: row.revoked_sessions } : {}) };
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

/** `version:status[:sid,sid…]` — an older replica's two-part value still parses. */
function format(standing: TokenStanding): string {
  const base = `${standing.version}:${standing.status}`;
  return standing.revokedSessions?.length ? `${base}:${standing.revokedSessions.join(',')}` : base;
}

function parse(value: string): TokenStanding | undefined {
  const [version, status, revoked] = value.split(':');
  const parsed = Number(version);
  if (!Number.isInteger(parsed) || (status !== 'active' && status !== 'disabled')) return undefined;
  return { version: parsed, status, ...(revoked ? { revokedSessions: revoked.split(',') } : {}) };
}
