import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { MaintenanceEnvironment } from '../maintenance.config';
import { PlanSweepOutcome, PreventivePlansService } from './preventive-plans.service';

/** What one sweep did, across the plans it claimed. */
export interface PreventiveSweepResult {
  raised: PlanSweepOutcome['raised'];
  skipped: PlanSweepOutcome['skipped'];
  /** Plans whose next occurrence was set by their last work order's completion. */
  rescheduled: string[];
}

/**
 * The durable timer of the preventive plans. Every PREVENTIVE_SWEEP_INTERVAL_MS it claims, one
 * transaction per plan, an active plan with something to do (FOR UPDATE SKIP LOCKED, so replicas
 * sweeping at once take different plans):
 *
 * - a due date whose raise day (due date − lead time) has come, today being the China Standard Time
 *   day of the database's now(), never a replica's clock;
 * - a meter threshold the asset's latest reading has reached;
 * - a from-completion plan whose last work order was completed or cancelled.
 *
 * In that transaction it raises the work order through the work orders, records the occurrence
 * (primary key: plan and due date or threshold) and advances the plan. A replica that dies before
 * committing leaves the plan due for the next sweep; once committed the occurrence exists and the
 * plan has moved past it: one occurrence never yields two work orders. A plan that fails is logged
 * and left for the next sweep, without holding up the others.
 */
@Injectable()
export class PreventivePlanSweep extends IntervalSweep<PreventiveSweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PreventivePlansService,
    @Inject(SERVICE_CONFIG) config: MaintenanceEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'preventive plans', intervalMs: config.PREVENTIVE_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<PreventiveSweepResult> {
    const result: PreventiveSweepResult = { raised: [], skipped: [], rescheduled: [] };
    // Each plan once per sweep, whether it succeeded or failed.
    const seen: string[] = [];
    for (let more = true; more; ) more = await this.sweepNext(seen, result);
    if (result.raised.length > 0 || result.skipped.length > 0) this.logger.info({ raised: result.raised, skipped: result.skipped }, 'preventive maintenance fell due');
    return result;
  }

  /** Claims and handles one plan; false when no plan is left to claim. */
  private async sweepNext(seen: string[], result: PreventiveSweepResult): Promise<boolean> {
    let claimed: string | undefined;
    let outcome: PlanSweepOutcome | undefined;
    try {
      outcome = await this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `WITH today AS (
             SELECT ((now() AT TIME ZONE 'UTC') + make_interval(mins => $1::integer))::date AS day
           )
           SELECT p.id, now() AS swept_at
             FROM preventive_plan p
            CROSS JOIN today
             LEFT JOIN asset a ON a.id = p.asset_id
             LEFT JOIN work_order w ON w.id = p.last_work_order_id
            WHERE p.status = 'active'
              AND NOT (p.id = ANY ($2::uuid[]))
              AND (p.raise_on <= today.day
                   OR (p.next_threshold IS NOT NULL AND (a.meters -> p.meter_kind ->> 'value')::numeric >= p.next_threshold)
                   OR (p.next_due_on IS NULL AND p.next_threshold IS NULL AND (w.completed_at IS NOT NULL OR w.cancelled_at IS NOT NULL)))
            ORDER BY p.raise_on NULLS LAST, p.id
            LIMIT 1
            FOR UPDATE OF p SKIP LOCKED`,
          [BUSINESS_UTC_OFFSET_MINUTES, seen],
        )) as Array<{ id: string; swept_at: Date }>;
        if (!row) return undefined;
        claimed = row.id;
        seen.push(row.id);
        return this.plans.sweepOne(manager, row.id, row.swept_at);
      });
    } catch (error) {
      if (claimed === undefined) throw error;
      this.logger.warn({ err: error, preventivePlanId: claimed }, 'could not raise the preventive plan that fell due; the next sweep tries again');
      return true;
    }
    if (!outcome || claimed === undefined) return false;
    // Counted once committed.
    result.raised.push(...outcome.raised);
    result.skipped.push(...outcome.skipped);
    if (outcome.rescheduled) result.rescheduled.push(claimed);
    return true;
  }
}
