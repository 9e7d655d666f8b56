import { createHash, randomBytes } from 'node:crypto';
import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';

/** Every key starts so: secret scanners and people recognise a leaked Houqin key. */
export const API_KEY_PREFIX = 'hqk_';
const API_KEY = /^hqk_[A-Za-z0-9_-]{43}$/;

/** An integrator's credential: scoped to one agency, to actions (routes) and event types; revocable. */
export interface ApiKey {
  id: string;
  agencyId: string;
  name: string;
  prefix: string;
  actions: string[];
  eventTypes: string[];
  createdBy?: string;
  createdAt: Date;
  expiresAt?: Date;
  revokedAt?: Date;
}

export type ApiKeyStanding = 'usable' | 'revoked' | 'expired';

/** 256 random bits; only the SHA-256 is stored, so the key is shown exactly once. */
export function newApiKeyValue(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function looksLikeApiKey(value: string): boolean {
  return API_KEY.test(value);
}

export function apiKeyHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export interface NewApiKey {
  id: string;
  agencyId: string;
  name: string;
  value: string;
  actions: readonly string[];
  eventTypes: readonly string[];
  createdBy?: string;
  expiresAt?: Date;
}

/**
 * A new key. Its actions must be ones an integrator may be granted at all (the policy table lists
 * them), its event types ones the platform publishes; a key scoped to nothing is refused.
 */
export function issueApiKey(input: NewApiKey, grantable: { actions: readonly string[]; eventTypes: readonly string[] }, clock: Clock): ApiKey {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the key a name saying who uses it', 'name');
  const actions = [...new Set(input.actions)].sort();
  const unknownAction = actions.find((action) => !grantable.actions.includes(action));
  if (unknownAction) throw new BusinessRuleViolation('action-not-grantable', `${unknownAction} is not an action an integrator may be granted`, 'actions');
  const eventTypes = [...new Set(input.eventTypes)].sort();
  const unknownType = eventTypes.find((type) => !grantable.eventTypes.includes(type));
  if (unknownType) throw new BusinessRuleViolation('unknown-event-type', `${unknownType} is not an event type of the platform`, 'eventTypes');
  if (actions.length === 0 && eventTypes.length === 0) throw new BusinessRuleViolation('scope-required', 'scope the key to at least one action or event type', 'actions');
  const now = clock.now();
  if (input.expiresAt && input.expiresAt <= now) throw new BusinessRuleViolation('expiry-in-past', 'a key expires in the future', 'expiresAt');
  return {
    id: input.id,
    agencyId: input.agencyId,
    name,
    prefix: input.value.slice(0, API_KEY_PREFIX.length + 6),
    actions,
    eventTypes,
    ...(input.createdBy ? { createdBy: input.createdBy } : {}),
    createdAt: now,
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  };
}

export function revokeApiKey(key: ApiKey, clock: Clock): ApiKey {
  if (key.revokedAt) throw new IllegalTransitionError('api-key', 'revoked', 'revoke');
  return { ...key, revokedAt: clock.now() };
}

export function apiKeyStanding(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyStanding {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  return 'usable';
}
