import { NO_VENDOR, vendorActedFor } from './caller-scope';

describe('the vendor a caller acts for', () => {
  const vendorId = '4F6A8C0E-2B4D-4F6A-8C0E-2B4D6F8A0C2E';

  it('is the vendor account’s own vendor, in lower case', () => {
    expect(vendorActedFor({ agencyId: 'a', userId: 'u', roles: ['vendor'], vendorId })).toBe(vendorId.toLowerCase());
  });

  it('is none for the agency’s own people, whatever vendor id they carry', () => {
    expect(vendorActedFor({ agencyId: 'a', userId: 'u', roles: ['logistics-manager'], vendorId })).toBeUndefined();
  });

  it('matches nothing for a vendor account without a well-formed vendor id', () => {
    expect(vendorActedFor({ agencyId: 'a', userId: 'u', roles: ['vendor'] })).toBe(NO_VENDOR);
    expect(vendorActedFor({ agencyId: 'a', userId: 'u', roles: ['vendor'], vendorId: "x' OR 1=1" })).toBe(NO_VENDOR);
  });
});
