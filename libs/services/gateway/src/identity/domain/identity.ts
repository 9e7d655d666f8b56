import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';

/**
 * Who may administer an agency's identities. A platform admin administers every agency; an agency
 * admin only their own — another agency is reported as not found, so its existence does not leak;
 * nobody else administers identities at all (forbidden).
 */
export type AdministrationDecision = 'allowed' | 'forbidden' | 'not-found';

export interface Administrator {
  agencyId: string;
  roles: readonly string[];
}

export function mayAdministerAgency(caller: Administrator, agencyId: string): AdministrationDecision {
  if (caller.roles.includes('platform-admin')) return 'allowed';
  if (!caller.roles.includes('agency-admin')) return 'forbidden';
  return caller.agencyId === agencyId ? 'allowed' : 'not-found';
}

export function mayCreateAgencies(caller: Administrator): boolean {
  return caller.roles.includes('platform-admin');
}

/** Roles only a platform admin may grant: an agency admin cannot make anyone a platform admin. */
export const PLATFORM_ONLY_ROLES: readonly string[] = ['platform-admin'];

export type UserStatus = 'active' | 'disabled';
export type AgencyStatus = 'active' | 'disabled';

export interface Agency {
  id: string;
  name: string;
  code: string;
  supervisingBodyId?: string;
  status: AgencyStatus;
  createdAt: Date;
}

export interface User {
  id: string;
  agencyId: string;
  departmentId?: string;
  username: string;
  displayName: string;
  roles: string[];
  vendorId?: string;
  /** For a supervisor: the supervising body whose agencies they may read across. */
  supervisingBodyId?: string;
  /** The subject of the person at the agency's own identity provider (OIDC), when they sign in there. */
  externalSubject?: string;
  status: UserStatus;
  tokenVersion: number;
  createdAt: Date;
  disabledAt?: Date;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const AGENCY_CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function openAgency(input: { id: string; name: string; code: string; supervisingBodyId?: string }, clock: Clock): Agency {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the agency a name', 'name');
  const code = input.code.trim().toLowerCase();
  if (!AGENCY_CODE.test(code)) throw new BusinessRuleViolation('code-invalid', 'an agency code is 2–64 lower-case letters, digits and dashes', 'code');
  return { id: input.id, name, code, ...(input.supervisingBodyId ? { supervisingBodyId: input.supervisingBodyId } : {}), status: 'active', createdAt: clock.now() };
}

export interface NewUser {
  id: string;
  agencyId: string;
  departmentId?: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  vendorId?: string;
  supervisingBodyId?: string;
  externalSubject?: string;
}

/**
 * A person who may log in for an agency. A vendor account (role vendor) is tied to exactly one
 * vendor of procurement's registry and holds no other role: it acts only for that vendor.
 */
export function createUser(input: NewUser, grantedBy: Administrator, clock: Clock): User {
  const username = normaliseUsername(input.username);
  if (!USERNAME.test(username)) throw new BusinessRuleViolation('username-invalid', 'a username is 2–64 lower-case letters, digits, dot, dash or underscore', 'username');
  const displayName = input.displayName.trim();
  if (!displayName) throw new BusinessRuleViolation('display-name-required', 'give the person a display name', 'displayName');
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) throw new BusinessRuleViolation('roles-required', 'give the person at least one role', 'roles');
  if (!grantedBy.roles.includes('platform-admin') && roles.some((role) => PLATFORM_ONLY_ROLES.includes(role))) {
    throw new BusinessRuleViolation('role-not-grantable', 'only a platform admin may grant the platform-admin role', 'roles');
  }
  const vendorId = input.vendorId?.trim();
  if (roles.includes('vendor')) {
    if (!vendorId) throw new BusinessRuleViolation('vendor-required', 'a vendor account names its vendor', 'vendorId');
    if (roles.length > 1) throw new BusinessRuleViolation('vendor-only-role', 'a vendor account holds the vendor role only', 'roles');
  } else if (vendorId) {
    throw new BusinessRuleViolation('vendor-without-role', 'only a vendor account (role vendor) names a vendor', 'vendorId');
  }
  const supervisingBodyId = input.supervisingBodyId?.trim();
  if (roles.includes('supervisor') && !supervisingBodyId) {
    throw new BusinessRuleViolation('supervising-body-required', 'a supervisor names the supervising body whose agencies they oversee', 'supervisingBodyId');
  }
  if (supervisingBodyId && !roles.includes('supervisor')) {
    throw new BusinessRuleViolation('supervising-body-without-role', 'only a supervisor (role supervisor) names a supervising body', 'supervisingBodyId');
  }
  if (supervisingBodyId && !grantedBy.roles.includes('platform-admin')) {
    throw new BusinessRuleViolation('role-not-grantable', 'only a platform admin makes someone a supervisor of a supervising body', 'roles');
  }
  const externalSubject = input.externalSubject?.trim();
  return {
    id: input.id,
    agencyId: input.agencyId,
    ...(input.departmentId ? { departmentId: input.departmentId } : {}),
    username,
    displayName,
    roles,
    ...(vendorId ? { vendorId } : {}),
    ...(supervisingBodyId ? { supervisingBodyId } : {}),
    ...(externalSubject ? { externalSubject } : {}),
    status: 'active',
    tokenVersion: 1,
    createdAt: clock.now(),
  };
}

/** Disabling ends every session at once: the token version moves on, so older access tokens fail. */
export function disableUser(user: User, clock: Clock): User {
  if (user.status !== 'active') throw new IllegalTransitionError('user', user.status, 'disable');
  return { ...user, status: 'disabled', tokenVersion: user.tokenVersion + 1, disabledAt: clock.now() };
}

export interface UserChanges {
  displayName?: string;
  departmentId?: string;
  roles?: readonly string[];
  vendorId?: string;
}

export type ChangedField = 'displayName' | 'departmentId' | 'roles' | 'vendorId';

/**
 * Changes a person's name, department, roles or vendor under the same rules as creating them. A
 * change of roles or vendor moves the token version on: tokens carrying the old roles are refused at
 * once, and the person logs in again with the new ones.
 */
export function changeUser(user: User, changes: UserChanges, grantedBy: Administrator, clock: Clock): { user: User; changed: ChangedField[] } {
  if (user.status !== 'active') throw new IllegalTransitionError('user', user.status, 'change');
  const roles = changes.roles ?? user.roles;
  const vendorId = changes.vendorId !== undefined ? changes.vendorId : roles.includes('vendor') ? user.vendorId : undefined;
  const next = createUser(
    {
      id: user.id,
      agencyId: user.agencyId,
      username: user.username,
      displayName: changes.displayName ?? user.displayName,
      roles,
      ...((changes.departmentId ?? user.departmentId) ? { departmentId: changes.departmentId ?? user.departmentId } : {}),
      ...(vendorId ? { vendorId } : {}),
      ...(user.supervisingBodyId && roles.includes('supervisor') ? { supervisingBodyId: user.supervisingBodyId } : {}),
      ...(user.externalSubject ? { externalSubject: user.externalSubject } : {}),
    },
    // Supervisors are the platform admin's to change, like they are to create.
    grantedBy,
    clock,
  );
  const changed: ChangedField[] = [];
  if (next.displayName !== user.displayName) changed.push('displayName');
  if (next.departmentId !== user.departmentId) changed.push('departmentId');
  if ([...next.roles].sort().join() !== [...user.roles].sort().join()) changed.push('roles');
  if (next.vendorId !== user.vendorId) changed.push('vendorId');
  if (changed.length === 0) throw new BusinessRuleViolation('nothing-changed', 'the change leaves the person as they are', 'roles');
  const revokesSessions = changed.includes('roles') || changed.includes('vendorId');
  return {
    user: { ...next, status: user.status, createdAt: user.createdAt, tokenVersion: revokesSessions ? user.tokenVersion + 1 : user.tokenVersion },
    changed,
  };
}
