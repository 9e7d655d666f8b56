import { HttpException } from '@nestjs/common';
import { Caller } from '@houqin/observability';
import { problemType } from '@houqin/service-kit';
import { IntegrationAction, rolesFor } from './integrations.policies';

/**
 * The role check of this module's routes, read from its policy rows: a caller without an allowed
 * role gets a 403 naming the action and the roles that may perform it.
 */
export function authorize(caller: Caller, action: IntegrationAction): void {
  const allowed = rolesFor(action);
  if (caller.roles.some((role) => (allowed as readonly string[]).includes(role))) return;
  throw new HttpException(
    { type: problemType('forbidden'), title: 'Forbidden', status: 403, detail: `${action} needs one of the roles ${allowed.join(', ')}` },
    403,
  );
}
