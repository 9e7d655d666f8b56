import { REPAIR_PRIORITIES, RepairPriority, RepairRequestStatus } from '../../repair-requests/domain/repair-request';

/** A repair request is open until it is cancelled; completion arrives with work orders. */
export const OPEN_REPAIR_STATUSES = ['reported', 'triaged'] as const satisfies readonly RepairRequestStatus[];
export type OpenRepairStatus = (typeof OPEN_REPAIR_STATUSES)[number];

/**
 * Interim rule for "at risk" until contracts carry SLA terms: an open request is at risk once it
 * has been open longer than the response target of its priority. The targets are the common
 * practice of agencies' logistics offices (urgent the same half-day, high the next day, normal
 * within three days, low within a week); contract SLA terms will replace them per vendor.
 */
export const INTERIM_RESPONSE_TARGET_HOURS: Readonly<Record<RepairPriority, number>> = { urgent: 4, high: 24, normal: 72, low: 168 };

export const AT_RISK_RULE =
  'open (reported or triaged) longer than the interim response target of its priority (urgent 4 h, high 24 h, normal 72 h, low 168 h); contract SLA terms replace these targets when they arrive';

/** A request of this priority reported before the cut-off is at risk at `asOf`. */
export function atRiskCutoffs(asOf: Date): Record<RepairPriority, Date> {
  return Object.fromEntries(REPAIR_PRIORITIES.map((priority) => [priority, new Date(asOf.getTime() - INTERIM_RESPONSE_TARGET_HOURS[priority] * 3_600_000)])) as Record<
    RepairPriority,
    Date
  >;
}

export function isAtRisk(request: { priority: RepairPriority; status: RepairRequestStatus; reportedAt: Date }, asOf: Date): boolean {
  if (!(OPEN_REPAIR_STATUSES as readonly string[]).includes(request.status)) return false;
  return request.reportedAt.getTime() < atRiskCutoffs(asOf)[request.priority].getTime();
}
