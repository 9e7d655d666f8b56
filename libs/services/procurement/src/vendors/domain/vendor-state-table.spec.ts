import { FixedClock, IllegalTransitionError } from '@houqin/domain';
import { VENDOR_STATUSES, Vendor, VendorStatus, blacklistVendor, endLapsedSuspension, liftBlacklisting, registerVendor, reinstateEarly, suspendVendor } from './vendor';

/*
 * The whole state × action table of a vendor in the registry (供应商库), written out from the
 * business: an active vendor is suspended for a while or until further notice, and is active again
 * when the suspension ends by itself or a logistics manager reinstates it early; an active or
 * suspended vendor is blacklisted, and only lifting the blacklisting makes it active again. A
 * suspension whose end has passed no longer bars the vendor, even before the sweep records its end:
 * the vendor reads as active (and may be suspended again for a new offence).
 * 'ignored' changes nothing; '409' is an illegal transition naming the state the vendor reads as.
 */
type VendorCondition = 'active' | 'suspended' | 'suspended, its end passed' | 'blacklisted';
type VendorAction = 'suspend' | 'end-lapsed-suspension' | 'reinstate-early' | 'blacklist' | 'lift-blacklisting';
// prettier-ignore
const VENDOR_TABLE: Record<VendorCondition, { readsAs: VendorStatus; actions: Record<VendorAction, VendorStatus | 'ignored' | '409'> }> = {
  'active':                    { readsAs: 'active',      actions: { suspend: 'suspended', 'end-lapsed-suspension': 'ignored', 'reinstate-early': '409',    blacklist: 'blacklisted', 'lift-blacklisting': '409' } },
  'suspended':                 { readsAs: 'suspended',   actions: { suspend: '409',       'end-lapsed-suspension': 'ignored', 'reinstate-early': 'active', blacklist: 'blacklisted', 'lift-blacklisting': '409' } },
  'suspended, its end passed': { readsAs: 'active',      actions: { suspend: 'suspended', 'end-lapsed-suspension': 'active',  'reinstate-early': '409',    blacklist: 'blacklisted', 'lift-blacklisting': '409' } },
  'blacklisted':               { readsAs: 'blacklisted', actions: { suspend: '409',       'end-lapsed-suspension': 'ignored', 'reinstate-early': '409',    blacklist: '409',         'lift-blacklisting': 'active' } },
};

const registeredOn = new FixedClock(new Date('2026-11-01T09:00:00Z'));
const now = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const registered = registerVendor(
  {
    id: '3f0c9b1e-7a2d-4c5e-8f6a-1b2c3d4e5f60',
    agencyId: 'agency-a',
    registeredBy: 'manager-1',
    name: 'Huaxin Facilities',
    unifiedSocialCreditCode: '91350100M000100Y43',
    categories: ['maintenance'],
    contact: { name: '王经理', phone: '13800138000' },
  },
  registeredOn,
);

const inCondition: Record<VendorCondition, () => Vendor> = {
  active: () => registered,
  suspended: () => suspendVendor(registered, { suspendedBy: 'manager-1', reason: 'three SLA breaches', until: new Date('2026-12-31T00:00:00Z') }, registeredOn),
  'suspended, its end passed': () => suspendVendor(registered, { suspendedBy: 'manager-1', reason: 'late deliveries', until: new Date('2026-11-20T00:00:00Z') }, registeredOn),
  blacklisted: () => blacklistVendor(registered, { decidedBy: 'admin-1', reason: 'forged inspection records' }, registeredOn),
};

const perform: Record<VendorAction, (vendor: Vendor) => VendorStatus | 'ignored'> = {
  suspend: (vendor) => suspendVendor(vendor, { suspendedBy: 'manager-1', reason: 'a new offence' }, now).status,
  'end-lapsed-suspension': (vendor) => endLapsedSuspension(vendor, now.now())?.vendor.status ?? 'ignored',
  'reinstate-early': (vendor) => reinstateEarly(vendor, { decidedBy: 'manager-1', reason: 'breaches remedied' }, now).vendor.status,
  blacklist: (vendor) => blacklistVendor(vendor, { decidedBy: 'admin-1', reason: 'bribery' }, now).status,
  'lift-blacklisting': (vendor) => liftBlacklisting(vendor, { decidedBy: 'admin-1', reason: 'court overturned the finding' }, now).vendor.status,
};

describe('the vendor state × action table', () => {
  it('has a row for every status', () => {
    expect([...new Set(Object.values(VENDOR_TABLE).map((row) => row.readsAs))].sort()).toEqual([...VENDOR_STATUSES].sort());
  });

  const cells = (Object.keys(VENDOR_TABLE) as VendorCondition[]).flatMap((condition) =>
    (Object.keys(perform) as VendorAction[]).map((action) => [condition, action, VENDOR_TABLE[condition].actions[action]] as const),
  );

  it.each(cells)('%s, %s → %s', (condition, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inCondition[condition]())).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: VENDOR_TABLE[condition].readsAs }));
    } else {
      expect(perform[action](inCondition[condition]())).toBe(expected);
    }
  });
});
