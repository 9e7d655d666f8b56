import { BusinessRuleViolation, FixedClock } from '@houqin/domain';
import { VendorWithQualifications, eligibility } from './eligibility';
import { Qualification, addQualification } from './qualification';
import { applySanction } from './sanction';
import { Vendor } from './vendor';

const at = new Date('2026-12-15T00:00:00Z');
const vendor: Vendor = {
  id: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
  agencyId: 'agency-a',
  name: '福州市鼓楼区后勤服务有限公司',
  unifiedSocialCreditCode: '91350100M000100Y43',
  categories: ['cleaning', 'catering'],
  contact: { name: '王经理', phone: '13800138000' },
  status: 'active',
  registeredBy: 'manager-1',
  registeredAt: new Date('2026-01-01T00:00:00Z'),
};
const permit: Qualification = {
  id: 'q-1',
  vendorId: vendor.id,
  kind: 'service-permit',
  number: 'FJ-2026-001',
  category: 'cleaning',
  issuedOn: new Date('2026-01-01T00:00:00Z'),
  expiresOn: new Date('2027-01-01T00:00:00Z'),
  addedBy: 'manager-1',
  addedAt: new Date('2026-01-02T00:00:00Z'),
};
const qualified: VendorWithQualifications = { ...vendor, qualifications: [permit] };

function codes(answer: ReturnType<typeof eligibility>): string[] {
  return answer.eligible ? [] : answer.reasons.map((reason) => reason.code);
}

describe('vendor eligibility for a tender', () => {
  it('holds for an active vendor with a qualification for the category valid at the instant', () => {
    expect(eligibility(qualified, 'cleaning', at)).toEqual({ eligible: true });
  });

  it('refuses a vendor without a qualification for the category, even if it has one for another', () => {
    expect(codes(eligibility(qualified, 'catering', at))).toEqual(['no-valid-qualification']);
  });

  it('refuses a vendor whose qualification for the category has expired by the instant, naming the expiry', () => {
    const answer = eligibility(qualified, 'cleaning', new Date('2027-01-01T00:00:00Z'));
    expect(answer).toEqual({ eligible: false, reasons: [expect.objectContaining({ code: 'qualification-expired', expiredOn: permit.expiresOn })] });
  });

  it('refuses a qualification not yet issued at the instant', () => {
    expect(codes(eligibility(qualified, 'cleaning', new Date('2025-12-31T00:00:00Z')))).toEqual(['no-valid-qualification']);
  });

  it('refuses a blacklisted vendor and a suspended one, giving every reason at once', () => {
    expect(codes(eligibility({ ...vendor, status: 'blacklisted', qualifications: [] }, 'cleaning', at))).toEqual(['blacklisted', 'no-valid-qualification']);
    const suspended = { ...qualified, status: 'suspended' as const, suspension: { reason: 'late', suspendedBy: 'm', suspendedAt: new Date('2026-12-01T00:00:00Z') } };
    expect(codes(eligibility(suspended, 'cleaning', at))).toEqual(['suspended']);
  });

  it('calls a suspension decided by evaluation a sanction and says until when', () => {
    const until = new Date('2027-03-01T00:00:00Z');
    const sanctioned = { ...qualified, status: 'suspended' as const, suspension: { reason: 'food safety', suspendedBy: 'evaluator-1', suspendedAt: new Date('2026-12-01T00:00:00Z'), until, bySanction: true } };
    const answer = eligibility(sanctioned, 'cleaning', at);
    expect(answer).toEqual({ eligible: false, reasons: [expect.objectContaining({ code: 'sanctioned', until })] });
    expect(answer.eligible ? '' : answer.reasons[0]?.message).toContain('2027-03-01');
  });

  it('no longer counts a suspension whose end has passed at the instant', () => {
    const ended = { ...qualified, status: 'suspended' as const, suspension: { reason: 'late', suspendedBy: 'm', suspendedAt: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') } };
    expect(eligibility(ended, 'cleaning', at)).toEqual({ eligible: true });
  });
});

describe('adding a qualification', () => {
  const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
  const input = { id: 'q-2', addedBy: 'manager-1', kind: 'food-operation-permit' as const, number: ' JY13501000001 ', category: 'catering' as const, issuedOn: new Date('2026-01-01T00:00:00Z'), expiresOn: new Date('2028-01-01T00:00:00Z') };

  it('records the document for a category the vendor serves', () => {
    expect(addQualification(vendor, input, clock)).toMatchObject({ number: 'JY13501000001', category: 'catering', vendorId: vendor.id });
  });

  it('refuses a category the vendor is not registered for', () => {
    expect(() => addQualification(vendor, { ...input, category: 'security' }, clock)).toThrow(expect.objectContaining({ code: 'category-not-served', field: 'category' }));
  });

  it('refuses an expired document and one expiring before it was issued', () => {
    expect(() => addQualification(vendor, { ...input, expiresOn: new Date('2026-11-01T00:00:00Z') }, clock)).toThrow(BusinessRuleViolation);
    expect(() => addQualification(vendor, { ...input, expiresOn: new Date('2025-01-01T00:00:00Z') }, clock)).toThrow(expect.objectContaining({ code: 'expiry-before-issue' }));
  });
});

describe('sanctions from evaluation', () => {
  const from = new Date('2026-12-01T00:00:00Z');
  const until = new Date('2027-03-01T00:00:00Z');

  it('suspends an active vendor for the sanction period, marked as a sanction', () => {
    const outcome = applySanction(vendor, { kind: 'suspension', reason: 'food safety', from, until, decidedBy: 'evaluator-1' });
    expect(outcome).toMatchObject({ changed: true, previousStatus: 'active', vendor: { status: 'suspended', suspension: { bySanction: true, until, suspendedAt: from, suspendedBy: 'evaluator-1' } } });
  });

  it('changes nothing when the same sanction is applied again', () => {
    const sanction = { kind: 'suspension' as const, reason: 'food safety', from, until, decidedBy: 'evaluator-1' };
    const first = applySanction(vendor, sanction);
    expect(applySanction(first.vendor, sanction).changed).toBe(false);
  });

  it('blacklists from any status, ending a suspension, and a later suspension does not lift it', () => {
    const suspended = applySanction(vendor, { kind: 'suspension', reason: 'late', from, decidedBy: 'e' }).vendor;
    const blacklisted = applySanction(suspended, { kind: 'blacklisting', reason: 'fraud', from, decidedBy: 'e' });
    expect(blacklisted).toMatchObject({ changed: true, previousStatus: 'suspended', vendor: { status: 'blacklisted', blacklisting: { reason: 'fraud' } } });
    expect(blacklisted.vendor.suspension).toBeUndefined();
    expect(applySanction(blacklisted.vendor, { kind: 'suspension', reason: 'late', from, decidedBy: 'e' }).changed).toBe(false);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => applySanction(vendor, { kind: 'suspension', reason: 'x', from: until, until: from, decidedBy: 'e' })).toThrow(expect.objectContaining({ code: 'sanction-end-before-start' }));
  });
});
