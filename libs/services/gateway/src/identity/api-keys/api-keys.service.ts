import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, LessThan, Or } from 'typeorm';
import { platformEvents } from '@houqin/contracts';
import { NotFoundError, systemClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { ApiKeyGrant } from '../../access/gateway-request';
import { PLATFORM_POLICIES } from '../../access/platform-policies';
import { AgencyRecord, ApiKeyRecord } from '../identity.entities';
import { isUuid } from '../tokens';
import { ApiKey, apiKeyHash, apiKeyStanding, issueApiKey, looksLikeApiKey, newApiKeyValue, revokeApiKey } from './api-key';
import { ApiKeyView, CreateApiKeyDto, IssuedApiKeyView } from './api-keys.dto';

/** Actions an integrator may be granted: those of the routes whose policy admits the integrator role. */
export const INTEGRATOR_ACTIONS: readonly string[] = [...new Set(PLATFORM_POLICIES.filter((policy) => (policy.roles as readonly string[]).includes('integrator')).map((policy) => policy.action))].sort();

/** How often the last use of a key is written down: not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyAuthentication {
  caller: Caller;
  grant: ApiKeyGrant;
}

/**
 * Integrators' API keys. Only the SHA-256 of a key is kept; each request looks the key up, so a
 * revocation is refused on the very next request, on every replica.
 */
@Injectable()
export class ApiKeysService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(caller: Caller, input: CreateApiKeyDto): Promise<IssuedApiKeyView> {
    const value = newApiKeyValue();
    const key = issueApiKey(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        name: input.name,
        value,
        actions: input.actions ?? [],
        eventTypes: input.eventTypes ?? [],
        createdBy: caller.userId,
        ...(input.expiresAt ? { expiresAt: new Date(input.expiresAt) } : {}),
      },
      { actions: INTEGRATOR_ACTIONS, eventTypes: platformEvents.contracts.map((contract) => contract.type) },
      this.clock,
    );
    await this.dataSource.manager.insert(ApiKeyRecord, {
      id: key.id,
      agencyId: key.agencyId,
      name: key.name,
      prefix: key.prefix,
      keyHash: apiKeyHash(value),
      actions: key.actions,
      eventTypes: key.eventTypes,
      createdBy: isUuid(caller.userId) ? caller.userId : null,
      createdAt: key.createdAt,
      expiresAt: key.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
    });
    return { ...ApiKeyView.of(key, 'usable'), key: value };
  }

  async list(caller: Caller): Promise<ApiKeyView[]> {
    const records = await this.dataSource.manager.find(ApiKeyRecord, { where: { agencyId: caller.agencyId }, order: { createdAt: 'DESC' } });
    const now = this.clock.now();
    return records.map((record) => {
      const key = apiKeyOf(record);
      return ApiKeyView.of({ ...key, ...(record.lastUsedAt ? { lastUsedAt: record.lastUsedAt } : {}) }, apiKeyStanding(key, now));
    });
  }

  async revoke(caller: Caller, id: string): Promise<ApiKeyView> {
    return this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(ApiKeyRecord, { where: { id, agencyId: caller.agencyId }, lock: { mode: 'pessimistic_write' } });
      // Another agency's key answers exactly like a missing one.
      if (!record) throw new NotFoundError('api-key', id);
      const revoked = revokeApiKey(apiKeyOf(record), this.clock);
      await manager.update(ApiKeyRecord, { id }, { revokedAt: revoked.revokedAt! });
      return ApiKeyView.of(revoked, 'revoked');
    });
  }

  /** The integrator a presented key stands for; undefined for an unknown, revoked or expired key, or one of a disabled agency. */
  async authenticate(value: string): Promise<ApiKeyAuthentication | undefined> {
    if (!looksLikeApiKey(value)) return undefined;
    const record = await this.dataSource.manager.findOneBy(ApiKeyRecord, { keyHash: apiKeyHash(value) });
    if (!record) return undefined;
    const now = this.clock.now();
    if (apiKeyStanding(apiKeyOf(record), now) !== 'usable') return undefined;
    const agency = await this.dataSource.manager.findOne(AgencyRecord, { where: { id: record.agencyId }, select: { id: true, status: true } });
    if (agency?.status !== 'active') return undefined;
    if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // Best effort, after the answer is decided: a failed bookkeeping write never refuses the call.
      void this.dataSource.manager
        .update(ApiKeyRecord, { id: record.id, lastUsedAt: Or(IsNull(), LessThan(new Date(now.getTime() - LAST_USED_RESOLUTION_MS))) }, { lastUsedAt: now })
        .catch(() => undefined);
    }
    return {
      caller: { userId: record.id, agencyId: record.agencyId, roles: ['integrator'] },
      grant: { id: record.id, actions: record.actions, eventTypes: record.eventTypes },
    };
  }
}

function apiKeyOf(record: ApiKeyRecord): ApiKey {
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    prefix: record.prefix,
    actions: record.actions,
    eventTypes: record.eventTypes,
    ...(record.createdBy ? { createdBy: record.createdBy } : {}),
    createdAt: record.createdAt,
    ...(record.expiresAt ? { expiresAt: record.expiresAt } : {}),
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
  };
}
