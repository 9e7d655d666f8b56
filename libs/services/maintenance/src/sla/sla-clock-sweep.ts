import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import type { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { MaintenanceEnvironment } from '../maintenance.config';
import { SlaClockRow, atRiskEvent, breachedEvent } from './sla-clock.record';

type DueRow = SlaClockRow & { at_risk_due: boolean; breach_due: boolean; swept_at: Date };

/** What one sweep published: `<workOrderId>/<kind>` per clock. */
export interface SlaSweepResult {
  atRisk: string[];
  breached: string[];
}

const BATCH = 200;

/**
 * The durable timers of the SLA clocks. Every SLA_SWEEP_INTERVAL_MS it claims the running clocks
 * whose at-risk instant or deadline has passed (FOR UPDATE SKIP LOCKED, so replicas sweeping at
 * once take different clocks), marks the warning or breach as fired and appends its event in the
 * same transaction. A replica that dies before committing leaves the clock due for the next sweep;
 * once committed the clock is marked and never fires again: each event goes out exactly once.
 *
 * Due means compared with the service's CLOCK, the clock its deadlines were set by and a late stop
 * judges by — not the database's now(), which a service whose clock was stepped (NTP) would disagree
 * with: a breach that never fires while the late stop already calls it breached. A clock is breached
 * once that now is past the deadline (strictly after: a stop at the deadline is met). When both fall
 * due in one sweep (the service was down past the deadline) the late at-risk warning still goes out,
 * before the breach. A clock stepped back fires nothing again: what fired is marked.
 */
@Injectable()
export class SlaClockSweep extends IntervalSweep<SlaSweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: MaintenanceEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'SLA clocks', intervalMs: config.SLA_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<SlaSweepResult> {
    const result: SlaSweepResult = { atRisk: [], breached: [] };
    await this.sweepInBatches(BATCH, () => this.sweepBatch(result));
    return result;
  }

  /** One transaction: the clocks it claimed. */
  private async sweepBatch(result: SlaSweepResult): Promise<DueRow[]> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `WITH due AS (
           SELECT work_order_id, kind,
                  (at_risk_fired_at IS NULL AND at_risk_at <= $2::timestamptz) AS at_risk_due,
                  (breach_fired_at IS NULL AND deadline < $2::timestamptz) AS breach_due
             FROM sla_clock
            WHERE status = 'running'
              AND ((at_risk_fired_at IS NULL AND at_risk_at <= $2::timestamptz) OR (breach_fired_at IS NULL AND deadline < $2::timestamptz))
            ORDER BY deadline
            LIMIT $1
            FOR UPDATE SKIP LOCKED
         )
         UPDATE sla_clock c
            SET at_risk_fired_at = CASE WHEN due.at_risk_due THEN $2::timestamptz ELSE c.at_risk_fired_at END,
                breach_fired_at = CASE WHEN due.breach_due THEN $2::timestamptz ELSE c.breach_fired_at END,
                version = c.version + 1
           FROM due
          WHERE c.work_order_id = due.work_order_id AND c.kind = due.kind
         RETURNING c.*, due.at_risk_due, due.breach_due, $2::timestamptz AS swept_at`,
        [BATCH, now],
      )) as [DueRow[], number];
      const events: EventEnvelope[] = [];
      for (const row of rows) {
        const deadline = row.deadline as Date;
        const key = `${row.work_order_id}/${row.kind}`;
        if (row.at_risk_due) {
          events.push(atRiskEvent({ ...row, deadline, at_risk_at: row.at_risk_at as Date }, row.swept_at));
          result.atRisk.push(key);
        }
        if (row.breach_due) {
          events.push(breachedEvent(row, deadline, row.swept_at));
          result.breached.push(key);
        }
      }
      await this.outbox.append(manager, events);
      if (rows.length > 0) this.logger.info({ clocks: rows.map((row) => `${row.work_order_id}/${row.kind}`) }, 'SLA clocks fell due');
      return rows;
    });
  }
}
