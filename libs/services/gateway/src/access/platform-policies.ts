import { IDENTITY_POLICIES } from '../identity/identity.policies';
import { INTEGRATIONS_POLICIES } from '../integrations/integrations.policies';
import { VIEWS_POLICIES } from '../views/views.policies';
import { PolicyTable } from './policy-table';
import { RoutePolicy } from './route-policy';
import { SERVICE_POLICIES } from './service-policies';

/** Every route of the platform's API and who may call it: the table the gateway enforces and docs/authorization.md shows. */
export const PLATFORM_POLICIES: readonly RoutePolicy[] = [...IDENTITY_POLICIES, ...SERVICE_POLICIES, ...VIEWS_POLICIES, ...INTEGRATIONS_POLICIES];

export function platformPolicyTable(): PolicyTable {
  return new PolicyTable(PLATFORM_POLICIES);
}
