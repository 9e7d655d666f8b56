import { comparedAgencies, comparingIn, holdsAnyRole, mayViewVendor, parseAgencyIds } from './view-access';

const vendorId = '7f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const otherVendorId = '00000000-0000-4000-8000-000000000000';

describe('who sees a view', () => {
  it('is whoever holds one of the roles the view’s policy allows', () => {
    expect(holdsAnyRole({ agencyId: 'a', roles: ['staff'] }, ['staff', 'auditor'])).toBe(true);
    expect(holdsAnyRole({ agencyId: 'a', roles: ['vendor'] }, ['staff', 'auditor'])).toBe(false);
  });
});

describe('a vendor’s 360 view', () => {
  it('is open to the agency’s people for any vendor of the agency', () => {
    expect(mayViewVendor({ agencyId: 'a', roles: ['logistics-manager'] }, vendorId)).toBe(true);
  });

  it('is open to vendor staff for their own vendor only', () => {
    expect(mayViewVendor({ agencyId: 'a', roles: ['vendor'], vendorId }, vendorId)).toBe(true);
    expect(mayViewVendor({ agencyId: 'a', roles: ['vendor'], vendorId: vendorId.toUpperCase() }, vendorId)).toBe(true);
    expect(mayViewVendor({ agencyId: 'a', roles: ['vendor'], vendorId }, otherVendorId)).toBe(false);
  });

  it('is closed to vendor staff whose token names no vendor', () => {
    expect(mayViewVendor({ agencyId: 'a', roles: ['vendor'] }, vendorId)).toBe(false);
  });
});

describe('the agencies a comparison covers', () => {
  const supervisor = { agencyId: 'bureau', roles: ['supervisor'], supervisedAgencyIds: ['east', 'west', 'east'] };

  it('are the supervisor’s supervised agencies, each once', () => {
    expect(comparedAgencies(supervisor, undefined, 20)).toEqual({ kind: 'agencies', agencyIds: ['east', 'west'] });
  });

  it('are those of them the request names', () => {
    expect(comparedAgencies(supervisor, ['west'], 20)).toEqual({ kind: 'agencies', agencyIds: ['west'] });
  });

  it('never include an agency the supervisor does not supervise', () => {
    expect(comparedAgencies(supervisor, ['west', 'south'], 20)).toEqual({ kind: 'not-supervised', agencyId: 'south' });
  });

  it('may be any agencies a platform admin names, who must name some when supervising none', () => {
    const admin = { agencyId: 'platform', roles: ['platform-admin'] };
    expect(comparedAgencies(admin, ['south', 'north'], 20)).toEqual({ kind: 'agencies', agencyIds: ['south', 'north'] });
    expect(comparedAgencies(admin, undefined, 20)).toEqual({ kind: 'none-named' });
  });

  it('are none for a supervisor who supervises none', () => {
    expect(comparedAgencies({ agencyId: 'bureau', roles: ['supervisor'] }, undefined, 20)).toEqual({ kind: 'agencies', agencyIds: [] });
  });

  it('are at most the configured number', () => {
    expect(comparedAgencies(supervisor, undefined, 1)).toEqual({ kind: 'too-many', count: 2, max: 1 });
  });
});

describe('the caller a service sees for a compared agency', () => {
  it('is the same person in that agency, as supervisor only', () => {
    const supervisor = { userId: 'inspector-zhao', agencyId: 'bureau', roles: ['supervisor', 'agency-admin'], supervisedAgencyIds: ['east'] };
    expect(comparingIn(supervisor, 'east')).toEqual({ userId: 'inspector-zhao', agencyId: 'east', roles: ['supervisor'], supervisedAgencyIds: ['east'] });
  });
});

describe('the agencyIds parameter', () => {
  it('accepts a comma-separated list, repeated or not', () => {
    expect(parseAgencyIds('east, west')).toEqual({ kind: 'named', agencyIds: ['east', 'west'] });
    expect(parseAgencyIds(['east', 'west,north'])).toEqual({ kind: 'named', agencyIds: ['east', 'west', 'north'] });
  });

  it('is absent when missing or blank', () => {
    expect(parseAgencyIds(undefined)).toEqual({ kind: 'absent' });
    expect(parseAgencyIds(' , ')).toEqual({ kind: 'absent' });
  });

  it('refuses what is not a list of agency ids', () => {
    expect(parseAgencyIds({ a: 'b' })).toMatchObject({ kind: 'invalid' });
    expect(parseAgencyIds('east,<script>')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('"<script>"') });
  });
});
