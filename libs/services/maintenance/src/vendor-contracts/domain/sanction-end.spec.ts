import { VendorStanding, endSanction, mergeStanding, standingBar } from './vendor-contract';

const vendorId = '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01';
const from = new Date('2026-12-01T02:00:00Z');
const until = new Date('2026-12-11T02:00:00Z');
const during = new Date('2026-12-05T02:00:00Z');
const suspendedBySanction: VendorStanding = { vendorId, status: 'suspended', sanctioned: true, reason: '6 penalty points', effectiveFrom: from, until, source: 'evaluation' };
const ended = { vendorId, kind: 'suspension' as const, from, reason: 'the suspension ended', at: until };

describe("evaluation's vendor.reinstated in maintenance", () => {
  it('lifts the standing that is this sanction: the vendor may take new work again', () => {
    expect(standingBar(suspendedBySanction, during)).toContain('sanctioned by evaluation');
    const lifted = endSanction(suspendedBySanction, { ...ended, at: during });
    expect(lifted).toMatchObject({ status: 'active', liftedAt: during });
    expect(standingBar(lifted, during)).toBeUndefined();
  });

  it('lifts it after procurement announced the same sanction as its own suspension', () => {
    const announced = mergeStanding(suspendedBySanction, { vendorId, status: 'suspended', sanctioned: false, reason: 'sanction', effectiveFrom: from, until });
    expect(endSanction(announced, ended).status).toBe('active');
  });

  it("leaves procurement's own suspension, a later sanction and a blacklisting standing", () => {
    const byProcurement: VendorStanding = { ...suspendedBySanction, sanctioned: false };
    delete byProcurement.source;
    expect(endSanction(byProcurement, ended)).toBe(byProcurement);
    const later: VendorStanding = { ...suspendedBySanction, effectiveFrom: new Date(from.getTime() + 1) };
    expect(endSanction(later, ended)).toBe(later);
    const blacklisted: VendorStanding = { ...suspendedBySanction, status: 'blacklisted' };
    expect(endSanction(blacklisted, ended)).toBe(blacklisted);
    expect(endSanction(blacklisted, { ...ended, kind: 'blacklisting' }).status).toBe('active');
  });

  it('remembers the lift when nothing was known, so the sanction arriving late does not bar the vendor', () => {
    const remembered = endSanction(undefined, ended);
    expect(mergeStanding(remembered, suspendedBySanction, 'evaluation')).toBe(remembered);
  });
});
