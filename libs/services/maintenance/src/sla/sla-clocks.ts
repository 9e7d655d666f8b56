import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, DuplicateError, NotFoundError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, SERVICE_CONFIG } from '@houqin/service-kit';
import type { MaintenanceEnvironment } from '../maintenance.config';
import type { RepairPriority } from '../repair-requests/domain/repair-request';
import {
  SLA_CLOCK_KINDS,
  SlaClock,
  SlaClockKind,
  SlaClockStatus,
  SlaPause,
  SlaTargets,
  atRiskInstantOf,
  cancelSlaClock,
  deadlineOf,
  pauseSlaClock,
  remainingMsAt,
  resumeSlaClock,
  startSlaClock,
  stopSlaClock,
} from './domain/sla-clock';
import { ROUND_THE_CLOCK, ServiceCalendar, businessHours } from './domain/service-calendar';
import { SlaClockRow, breachedEvent, clockOf, pausesJson } from './sla-clock.record';

export interface SlaClocksStart {
  workOrderId: string;
  agencyId: string;
  priority: RepairPriority;
  vendorId?: string;
  contractId?: string;
  /** From `targetsFor(contract.slaTerms, priority)`. */
  targets: SlaTargets;
  startedAt: Date;
}

/** One clock as the work order sees it at an instant. */
export interface SlaClockState {
  workOrderId: string;
  kind: SlaClockKind;
  agencyId: string;
  priority: RepairPriority;
  vendorId?: string;
  contractId?: string;
  status: SlaClockStatus;
  /** The time it counts, fixed when it started. */
  calendar: ServiceCalendar['kind'];
  targetMs: number;
  startedAt: Date;
  /** Absent while paused. */
  deadline?: Date;
  atRiskAt?: Date;
  remainingMs: number;
  pauses: SlaPause[];
  /** When sla.at-risk went out. */
  atRiskWarnedAt?: Date;
  /** When sla.breached went out. */
  breachedAt?: Date;
  stoppedAt?: Date;
}

/**
 * The SLA clocks of work orders, changed inside the caller's transaction so that a clock change
 * commits or rolls back with the work order's own change. Every method locks the work order's
 * clock rows (FOR UPDATE), which also orders it with the sweep: whichever of a late stop and the
 * sweep gets the row first publishes sla.breached, the other sees it published.
 */
@Injectable()
export class SlaClocks {
  /** Read once from the settings, which were checked at start. */
  private readonly businessCalendar: ServiceCalendar;

  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: MaintenanceEnvironment,
  ) {
    this.businessCalendar = businessHours(config.SLA_BUSINESS_HOURS, config.SLA_HOLIDAYS, config.SLA_WORKDAYS);
  }

  /** Starts the response and the resolution clock of a work order. */
  async start(manager: EntityManager, input: SlaClocksStart): Promise<SlaClockState[]> {
    inTransaction(manager);
    const targets: Record<SlaClockKind, number> = { response: input.targets.responseMs, resolution: input.targets.resolutionMs };
    const calendar = this.calendarFor(input.priority);
    const clocks = SLA_CLOCK_KINDS.map((kind) =>
      startSlaClock({ workOrderId: input.workOrderId, kind, targetMs: targets[kind], startedAt: input.startedAt, atRiskFraction: this.config.SLA_AT_RISK_PERCENT / 100, calendar }),
    );
    const inserted = (await manager.query(
      `INSERT INTO sla_clock (work_order_id, kind, agency_id, priority, vendor_id, contract_id, target_ms, at_risk_fraction, started_at, status, deadline, at_risk_at, calendar)
       SELECT $1, kind, $2, $3, $4, $5, target_ms, $6, $7, 'running', deadline, at_risk_at, $12::jsonb
         FROM unnest($8::text[], $9::bigint[], $10::timestamptz[], $11::timestamptz[]) AS clock(kind, target_ms, deadline, at_risk_at)
       ON CONFLICT (work_order_id, kind) DO NOTHING
       RETURNING kind`,
      [
        input.workOrderId,
        input.agencyId,
        input.priority,
        input.vendorId ?? null,
        input.contractId ?? null,
        clocks[0]!.atRiskFraction,
        input.startedAt,
        clocks.map((clock) => clock.kind),
        clocks.map((clock) => clock.targetMs),
        clocks.map((clock) => deadlineOf(clock)),
        clocks.map((clock) => atRiskInstantOf(clock)),
        calendar.kind === 'business-hours' ? JSON.stringify(calendar) : null,
      ],
    )) as unknown[];
    if (inserted.length !== clocks.length) {
      throw new DuplicateError('sla-clock', 'workOrderId', `work order ${input.workOrderId} already has its SLA clocks`);
    }
    return this.state(manager, input.workOrderId, input.startedAt);
  }

  /** Business hours for the priorities SLA_BUSINESS_HOURS_PRIORITIES names, round the clock for the others. */
  calendarFor(priority: RepairPriority): ServiceCalendar {
    return this.config.SLA_BUSINESS_HOURS_PRIORITIES.includes(priority) ? this.businessCalendar : ROUND_THE_CLOCK;
  }

  /** The response came or the work was resolved: met at or before the deadline, else breached. */
  async stop(manager: EntityManager, workOrderId: string, kind: SlaClockKind, at: Date): Promise<SlaClockState> {
    const rows = await this.locked(manager, workOrderId);
    const row = rows.find((candidate) => candidate.kind === kind);
    if (!row) throw new NotFoundError('sla-clock', `${workOrderId}/${kind}`);
    const stopped = stopSlaClock(clockOf(row), at);
    let breachFiredAt = row.breach_fired_at;
    if (stopped.status === 'breached' && !breachFiredAt) {
      await this.outbox.append(manager, breachedEvent(row, deadlineOf(stopped)!, at));
      breachFiredAt = at;
    }
    const saved = await this.save(manager, row, stopped, breachFiredAt);
    return stateOf(saved, at);
  }

  /** Waiting on the requester: pauses every running clock of the work order. */
  async pause(manager: EntityManager, workOrderId: string, at: Date, reason: string): Promise<SlaClockState[]> {
    return this.change(manager, workOrderId, at, 'running', (clock) => pauseSlaClock(clock, at, reason));
  }

  /** Resumes every paused clock of the work order. */
  async resume(manager: EntityManager, workOrderId: string, at: Date): Promise<SlaClockState[]> {
    return this.change(manager, workOrderId, at, 'paused', (clock) => resumeSlaClock(clock, at));
  }

  /**
   * The work order was cancelled: its running or paused clocks stop without meeting or breaching.
   * Work with no clocks (the internal team's, or work never assigned to a contracted vendor) has none to stop.
   */
  async cancel(manager: EntityManager, workOrderId: string, at: Date): Promise<SlaClockState[]> {
    const rows = await this.locked(manager, workOrderId, { required: false });
    const result: SlaClockState[] = [];
    for (const row of rows) {
      const open = row.status === 'running' || row.status === 'paused';
      result.push(stateOf(open ? await this.save(manager, row, cancelSlaClock(clockOf(row), at), row.breach_fired_at) : row, at));
    }
    return result;
  }

  /** The work order's clocks at `at` (now by default); none if it has none. */
  async state(manager: EntityManager, workOrderId: string, at: Date = this.clock.now()): Promise<SlaClockState[]> {
    const rows = (await manager.query(`SELECT * FROM sla_clock WHERE work_order_id = $1 ORDER BY kind`, [workOrderId])) as SlaClockRow[];
    return rows.map((row) => stateOf(row, at));
  }

  private async change(manager: EntityManager, workOrderId: string, at: Date, from: SlaClockStatus, apply: (clock: SlaClock) => SlaClock): Promise<SlaClockState[]> {
    const rows = await this.locked(manager, workOrderId);
    const affected = rows.filter((row) => row.status === from);
    // None in the state the change needs: the domain refuses, naming the state the clock is in.
    if (affected.length === 0) apply(clockOf(rows.find((row) => row.status === 'running' || row.status === 'paused') ?? rows[0]!));
    const result: SlaClockState[] = [];
    for (const row of rows) {
      result.push(stateOf(row.status === from ? await this.save(manager, row, apply(clockOf(row)), row.breach_fired_at) : row, at));
    }
    return result;
  }

  private async locked(manager: EntityManager, workOrderId: string, options: { required: boolean } = { required: true }): Promise<SlaClockRow[]> {
    inTransaction(manager);
    const rows = (await manager.query(`SELECT * FROM sla_clock WHERE work_order_id = $1 ORDER BY kind FOR UPDATE`, [workOrderId])) as SlaClockRow[];
    if (rows.length === 0 && options.required) throw new NotFoundError('sla-clock', workOrderId);
    return rows;
  }

  private async save(manager: EntityManager, row: SlaClockRow, clock: SlaClock, breachFiredAt: Date | null): Promise<SlaClockRow> {
    const [updated] = (await manager.query(
      `UPDATE sla_clock SET status = $3, pauses = $4::jsonb, deadline = $5, at_risk_at = $6, stopped_at = $7, breach_fired_at = $8, version = version + 1
        WHERE work_order_id = $1 AND kind = $2
        RETURNING *`,
      [row.work_order_id, row.kind, clock.status, pausesJson(clock.pauses), deadlineOf(clock) ?? null, atRiskInstantOf(clock) ?? null, clock.stoppedAt ?? null, breachFiredAt],
    )) as [SlaClockRow[], number];
    return updated[0]!;
  }
}

function inTransaction(manager: EntityManager): void {
  if (!manager.queryRunner?.isTransactionActive) throw new Error('SlaClocks must run inside the transaction that changes the work order');
}

function stateOf(row: SlaClockRow, at: Date): SlaClockState {
  const clock = clockOf(row);
  return {
    workOrderId: row.work_order_id,
    kind: row.kind,
    agencyId: row.agency_id,
    priority: row.priority,
    ...(row.vendor_id ? { vendorId: row.vendor_id } : {}),
    ...(row.contract_id ? { contractId: row.contract_id } : {}),
    status: row.status,
    calendar: clock.calendar?.kind ?? 'round-the-clock',
    targetMs: clock.targetMs,
    startedAt: row.started_at,
    ...(row.deadline ? { deadline: row.deadline } : {}),
    ...(row.at_risk_at ? { atRiskAt: row.at_risk_at } : {}),
    remainingMs: remainingMsAt(clock, at),
    pauses: clock.pauses,
    ...(row.at_risk_fired_at ? { atRiskWarnedAt: row.at_risk_fired_at } : {}),
    ...(row.breach_fired_at ? { breachedAt: row.breach_fired_at } : {}),
    ...(row.stopped_at ? { stoppedAt: row.stopped_at } : {}),
  };
}
