import { Caller } from '@houqin/observability';
import { authorize } from './authorization';
import { RoutePolicy } from './route-policy';

const read: RoutePolicy = { method: 'GET', path: '/api/v1/catering/canteens', action: 'catering.canteens.read', roles: ['staff', 'supervisor', 'integrator'], scope: 'supervised-read' };
const write: RoutePolicy = { method: 'POST', path: '/api/v1/catering/canteens', action: 'catering.canteens.open', roles: ['logistics-manager', 'supervisor'], scope: 'agency' };
const platform: RoutePolicy = { method: 'POST', path: '/api/v1/identity/agencies', action: 'identity.agencies.create', roles: ['platform-admin'], scope: 'platform' };

const staff: Caller = { userId: 'u-1', agencyId: 'agency-a', roles: ['staff'] };
const supervisor: Caller = { userId: 'u-2', agencyId: 'body-office', roles: ['supervisor'], supervisedAgencyIds: ['agency-a', 'agency-b'] };

describe('authorize', () => {
  it('allows a role of the policy in the caller’s own agency, with or without naming it', () => {
    expect(authorize(read, staff, undefined)).toEqual({ outcome: 'allowed', actingAs: staff });
    expect(authorize(read, staff, 'agency-a')).toEqual({ outcome: 'allowed', actingAs: staff });
  });

  it('forbids a role outside the policy wherever it aims, naming the action', () => {
    const decision = authorize(write, staff, undefined);
    expect(decision).toEqual({ outcome: 'forbidden', detail: 'catering.canteens.open is not allowed to role staff' });
    expect(authorize(write, staff, 'agency-z').outcome).toBe('forbidden');
  });

  it('hides another agency (404) from an allowed role', () => {
    expect(authorize(read, staff, 'agency-b')).toMatchObject({ outcome: 'hidden' });
    expect(authorize(write, { ...staff, roles: ['logistics-manager'] }, 'agency-b')).toMatchObject({ outcome: 'hidden' });
  });

  it('lets a supervisor read an agency they oversee, acting there as a supervisor only', () => {
    const decision = authorize(read, { ...supervisor, roles: ['supervisor', 'staff'] }, 'agency-b');
    expect(decision).toEqual({ outcome: 'allowed', actingAs: { userId: 'u-2', agencyId: 'agency-b', roles: ['supervisor'], supervisedAgencyIds: ['agency-a', 'agency-b'] } });
  });

  it('never lets a supervisor write in an agency they oversee, nor read one they do not', () => {
    expect(authorize(write, supervisor, 'agency-a')).toMatchObject({ outcome: 'hidden' });
    expect(authorize(read, supervisor, 'agency-c')).toMatchObject({ outcome: 'hidden' });
  });

  it('does not let someone else’s supervised list count without the supervisor role', () => {
    expect(authorize(read, { ...staff, supervisedAgencyIds: ['agency-b'] }, 'agency-b')).toMatchObject({ outcome: 'hidden' });
  });

  it('ignores the agency named for platform routes', () => {
    const admin: Caller = { userId: 'u-0', agencyId: 'platform', roles: ['platform-admin'] };
    expect(authorize(platform, admin, 'agency-a')).toEqual({ outcome: 'allowed', actingAs: admin });
  });

  it('requires an integrator’s key to be scoped to the action', () => {
    const integrator: Caller = { userId: 'key-1', agencyId: 'agency-a', roles: ['integrator'] };
    expect(authorize(read, integrator, undefined, { actions: ['catering.canteens.read'], eventTypes: [] }).outcome).toBe('allowed');
    expect(authorize(read, integrator, undefined, { actions: ['transport.vehicles.read'], eventTypes: [] })).toEqual({
      outcome: 'forbidden',
      detail: 'the API key is not scoped to catering.canteens.read',
    });
  });
});
