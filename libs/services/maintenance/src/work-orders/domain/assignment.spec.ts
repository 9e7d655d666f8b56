import { BusinessRuleViolation } from '@houqin/domain';
import { MaintenanceContract, VendorStanding, mergeStanding, standingBar } from '../../vendor-contracts/domain/vendor-contract';
import { chooseVendor } from './assignment';

const now = new Date('2026-11-27T09:00:00Z');
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const need = { category: 'hvac', building: 'Main Building' };

function contract(vendorId: string, overrides: Partial<MaintenanceContract> = {}): MaintenanceContract {
  return {
    contractId: `${vendorId.slice(0, 8)}-1111-4000-8000-000000000000`,
    agencyId: 'agency-a',
    vendorId,
    vendorName: `vendor ${vendorId.slice(0, 1)}`,
    title: 'Building maintenance',
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validTo: new Date('2027-01-01T00:00:00Z'),
    status: 'signed',
    signedAt: new Date('2025-12-20T00:00:00Z'),
    ...overrides,
  };
}
const suspended = (vendorId: string, overrides: Partial<VendorStanding> = {}): VendorStanding => ({
  vendorId,
  status: 'suspended',
  sanctioned: false,
  reason: 'unpaid insurance',
  effectiveFrom: new Date('2026-11-01T00:00:00Z'),
  ...overrides,
});

describe('choosing the vendor for a work order', () => {
  it('assigns automatically when exactly one vendor holds an active contract covering the category and building', () => {
    const contracts = [contract(A, { assetCategories: ['hvac'], buildings: ['main building'] }), contract(B, { assetCategories: ['elevator'] }), contract(C, { buildings: ['East Wing'] })];
    expect(chooseVendor(contracts, [], need, undefined, now)).toEqual({ vendorId: A, contractId: contracts[0]!.contractId, automatic: true });
  });

  it('asks for a choice among several fitting vendors, and takes one named among them', () => {
    const contracts = [contract(A), contract(B, { assetCategories: ['hvac', 'plumbing'] })];
    expect(() => chooseVendor(contracts, [], need, undefined, now)).toThrow(/2 vendors .*name one of/);
    expect(chooseVendor(contracts, [], need, B, now)).toMatchObject({ vendorId: B, automatic: false });
    expect(() => chooseVendor(contracts, [], need, C, now)).toThrow(/holds no active maintenance contract covering hvac work in Main Building/);
  });

  it('finds nobody when no contract fits: none at all, expired, terminated or not yet valid', () => {
    const expect422 = (contracts: MaintenanceContract[]) => {
      try {
        chooseVendor(contracts, [], need, undefined, now);
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(BusinessRuleViolation);
        expect((error as BusinessRuleViolation).code).toBe('no-contracted-vendor');
      }
    };
    expect422([]);
    expect422([contract(A, { status: 'expired' })]);
    expect422([contract(A, { status: 'terminated' })]);
    expect422([contract(A, { validTo: new Date('2026-11-27T08:59:59Z') })]);
    expect422([contract(A, { validFrom: new Date('2026-12-01T00:00:00Z') })]);
    // An expired contract of a vendor named explicitly does not count either.
    expect(() => chooseVendor([contract(A, { status: 'expired' })], [], need, A, now)).toThrow(/no active maintenance contract/);
  });

  it('never assigns a suspended, sanctioned or blacklisted vendor, naming the reason', () => {
    const contracts = [contract(A), contract(B)];
    expect(() => chooseVendor(contracts, [suspended(A)], need, A, now)).toThrow(`vendor ${A} is suspended until further notice: unpaid insurance`);
    const sanction = suspended(A, { sanctioned: true, reason: 'three late responses', until: new Date('2027-02-01T00:00:00Z') });
    expect(() => chooseVendor(contracts, [sanction], need, A, now)).toThrow(/sanctioned by evaluation \(suspended until 2027-02-01.*three late responses/);
    expect(() => chooseVendor(contracts, [suspended(A, { status: 'blacklisted', reason: 'forged records' })], need, A, now)).toThrow(/blacklisted.*forged records/);
    // The one eligible vendor left is chosen automatically; with none left, the refusal says why.
    expect(chooseVendor(contracts, [suspended(A)], need, undefined, now)).toMatchObject({ vendorId: B, automatic: true });
    expect(() => chooseVendor([contract(A)], [suspended(A)], need, undefined, now)).toThrow(/no eligible vendor .*suspended until further notice: unpaid insurance/);
  });

  it('lets a suspension lapse at its end and not bite before its start', () => {
    expect(standingBar(suspended(A, { until: new Date('2026-11-27T08:00:00Z') }), now)).toBeUndefined();
    expect(standingBar(suspended(A, { effectiveFrom: new Date('2026-12-01T00:00:00Z') }), now)).toBeUndefined();
  });

  it('never loosens a standing by re-applying or reordering events', () => {
    const blacklisted = suspended(A, { status: 'blacklisted', sanctioned: true, reason: 'forged records' });
    expect(mergeStanding(blacklisted, suspended(A))).toMatchObject({ status: 'blacklisted', sanctioned: true, reason: 'forged records' });
    expect(mergeStanding(suspended(A, { sanctioned: true }), suspended(A))).toMatchObject({ status: 'suspended', sanctioned: true });
    expect(mergeStanding(suspended(A), suspended(A))).toEqual(suspended(A));
  });
});
