import { FixedClock } from '@houqin/domain';
import { applySanction, endSanction } from './sanction';
import { Vendor, registerVendor, suspendVendor } from './vendor';

const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
const from = new Date('2026-12-01T02:00:00Z');
const until = new Date('2026-12-11T02:00:00Z');
const registered = registerVendor(
  {
    id: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
    agencyId: 'agency-a',
    registeredBy: 'manager-1',
    name: '福州市物业维修有限公司',
    unifiedSocialCreditCode: '91350100M000100Y43',
    categories: ['maintenance'],
    contact: { name: '王经理', phone: '13800138000' },
  },
  clock,
);

function sanctioned(kind: 'suspension' | 'blacklisting'): Vendor {
  return applySanction(registered, { kind, reason: '6 penalty points within 30 days', from, ...(kind === 'suspension' ? { until } : {}), decidedBy: 'manager-chen' }).vendor;
}

describe("evaluation's vendor.reinstated", () => {
  it('ends the suspension that is this sanction at its end, as the registry would have', () => {
    const outcome = endSanction(sanctioned('suspension'), { kind: 'suspension', cause: 'period-ended', from, until, reason: 'ended', by: 'system', at: until });
    expect(outcome?.vendor).toMatchObject({ status: 'active', reinstatement: { cause: 'suspension-ended', decidedBy: 'system', at: until } });
    expect(outcome?.vendor.suspension).toBeUndefined();
  });

  it('ends it early with the reason and who lifted it', () => {
    const at = new Date('2026-12-03T02:00:00Z');
    const outcome = endSanction(sanctioned('suspension'), { kind: 'suspension', cause: 'lifted-early', from, until, reason: '整改到位', by: 'admin-lin', at });
    expect(outcome?.vendor.reinstatement).toEqual({ cause: 'reinstated-early', reason: '整改到位', decidedBy: 'admin-lin', at });
  });

  it('changes nothing when the suspension already ended (the sweep was first) or the bar is another one', () => {
    const ended = { kind: 'suspension' as const, cause: 'period-ended' as const, from, until, reason: 'ended', by: 'system', at: until };
    expect(endSanction(registered, ended)).toBeUndefined();
    const byManager = suspendVendor(registered, { suspendedBy: 'manager-1', reason: 'late deliveries', until }, clock);
    expect(endSanction(byManager, ended)).toBeUndefined();
    expect(endSanction(sanctioned('suspension'), { ...ended, from: new Date(from.getTime() + 1) })).toBeUndefined();
    expect(endSanction(sanctioned('blacklisting'), ended)).toBeUndefined();
  });

  it('lifts a blacklisting that is this sanction', () => {
    const outcome = endSanction(sanctioned('blacklisting'), { kind: 'blacklisting', cause: 'lifted-early', from, reason: '申诉成立', by: 'admin-lin', at: until });
    expect(outcome?.vendor).toMatchObject({ status: 'active', reinstatement: { cause: 'blacklisting-lifted', decidedBy: 'admin-lin' } });
    expect(outcome?.ended.status).toBe('blacklisted');
  });
});
