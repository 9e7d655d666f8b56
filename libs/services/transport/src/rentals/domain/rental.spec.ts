import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import { RentalContract, VendorStanding, barStanding, checkRentalDispatch, liftStanding, rentalOptions } from './rental';

const now = new Date('2026-12-07T00:00:00Z');
const window = { startsAt: new Date('2026-12-08T01:00:00Z'), endsAt: new Date('2026-12-08T03:00:00Z') };
const contract = (overrides: Partial<RentalContract> = {}): RentalContract => ({
  contractId: 'c-1',
  agencyId: 'a',
  vendorId: 'v-1',
  vendorName: '首汽租车',
  title: '2027 年度公务租车',
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2027-12-31T00:00:00Z'),
  minPunctualityRate: 95,
  maxDispatchResponseMinutes: 30,
  status: 'signed',
  signedAt: new Date('2025-12-20T00:00:00Z'),
  ...overrides,
});
const sanctioned: VendorStanding = { vendorId: 'v-1', status: 'suspended', sanctioned: true, warned: false, reason: '连续迟到', effectiveFrom: now, until: new Date('2027-01-07T00:00:00Z') };

describe('rental dispatch (社会化租车)', () => {
  it('offers a signed contract in force over the trip whose vendor is in good standing, never a sanctioned one', () => {
    expect(rentalOptions([contract()], new Map(), window, now).map((c) => c.contractId)).toEqual(['c-1']);
    expect(rentalOptions([contract()], new Map([['v-1', sanctioned]]), window, now)).toEqual([]);
    expect(rentalOptions([contract({ validTo: new Date('2026-12-08T02:00:00Z') })], new Map(), window, now)).toEqual([]);
    expect(rentalOptions([contract({ status: 'terminated' })], new Map(), window, now)).toEqual([]);
  });

  it('refuses a dispatch to a barred vendor or under an ended contract, naming contractId', () => {
    expect(() => checkRentalDispatch(contract(), sanctioned, window, now)).toThrow(BusinessRuleViolation);
    expect(() => checkRentalDispatch(undefined, undefined, window, now)).toThrow(BusinessRuleViolation);
    expect(() => checkRentalDispatch(contract({ status: 'expired' }), undefined, window, now)).toThrow(IllegalTransitionError);
    expect(checkRentalDispatch(contract(), { ...sanctioned, until: new Date('2026-12-01T00:00:00Z') }, window, now).contractId).toBe('c-1');
  });

  it('keeps a blacklisting over a later suspension, and lifts only the bar of its kind', () => {
    const blacklisted: VendorStanding = { ...sanctioned, status: 'blacklisted', sanctioned: false };
    expect(barStanding(blacklisted, sanctioned)).toMatchObject({ status: 'blacklisted', sanctioned: true });
    expect(liftStanding(blacklisted, { vendorId: 'v-1', ends: 'suspended', reason: '期满', at: now }).status).toBe('blacklisted');
    expect(liftStanding(blacklisted, { vendorId: 'v-1', ends: 'blacklisted', reason: '撤销', at: now }).status).toBe('active');
  });
});
