import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { eligibility } from './eligibility';
import {
  Vendor,
  VendorRegistration,
  blacklistVendor,
  endLapsedSuspension,
  liftBlacklisting,
  registerVendor,
  reinstateEarly,
  suspendVendor,
  vendorStatusAt,
} from './vendor';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const registration: VendorRegistration = {
  id: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
  agencyId: 'agency-a',
  registeredBy: 'manager-1',
  name: '  福州市鼓楼区后勤服务有限公司 ',
  unifiedSocialCreditCode: ' 91350100m000100y43 ',
  categories: ['cleaning', 'maintenance'],
  contact: { name: ' 王经理 ', phone: ' 13800138000 ' },
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('registering a vendor', () => {
  it('enters an active vendor with a normalised credit code, trimmed names and the time of registration', () => {
    const vendor = registerVendor(registration, clock);
    expect(vendor).toMatchObject({
      status: 'active',
      name: '福州市鼓楼区后勤服务有限公司',
      unifiedSocialCreditCode: '91350100M000100Y43',
      contact: { name: '王经理', phone: '13800138000' },
      registeredBy: 'manager-1',
    });
    expect(vendor.registeredAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(vendor.suspension).toBeUndefined();
  });

  it('keeps the categories in the canonical order whatever order they were given in', () => {
    expect(registerVendor(registration, clock).categories).toEqual(['maintenance', 'cleaning']);
  });

  it('refuses a credit code whose check character does not match, naming the field', () => {
    const error = thrown(() => registerVendor({ ...registration, unifiedSocialCreditCode: '91350100M000100Y44' }, clock));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'credit-code-check-digit', field: 'unifiedSocialCreditCode' });
  });

  it('refuses a credit code of the wrong shape', () => {
    expect(thrown(() => registerVendor({ ...registration, unifiedSocialCreditCode: '91350100M000100' }, clock))).toMatchObject({
      code: 'invalid-credit-code',
      field: 'unifiedSocialCreditCode',
    });
  });

  it('requires at least one service category', () => {
    expect(thrown(() => registerVendor({ ...registration, categories: [] }, clock))).toMatchObject({ field: 'categories' });
  });

  it('refuses a category the platform does not know', () => {
    expect(thrown(() => registerVendor({ ...registration, categories: ['landscaping'] }, clock))).toMatchObject({ code: 'unknown-category' });
  });

  it('refuses a category listed twice', () => {
    expect(thrown(() => registerVendor({ ...registration, categories: ['catering', 'catering'] }, clock))).toMatchObject({
      code: 'duplicate-category',
    });
  });

  it('refuses a blank name', () => {
    expect(thrown(() => registerVendor({ ...registration, name: '  ' }, clock))).toMatchObject({ field: 'name' });
  });

  it('accepts a landline with area code and extension as the contact phone', () => {
    expect(registerVendor({ ...registration, contact: { name: '李', phone: '0591-87654321-801' } }, clock).contact.phone).toBe('0591-87654321-801');
  });

  it('refuses a contact phone that is not a mainland number', () => {
    expect(thrown(() => registerVendor({ ...registration, contact: { name: '李', phone: '12345' } }, clock))).toMatchObject({
      field: 'contact.phone',
    });
  });
});

describe('suspending a vendor', () => {
  const active: Vendor = registerVendor(registration, clock);
  const later = new FixedClock(new Date('2026-12-01T08:00:00Z'));

  it('suspends an active vendor until a date, recording who, why and when', () => {
    const suspended = suspendVendor(active, { suspendedBy: 'manager-2', reason: ' repeated SLA breaches ', until: new Date('2027-03-01T00:00:00Z') }, later);
    expect(suspended.status).toBe('suspended');
    expect(suspended.suspension).toEqual({
      reason: 'repeated SLA breaches',
      suspendedBy: 'manager-2',
      suspendedAt: new Date('2026-12-01T08:00:00Z'),
      until: new Date('2027-03-01T00:00:00Z'),
    });
  });

  it('suspends until further notice when no end date is given', () => {
    const suspended = suspendVendor(active, { suspendedBy: 'manager-2', reason: 'under investigation' }, later);
    expect(suspended.suspension?.until).toBeUndefined();
  });

  it('refuses to suspend a vendor that is already suspended, naming the current state', () => {
    const suspended = suspendVendor(active, { suspendedBy: 'manager-2', reason: 'under investigation' }, later);
    const error = thrown(() => suspendVendor(suspended, { suspendedBy: 'manager-2', reason: 'again' }, later));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe('suspended');
  });

  it('refuses to suspend a blacklisted vendor', () => {
    const blacklisted: Vendor = { ...active, status: 'blacklisted' };
    const error = thrown(() => suspendVendor(blacklisted, { suspendedBy: 'manager-2', reason: 'late deliveries' }, later));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe('blacklisted');
  });

  it('requires a reason', () => {
    expect(thrown(() => suspendVendor(active, { suspendedBy: 'manager-2', reason: ' ' }, later))).toMatchObject({ field: 'reason' });
  });

  it('refuses a suspension that would already have ended', () => {
    expect(
      thrown(() => suspendVendor(active, { suspendedBy: 'manager-2', reason: 'late deliveries', until: new Date('2026-11-30T00:00:00Z') }, later)),
    ).toMatchObject({ code: 'suspension-end-in-past', field: 'until' });
  });

  it('leaves the vendor it was given unchanged', () => {
    suspendVendor(active, { suspendedBy: 'manager-2', reason: 'under investigation' }, later);
    expect(active.status).toBe('active');
  });

  it('suspends again for a new offence once the earlier suspension has ended', () => {
    const first = suspendVendor(active, { suspendedBy: 'manager-2', reason: 'late deliveries', until: new Date('2026-12-10T00:00:00Z') }, later);
    const afterItsEnd = new FixedClock(new Date('2026-12-10T00:00:00Z'));
    const again = suspendVendor(first, { suspendedBy: 'manager-3', reason: 'short weights' }, afterItsEnd);
    expect(again.suspension).toEqual({ reason: 'short weights', suspendedBy: 'manager-3', suspendedAt: afterItsEnd.now() });
  });

  it('refuses to suspend again one instant before the earlier suspension ends', () => {
    const first = suspendVendor(active, { suspendedBy: 'manager-2', reason: 'late deliveries', until: new Date('2026-12-10T00:00:00Z') }, later);
    const justBefore = new FixedClock(new Date('2026-12-09T23:59:59.999Z'));
    expect(thrown(() => suspendVendor(first, { suspendedBy: 'manager-3', reason: 'short weights' }, justBefore))).toMatchObject({ currentState: 'suspended' });
  });
});

describe("a vendor's status at an instant", () => {
  const active = registerVendor(registration, clock);
  const suspended = suspendVendor(active, { suspendedBy: 'm', reason: 'late', until: new Date('2026-12-10T00:00:00Z') }, clock);
  const permit = {
    id: 'q-1',
    vendorId: active.id,
    kind: 'service-permit' as const,
    number: 'P-1',
    category: 'cleaning' as const,
    issuedOn: new Date('2026-01-01T00:00:00Z'),
    expiresOn: new Date('2029-01-01T00:00:00Z'),
    addedBy: 'm',
    addedAt: new Date('2026-01-01T00:00:00Z'),
  };

  it('is suspended until the end of the suspension and active from that instant', () => {
    expect(vendorStatusAt(suspended, new Date('2026-12-09T23:59:59.999Z'))).toBe('suspended');
    expect(vendorStatusAt(suspended, new Date('2026-12-10T00:00:00Z'))).toBe('active');
  });

  it('stays suspended while a suspension until further notice lasts, and blacklisted while blacklisted', () => {
    const open = suspendVendor(active, { suspendedBy: 'm', reason: 'late' }, clock);
    expect(vendorStatusAt(open, new Date('2099-01-01T00:00:00Z'))).toBe('suspended');
    expect(vendorStatusAt(blacklistVendor(active, { decidedBy: 'admin', reason: 'fraud' }, clock), new Date('2099-01-01T00:00:00Z'))).toBe('blacklisted');
  });

  it('is the rule bid eligibility reads: eligible exactly when the status at the instant is active', () => {
    for (const at of ['2026-12-09T23:59:59.999Z', '2026-12-10T00:00:00Z', '2026-12-11T00:00:00Z'].map((iso) => new Date(iso))) {
      expect(eligibility({ ...suspended, qualifications: [permit] }, 'cleaning', at).eligible).toBe(vendorStatusAt(suspended, at) === 'active');
    }
  });
});

describe('ending a suspension', () => {
  const active = registerVendor(registration, clock);
  const end = new Date('2026-12-10T00:00:00Z');
  const suspended = suspendVendor(active, { suspendedBy: 'm', reason: 'late', until: end }, clock);

  it('ends by itself at its end, recorded at that instant by the system, whenever the sweep comes', () => {
    const ended = endLapsedSuspension(suspended, new Date('2026-12-10T00:05:00Z'));
    expect(ended?.vendor).toMatchObject({ status: 'active', reinstatement: { cause: 'suspension-ended', decidedBy: 'system', at: end } });
    expect(ended?.vendor.suspension).toBeUndefined();
    expect(ended?.ended).toEqual({ status: 'suspended', suspension: suspended.suspension });
  });

  it('does not end before its end, nor a suspension until further notice, nor an active vendor', () => {
    expect(endLapsedSuspension(suspended, new Date('2026-12-09T23:59:59.999Z'))).toBeUndefined();
    expect(endLapsedSuspension(suspendVendor(active, { suspendedBy: 'm', reason: 'late' }, clock), new Date('2099-01-01T00:00:00Z'))).toBeUndefined();
    expect(endLapsedSuspension(active, new Date('2099-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('lets a logistics manager reinstate early with a reason, recording who, why and when', () => {
    const at = new FixedClock(new Date('2026-12-03T10:00:00Z'));
    const outcome = reinstateEarly(suspended, { decidedBy: 'manager-2', reason: ' insurance renewed ' }, at);
    expect(outcome.vendor).toMatchObject({ status: 'active', reinstatement: { cause: 'reinstated-early', reason: 'insurance renewed', decidedBy: 'manager-2', at: at.now() } });
    expect(outcome.ended.status).toBe('suspended');
  });

  it('requires a reason to reinstate early', () => {
    expect(thrown(() => reinstateEarly(suspended, { decidedBy: 'manager-2', reason: '  ' }, clock))).toMatchObject({ code: 'reason-required', field: 'reason' });
  });

  it('refuses to reinstate a vendor that is not suspended, naming its status: active, already ended, blacklisted', () => {
    expect(thrown(() => reinstateEarly(active, { decidedBy: 'm', reason: 'x' }, clock))).toMatchObject({ currentState: 'active' });
    expect(thrown(() => reinstateEarly(suspended, { decidedBy: 'm', reason: 'x' }, new FixedClock(end)))).toMatchObject({ currentState: 'active' });
    const blacklisted = blacklistVendor(active, { decidedBy: 'admin', reason: 'fraud' }, clock);
    expect(thrown(() => reinstateEarly(blacklisted, { decidedBy: 'm', reason: 'x' }, clock))).toMatchObject({ currentState: 'blacklisted' });
  });
});

describe('blacklisting a vendor', () => {
  const active = registerVendor(registration, clock);

  it('blacklists an active vendor with a reason, from now, with no end', () => {
    const blacklisted = blacklistVendor(active, { decidedBy: 'admin-1', reason: ' forged certificates ' }, clock);
    expect(blacklisted).toMatchObject({ status: 'blacklisted', blacklisting: { reason: 'forged certificates', decidedBy: 'admin-1', from: clock.now() } });
  });

  it('blacklists a suspended vendor, ending the suspension', () => {
    const suspended = suspendVendor(active, { suspendedBy: 'm', reason: 'late' }, clock);
    const blacklisted = blacklistVendor(suspended, { decidedBy: 'admin-1', reason: 'fraud' }, clock);
    expect(blacklisted.status).toBe('blacklisted');
    expect(blacklisted.suspension).toBeUndefined();
  });

  it('requires a reason, and refuses to blacklist a blacklisted vendor again', () => {
    expect(thrown(() => blacklistVendor(active, { decidedBy: 'admin-1', reason: '' }, clock))).toMatchObject({ field: 'reason' });
    const blacklisted = blacklistVendor(active, { decidedBy: 'admin-1', reason: 'fraud' }, clock);
    expect(thrown(() => blacklistVendor(blacklisted, { decidedBy: 'admin-1', reason: 'fraud' }, clock))).toMatchObject({ currentState: 'blacklisted' });
  });

  it('lifts a blacklisting with a reason: the vendor is active again and the lifting is recorded', () => {
    const blacklisted = blacklistVendor(active, { decidedBy: 'admin-1', reason: 'fraud' }, clock);
    const lifted = liftBlacklisting(blacklisted, { decidedBy: 'admin-2', reason: 'court ruling overturned' }, later());
    expect(lifted.vendor).toMatchObject({ status: 'active', reinstatement: { cause: 'blacklisting-lifted', reason: 'court ruling overturned', decidedBy: 'admin-2' } });
    expect(lifted.vendor.blacklisting).toBeUndefined();
    expect(lifted.ended).toEqual({ status: 'blacklisted', blacklisting: blacklisted.blacklisting });
  });

  it('refuses to lift the blacklisting of a vendor that is not blacklisted, and one without a reason', () => {
    expect(thrown(() => liftBlacklisting(active, { decidedBy: 'admin-1', reason: 'x' }, clock))).toMatchObject({ currentState: 'active' });
    const blacklisted = blacklistVendor(active, { decidedBy: 'admin-1', reason: 'fraud' }, clock);
    expect(thrown(() => liftBlacklisting(blacklisted, { decidedBy: 'admin-1', reason: ' ' }, clock))).toMatchObject({ field: 'reason' });
  });

  function later(): FixedClock {
    return new FixedClock(new Date('2027-01-01T00:00:00Z'));
  }
});
