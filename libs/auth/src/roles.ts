/** Roles a person or integrator can hold. Policies per route are declared by the gateway. */
export const ROLES = [
  'platform-admin',
  'agency-admin',
  'logistics-manager',
  'approver',
  'staff',
  'vendor',
  'evaluator',
  'auditor',
  'supervisor',
  'integrator',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
