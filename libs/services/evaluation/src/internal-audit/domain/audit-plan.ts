import { BusinessRuleViolation } from '@houqin/domain';
import { parsePeriod } from '../../kpis/domain/period';

/**
 * An internal audit plan (审计计划): what the agency audits of itself in a period (a year, a
 * quarter or a month, China Standard Time) and its scope, drawn up by the auditor or the agency
 * admin. Its work is in its tasks; it has no state of its own beyond theirs.
 */
export interface AuditPlan {
  id: string;
  agencyId: string;
  name: string;
  /** 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
  period: string;
  scope: string;
  createdBy: string;
  createdAt: Date;
}

export function draftPlan(id: string, agencyId: string, input: { name: string; period: string; scope: string }, by: string, now: Date): AuditPlan {
  const period = parsePeriod(input.period).key;
  if (!input.name.trim()) throw new BusinessRuleViolation('name-required', 'name must not be blank', 'name');
  return { id, agencyId, name: input.name.trim(), period, scope: input.scope, createdBy: by, createdAt: now };
}
