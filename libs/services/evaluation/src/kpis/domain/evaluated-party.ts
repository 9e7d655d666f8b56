import { BusinessRuleViolation } from '@houqin/domain';

/**
 * The party evaluated: a vendor (服务商) or the agency's own internal team (内部后勤班组), who does
 * the work an agency keeps in house. Stored as text `party`: the vendor id or 'internal-team'.
 */
export type EvaluatedParty = { kind: 'vendor'; vendorId: string } | { kind: 'internal-team' };

export const INTERNAL_TEAM = 'internal-team';

/** The evaluated service line. */
export type ServiceType = 'maintenance' | 'procurement' | 'catering' | 'transport';

export const SERVICE_TYPES: readonly ServiceType[] = ['maintenance', 'procurement', 'catering', 'transport'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function vendorParty(vendorId: string): EvaluatedParty {
  return { kind: 'vendor', vendorId: vendorId.toLowerCase() };
}

export const INTERNAL_TEAM_PARTY: EvaluatedParty = { kind: 'internal-team' };

/** The party's stored key. */
export function partyKey(party: EvaluatedParty): string {
  return party.kind === 'vendor' ? party.vendorId.toLowerCase() : INTERNAL_TEAM;
}

export function isPartyKey(key: unknown): key is string {
  return typeof key === 'string' && (key === INTERNAL_TEAM || UUID.test(key));
}

/** The party a stored key names; anything but a vendor id (UUID) or 'internal-team' is refused naming `party`. */
export function parseParty(key: string): EvaluatedParty {
  if (!isPartyKey(key)) {
    throw new BusinessRuleViolation('invalid-party', `party must be a vendor id or '${INTERNAL_TEAM}', not ${String(key)}`, 'party');
  }
  return key === INTERNAL_TEAM ? INTERNAL_TEAM_PARTY : vendorParty(key);
}

export function isServiceType(value: unknown): value is ServiceType {
  return typeof value === 'string' && (SERVICE_TYPES as readonly string[]).includes(value);
}
