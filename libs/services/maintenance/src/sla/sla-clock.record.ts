import { SlaAtRisk, SlaBreached } from '@houqin/contracts';
import { eventOrigin } from '@houqin/service-kit';
import type { RepairPriority } from '../repair-requests/domain/repair-request';
import { SlaClock, SlaClockKind, SlaClockStatus, SlaPause } from './domain/sla-clock';
import type { BusinessHoursCalendar } from './domain/service-calendar';

/** A row of sla_clock as node-postgres returns it (bigint and numeric as strings). */
export interface SlaClockRow {
  work_order_id: string;
  kind: SlaClockKind;
  agency_id: string;
  priority: RepairPriority;
  vendor_id: string | null;
  contract_id: string | null;
  target_ms: string;
  at_risk_fraction: string;
  started_at: Date;
  status: SlaClockStatus;
  pauses: Array<{ from: string; to?: string; reason: string }>;
  deadline: Date | null;
  at_risk_at: Date | null;
  at_risk_fired_at: Date | null;
  breach_fired_at: Date | null;
  stopped_at: Date | null;
  /** Null: round the clock. */
  calendar: BusinessHoursCalendar | null;
}

export function clockOf(row: SlaClockRow): SlaClock {
  const clock: SlaClock = {
    workOrderId: row.work_order_id,
    kind: row.kind,
    targetMs: Number(row.target_ms),
    atRiskFraction: Number(row.at_risk_fraction),
    startedAt: row.started_at,
    status: row.status,
    pauses: row.pauses.map((pause) => ({ from: new Date(pause.from), ...(pause.to ? { to: new Date(pause.to) } : {}), reason: pause.reason })),
  };
  if (row.stopped_at) clock.stoppedAt = row.stopped_at;
  if (row.calendar) clock.calendar = row.calendar;
  return clock;
}

export function pausesJson(pauses: SlaPause[]): string {
  return JSON.stringify(pauses.map((pause) => ({ from: pause.from.toISOString(), ...(pause.to ? { to: pause.to.toISOString() } : {}), reason: pause.reason })));
}

function summary(row: SlaClockRow, deadline: Date) {
  return {
    workOrderId: row.work_order_id,
    agencyId: row.agency_id,
    ...(row.vendor_id ? { vendorId: row.vendor_id } : {}),
    ...(row.contract_id ? { contractId: row.contract_id } : {}),
    kind: row.kind,
    priority: row.priority,
    targetMinutes: Number(row.target_ms) / 60_000,
    deadline: deadline.toISOString(),
    escalateTo: 'logistics-manager' as const,
  };
}

export function atRiskEvent(row: SlaClockRow & { deadline: Date; at_risk_at: Date }, warnedAt: Date) {
  return SlaAtRisk.create({
    subject: row.work_order_id,
    origin: eventOrigin({ agencyId: row.agency_id }),
    data: {
      ...summary(row, row.deadline),
      remainingMinutes: Math.max(0, row.deadline.getTime() - warnedAt.getTime()) / 60_000,
      atRiskAt: row.at_risk_at.toISOString(),
      warnedAt: warnedAt.toISOString(),
    },
  });
}

export function breachedEvent(row: SlaClockRow, deadline: Date, breachedAt: Date) {
  return SlaBreached.create({
    subject: row.work_order_id,
    origin: eventOrigin({ agencyId: row.agency_id }),
    data: { ...summary(row, deadline), breachedAt: breachedAt.toISOString() },
  });
}
