import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { Vendor, VendorRegistration, registerVendor, suspendVendor } from './vendor';

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
});
