import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** Roles a person can hold (the gateway's @houqin/auth ROLES; contracts depend on nothing else). */
export const PLATFORM_ROLES = [
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

/**
 * Identity lifecycle events of the gateway (platform.agency.*, platform.user.*): services keep
 * projections of agencies and people from them. They never carry a password hash, a token or any
 * other secret.
 */
export const AgencyCreated = defineEvent({
  service: 'gateway',
  aggregate: 'agency',
  action: 'created',
  version: 1,
  description: 'A new agency (tenant, 机关单位) joined the platform; its users can now be created.',
  schema: z.object({
    agencyId: z.string().uuid(),
    name: z.string().min(1).max(200),
    code: z.string().min(1).max(64),
    supervisingBodyId: z.string().uuid().optional(),
    status: z.literal('active'),
    createdBy: z.string().min(1),
    createdAt: z.string().datetime({ offset: true }),
  }).strict(),
});

export const UserCreated = defineEvent({
  service: 'gateway',
  aggregate: 'user',
  action: 'created',
  version: 1,
  description: 'A person (or a vendor account, role vendor with its vendorId) may now log in for an agency.',
  schema: z.object({
    userId: z.string().uuid(),
    agencyId: z.string().uuid(),
    departmentId: z.string().uuid().optional(),
    username: z.string().min(1).max(64),
    displayName: z.string().min(1).max(200),
    roles: z.array(z.enum(PLATFORM_ROLES)).min(1),
    vendorId: z.string().min(1).max(64).optional(),
    status: z.literal('active'),
    createdBy: z.string().min(1),
    createdAt: z.string().datetime({ offset: true }),
  }).strict(),
});

export const UserDisabled = defineEvent({
  service: 'gateway',
  aggregate: 'user',
  action: 'disabled',
  version: 1,
  description: 'A person may no longer log in; their sessions and access tokens were revoked at once.',
  schema: z.object({
    userId: z.string().uuid(),
    agencyId: z.string().uuid(),
    disabledBy: z.string().min(1),
    disabledAt: z.string().datetime({ offset: true }),
  }).strict(),
});

export const AgencyDisabled = defineEvent({
  service: 'gateway',
  aggregate: 'agency',
  action: 'disabled',
  version: 1,
  description: "An agency left the platform or was suspended from it: none of its people or API keys are accepted any more; its records stay.",
  schema: z.object({
    agencyId: z.string().uuid(),
    reason: z.string().min(1).max(1000),
    disabledBy: z.string().min(1),
    disabledAt: z.string().datetime({ offset: true }),
  }).strict(),
});

export const DepartmentCreated = defineEvent({
  service: 'gateway',
  aggregate: 'department',
  action: 'created',
  version: 1,
  description: 'A department (处室) of an agency: requisitions, repair requests and meal bookings can name it.',
  schema: z.object({
    departmentId: z.string().uuid(),
    agencyId: z.string().uuid(),
    name: z.string().min(1).max(200),
    createdBy: z.string().min(1),
    createdAt: z.string().datetime({ offset: true }),
  }).strict(),
});

export const UserChanged = defineEvent({
  service: 'gateway',
  aggregate: 'user',
  action: 'changed',
  version: 1,
  description:
    "A person's name, department, roles or vendor changed (a vendor account changing vendor included). A change of roles or vendor ends the person's sessions at once; they log in again with the new roles.",
  schema: z.object({
    userId: z.string().uuid(),
    agencyId: z.string().uuid(),
    departmentId: z.string().uuid().optional(),
    displayName: z.string().min(1).max(200),
    roles: z.array(z.enum(PLATFORM_ROLES)).min(1),
    vendorId: z.string().min(1).max(64).optional(),
    changedFields: z.array(z.enum(['displayName', 'departmentId', 'roles', 'vendorId'])).min(1),
    changedBy: z.string().min(1),
    changedAt: z.string().datetime({ offset: true }),
  }).strict(),
});
