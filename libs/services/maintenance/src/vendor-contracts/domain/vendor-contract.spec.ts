import { VendorStanding, liftStanding, mergeStanding, standingBar } from './vendor-contract';

const A = '6f1d8a0e-1b7c-4c8e-9d3e-0a2b3c4d5e6f';
const at = (iso: string) => new Date(iso);
const suspension = (overrides: Partial<VendorStanding> = {}): VendorStanding => ({
  vendorId: A,
  status: 'suspended',
  sanctioned: false,
  reason: 'lapsed insurance',
  effectiveFrom: at('2026-12-01T00:00:00Z'),
  ...overrides,
});
const now = at('2026-12-05T00:00:00Z');

describe("maintenance's view of a vendor's standing", () => {
  it('lets a reinstated vendor take work again', () => {
    const lifted = liftStanding(suspension(), { vendorId: A, ends: 'suspended', reason: 'insurance renewed', at: at('2026-12-03T00:00:00Z') });
    expect(lifted).toMatchObject({ status: 'active', liftedAt: at('2026-12-03T00:00:00Z') });
    expect(standingBar(lifted, now)).toBeUndefined();
  });

  it('lets a vendor whose blacklisting was lifted take work again', () => {
    const blacklisted = suspension({ status: 'blacklisted', reason: 'fraud' });
    const lifted = liftStanding(blacklisted, { vendorId: A, ends: 'blacklisted', reason: 'overturned', at: at('2026-12-04T00:00:00Z') });
    expect(standingBar(lifted, now)).toBeUndefined();
  });

  it('does not let the end of a suspension lift a blacklisting', () => {
    const blacklisted = suspension({ status: 'blacklisted', reason: 'fraud' });
    expect(standingBar(liftStanding(blacklisted, { vendorId: A, ends: 'suspended', reason: 'ended', at: at('2026-12-04T00:00:00Z') }), now)).toContain('blacklisted');
  });

  it("keeps evaluation's sanction taking effect after the reinstatement, which procurement had not seen", () => {
    const sanction = mergeStanding(undefined, suspension({ sanctioned: true, reason: 'new sanction', effectiveFrom: at('2026-12-04T00:00:00Z') }), 'evaluation');
    const lift = { vendorId: A, ends: 'suspended' as const, reason: 'ended', at: at('2026-12-03T00:00:00Z') };
    expect(standingBar(liftStanding(sanction, lift), now)).toContain('new sanction');
  });

  it("ends procurement's own bar whatever its start, since procurement's events arrive in order", () => {
    const fromNextWeek = mergeStanding(undefined, suspension({ effectiveFrom: at('2026-12-08T00:00:00Z') }), 'procurement');
    const lifted = liftStanding(fromNextWeek, { vendorId: A, ends: 'suspended', reason: 'reinstated early', at: at('2026-12-03T00:00:00Z') });
    expect(standingBar(lifted, at('2026-12-09T00:00:00Z'))).toBeUndefined();
  });

  it('bars the vendor again when procurement suspends it after its reinstatement', () => {
    const lifted = liftStanding(suspension(), { vendorId: A, ends: 'suspended', reason: 'ended', at: at('2026-12-02T00:00:00Z') });
    const again = mergeStanding(lifted, suspension({ reason: 'short weights', effectiveFrom: at('2026-12-03T00:00:00Z') }), 'procurement');
    expect(standingBar(again, now)).toContain('short weights');
  });

  it("ignores evaluation's sanction that arrives after a reinstatement it preceded, but not a later one", () => {
    const lifted = liftStanding(suspension({ sanctioned: true }), { vendorId: A, ends: 'suspended', reason: 'ended early', at: at('2026-12-03T00:00:00Z') });
    const stale = mergeStanding(lifted, suspension({ sanctioned: true, effectiveFrom: at('2026-12-01T00:00:00Z') }), 'evaluation');
    expect(standingBar(stale, now)).toBeUndefined();
    const fresh = mergeStanding(lifted, suspension({ sanctioned: true, reason: 'new sanction', effectiveFrom: at('2026-12-04T00:00:00Z') }), 'evaluation');
    expect(standingBar(fresh, now)).toContain('new sanction');
    expect(fresh.sanctioned).toBe(true);
  });

  it('remembers a lift for a vendor it never saw barred', () => {
    const lifted = liftStanding(undefined, { vendorId: A, ends: 'suspended', reason: 'ended', at: at('2026-12-03T00:00:00Z') });
    expect(lifted).toMatchObject({ status: 'active', liftedAt: at('2026-12-03T00:00:00Z') });
    expect(standingBar(mergeStanding(lifted, suspension(), 'evaluation'), now)).toBeUndefined();
  });
});
