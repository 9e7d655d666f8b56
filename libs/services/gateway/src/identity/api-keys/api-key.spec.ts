import { FixedClock } from '@houqin/domain';
import { API_KEY_PREFIX, apiKeyHash, apiKeyStanding, issueApiKey, looksLikeApiKey, newApiKeyValue, revokeApiKey } from './api-key';

const clock = new FixedClock(new Date('2026-11-27T08:00:00Z'));
const grantable = { actions: ['procurement.vendors.read', 'maintenance.repair-requests.read'], eventTypes: ['houqin.maintenance.repair-request.reported.v1'] };

function issue(overrides: Partial<Parameters<typeof issueApiKey>[0]> = {}) {
  return issueApiKey({ id: 'k-1', agencyId: 'a-1', name: ' ERP ', value: newApiKeyValue(), actions: ['procurement.vendors.read'], eventTypes: [], ...overrides }, grantable, clock);
}

describe('API keys', () => {
  it('are 256 random bits behind a recognisable prefix, stored as SHA-256 only', () => {
    const value = newApiKeyValue();
    expect(value.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(looksLikeApiKey(value)).toBe(true);
    expect(newApiKeyValue()).not.toBe(value);
    expect(apiKeyHash(value)).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeApiKey('hqk_short')).toBe(false);
    expect(looksLikeApiKey(`Bearer ${value}`)).toBe(false);
  });

  it('keep a prefix that recognises the key without revealing it', () => {
    const value = newApiKeyValue();
    const key = issue({ value });
    expect(key.prefix).toBe(value.slice(0, 10));
    expect(key.name).toBe('ERP');
  });

  it('are scoped only to actions an integrator may be granted and to known event types', () => {
    expect(() => issue({ actions: ['identity.users.create'] })).toThrow('identity.users.create is not an action an integrator may be granted');
    expect(() => issue({ actions: [], eventTypes: ['houqin.nothing.v1'] })).toThrow('houqin.nothing.v1 is not an event type of the platform');
    expect(() => issue({ actions: [], eventTypes: [] })).toThrow('scope the key to at least one action or event type');
    expect(issue({ actions: ['maintenance.repair-requests.read', 'procurement.vendors.read', 'procurement.vendors.read'] }).actions).toEqual([
      'maintenance.repair-requests.read',
      'procurement.vendors.read',
    ]);
  });

  it('expire in the future only', () => {
    expect(() => issue({ expiresAt: new Date('2026-11-27T07:59:59Z') })).toThrow('a key expires in the future');
  });

  it('are usable until revoked or expired', () => {
    const key = issue({ expiresAt: new Date('2026-12-01T00:00:00Z') });
    expect(apiKeyStanding(key, clock.now())).toBe('usable');
    expect(apiKeyStanding(key, new Date('2026-12-01T00:00:00Z'))).toBe('expired');
    const revoked = revokeApiKey(key, clock);
    expect(apiKeyStanding(revoked, clock.now())).toBe('revoked');
  });

  it('are revoked once: a second revocation is an illegal transition naming the state', () => {
    const revoked = revokeApiKey(issue(), clock);
    expect(() => revokeApiKey(revoked, clock)).toThrow('api-key is revoked; cannot revoke');
  });
});
