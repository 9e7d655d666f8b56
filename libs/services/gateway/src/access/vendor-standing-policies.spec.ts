import { ROLES } from '@houqin/auth';
import { Caller } from '@houqin/observability';
import { authorize } from './authorization';
import { PLATFORM_POLICIES } from './platform-policies';
import { PolicyTable } from './policy-table';

/**
 * Who may change a vendor's standing, written out by hand rather than read from the policy table,
 * so that a wrong row in the table fails here.
 */
const WHO_MAY: Record<string, readonly string[]> = {
  '/api/v1/procurement/vendors/v-1/suspend': ['agency-admin', 'logistics-manager'],
  '/api/v1/procurement/vendors/v-1/reinstate': ['agency-admin', 'logistics-manager'],
  '/api/v1/procurement/vendors/v-1/blacklist': ['agency-admin'],
  '/api/v1/procurement/vendors/v-1/lift-blacklisting': ['agency-admin'],
};

describe("the gateway's rules for a vendor's standing", () => {
  const table = new PolicyTable(PLATFORM_POLICIES);

  for (const [path, allowed] of Object.entries(WHO_MAY)) {
    it(`lets only ${allowed.join(' and ')} POST ${path.replace('v-1', ':id')}, in their own agency`, () => {
      const policy = table.match('POST', path);
      expect(policy).toBeDefined();
      for (const role of ROLES) {
        const caller: Caller = { userId: `user-${role}`, agencyId: 'agency-a', roles: [role], ...(role === 'supervisor' ? { supervisedAgencyIds: ['agency-a'] } : {}) };
        const outcome = authorize(policy!, caller, undefined).outcome;
        expect([role, outcome]).toEqual([role, allowed.includes(role) ? 'allowed' : 'forbidden']);
      }
    });
  }
});
