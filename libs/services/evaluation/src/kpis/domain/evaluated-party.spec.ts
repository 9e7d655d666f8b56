import { BusinessRuleViolation } from '@houqin/domain';
import { parseParty, partyKey, vendorParty } from './evaluated-party';

describe('the evaluated party', () => {
  it('stores a vendor as its id and the internal team as internal-team, and reads both back', () => {
    const vendor = vendorParty('6F1C7E0A-6B1D-4C57-9E49-1A2B3C4D5E6F');
    expect(partyKey(vendor)).toBe('6f1c7e0a-6b1d-4c57-9e49-1a2b3c4d5e6f');
    expect(parseParty(partyKey(vendor))).toEqual(vendor);
    expect(parseParty('internal-team')).toEqual({ kind: 'internal-team' });
  });

  it('refuses anything else naming the field party', () => {
    expect(() => parseParty('acme')).toThrow(BusinessRuleViolation);
  });
});
