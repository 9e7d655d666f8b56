import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { User, UserStatus, changeUser, createUser, disableUser, mayAdministerAgency, mayCreateAgencies, openAgency } from './identity';

const clock = new FixedClock(new Date('2026-12-01T08:00:00Z'));
const agencyAdmin = { agencyId: 'agency-a', roles: ['agency-admin'] };
const platformAdmin = { agencyId: 'platform', roles: ['platform-admin'] };
const newUser = { id: 'u1', agencyId: 'agency-a', username: ' Wang.Li ', displayName: ' Wang Li ', roles: ['staff'] };

describe('administering identities', () => {
  it('lets a platform admin administer every agency and create agencies', () => {
    expect(mayAdministerAgency(platformAdmin, 'agency-b')).toBe('allowed');
    expect(mayCreateAgencies(platformAdmin)).toBe(true);
  });

  it('lets an agency admin administer their own agency only; another agency is not found', () => {
    expect(mayAdministerAgency(agencyAdmin, 'agency-a')).toBe('allowed');
    expect(mayAdministerAgency(agencyAdmin, 'agency-b')).toBe('not-found');
    expect(mayCreateAgencies(agencyAdmin)).toBe(false);
  });

  it('forbids everyone else', () => {
    expect(mayAdministerAgency({ agencyId: 'agency-a', roles: ['staff', 'logistics-manager'] }, 'agency-a')).toBe('forbidden');
  });
});

describe('agencies and users', () => {
  it('normalises the agency code', () => {
    expect(openAgency({ id: 'a', name: ' Finance Bureau ', code: 'Finance-Bureau' }, clock)).toMatchObject({ name: 'Finance Bureau', code: 'finance-bureau', status: 'active' });
  });

  it('creates an active user with a normalised username and token version 1', () => {
    expect(createUser(newUser, agencyAdmin, clock)).toMatchObject({ username: 'wang.li', displayName: 'Wang Li', status: 'active', tokenVersion: 1 });
  });

  it('does not let an agency admin grant platform-admin', () => {
    expect(() => createUser({ ...newUser, roles: ['platform-admin'] }, agencyAdmin, clock)).toThrow(expect.objectContaining({ code: 'role-not-grantable' }));
    expect(createUser({ ...newUser, roles: ['platform-admin'] }, platformAdmin, clock).roles).toEqual(['platform-admin']);
  });

  it('ties a vendor account to exactly one vendor and no other role', () => {
    expect(createUser({ ...newUser, roles: ['vendor'], vendorId: 'vendor-9' }, agencyAdmin, clock).vendorId).toBe('vendor-9');
    expect(() => createUser({ ...newUser, roles: ['vendor'] }, agencyAdmin, clock)).toThrow(expect.objectContaining({ field: 'vendorId' }));
    expect(() => createUser({ ...newUser, roles: ['vendor', 'staff'], vendorId: 'v' }, agencyAdmin, clock)).toThrow(BusinessRuleViolation);
    expect(() => createUser({ ...newUser, vendorId: 'v' }, agencyAdmin, clock)).toThrow(expect.objectContaining({ code: 'vendor-without-role' }));
  });

  it('ties a supervisor to the supervising body they oversee for, granted by a platform admin only', () => {
    const supervisor = createUser({ ...newUser, roles: ['supervisor'], supervisingBodyId: 'body-1' }, platformAdmin, clock);
    expect(supervisor.supervisingBodyId).toBe('body-1');
    expect(() => createUser({ ...newUser, roles: ['supervisor'] }, platformAdmin, clock)).toThrow(expect.objectContaining({ code: 'supervising-body-required', field: 'supervisingBodyId' }));
    expect(() => createUser({ ...newUser, supervisingBodyId: 'body-1' }, platformAdmin, clock)).toThrow(expect.objectContaining({ code: 'supervising-body-without-role' }));
    expect(() => createUser({ ...newUser, roles: ['supervisor'], supervisingBodyId: 'body-1' }, agencyAdmin, clock)).toThrow(expect.objectContaining({ code: 'role-not-grantable' }));
  });

  it('links a person to their identity provider subject', () => {
    expect(createUser({ ...newUser, externalSubject: ' idp|4711 ' }, agencyAdmin, clock).externalSubject).toBe('idp|4711');
  });

  it('disabling moves the token version on, and happens once', () => {
    const user = createUser(newUser, agencyAdmin, clock);
    const disabled = disableUser(user, clock);
    expect(disabled).toMatchObject({ status: 'disabled', tokenVersion: 2 });
    expect(() => disableUser(disabled, clock)).toThrow(IllegalTransitionError);
  });
});

describe('changing a person', () => {
  const user = createUser({ ...newUser, departmentId: 'd-1' }, agencyAdmin, clock);

  it('keeps sessions for a new name or department, and ends them for new roles', () => {
    const renamed = changeUser(user, { displayName: 'Wang Lili', departmentId: 'd-2' }, agencyAdmin, clock);
    expect(renamed.changed).toEqual(['displayName', 'departmentId']);
    expect(renamed.user.tokenVersion).toBe(user.tokenVersion);
    const promoted = changeUser(user, { roles: ['staff', 'approver'] }, agencyAdmin, clock);
    expect(promoted.changed).toEqual(['roles']);
    expect(promoted.user.tokenVersion).toBe(user.tokenVersion + 1);
    expect(promoted.user.createdAt).toEqual(user.createdAt);
  });

  it('applies the rules of creation: no platform-admin from an agency admin, a vendor account keeps to its vendor', () => {
    expect(() => changeUser(user, { roles: ['platform-admin'] }, agencyAdmin, clock)).toThrow(expect.objectContaining({ code: 'role-not-grantable' }));
    expect(() => changeUser(user, { roles: ['vendor'] }, agencyAdmin, clock)).toThrow(expect.objectContaining({ code: 'vendor-required' }));
    const vendor = createUser({ ...newUser, roles: ['vendor'], vendorId: 'v-1' }, agencyAdmin, clock);
    const moved = changeUser(vendor, { vendorId: 'v-2' }, agencyAdmin, clock);
    expect(moved.changed).toEqual(['vendorId']);
    expect(moved.user.tokenVersion).toBe(vendor.tokenVersion + 1);
  });

  it('refuses a change that changes nothing, and any change of a disabled person (409 naming the state)', () => {
    expect(() => changeUser(user, { displayName: ' Wang Li ' }, agencyAdmin, clock)).toThrow(expect.objectContaining({ code: 'nothing-changed' }));
    const disabled = disableUser(user, clock);
    expect(() => changeUser(disabled, { displayName: 'X' }, agencyAdmin, clock)).toThrow(IllegalTransitionError);
  });
});

/*
 * The whole state × action table of a user account, written out from the business: an active
 * account is changed or disabled; a disabled account is final (no change, not disabled twice) —
 * '409' is an illegal transition naming the state.
 */
type UserAction = 'change' | 'disable';
const USER_TABLE: Record<UserStatus, Record<UserAction, UserStatus | '409'>> = {
  active: { change: 'active', disable: 'disabled' },
  disabled: { change: '409', disable: '409' },
};

describe('the user account state × action table', () => {
  const perform: Record<UserAction, (user: User) => User> = {
    change: (user) => changeUser(user, { displayName: 'Wang Lili' }, agencyAdmin, clock).user,
    disable: (user) => disableUser(user, clock),
  };
  const cells = (Object.keys(USER_TABLE) as UserStatus[]).flatMap((state) => (Object.keys(perform) as UserAction[]).map((action) => [state, action, USER_TABLE[state][action]] as const));

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    const user: User = { ...createUser(newUser, agencyAdmin, clock), status: state };
    if (expected === '409') {
      expect(() => perform[action](user)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](user).status).toBe(expected);
    }
  });
});
