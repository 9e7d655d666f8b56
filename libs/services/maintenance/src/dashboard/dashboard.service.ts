import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ageInMinutes, businessDay, businessMonth, systemClock, tally } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { REPAIR_PRIORITIES, RepairPriority } from '../repair-requests/domain/repair-request';
import { DashboardView } from './dashboard.dto';
import { OPEN_WORK_ORDER_STATUSES } from '../work-orders/domain/work-order';
import { workOrderKpis } from './domain/work-order-kpis';
import { AT_RISK_RULE, INTERIM_RESPONSE_TARGET_HOURS, OPEN_REPAIR_STATUSES, OpenRepairStatus, atRiskCutoffs } from './domain/repair-risk';

interface OpenGroupRow {
  priority: string;
  status: string;
  count: string;
  at_risk: string;
}

/** The agency's maintenance figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class MaintenanceDashboardService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now();
    const day = businessDay(asOf);
    const cutoffs = atRiskCutoffs(asOf);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const open = (await manager.query(
        `SELECT priority, status, count(*) AS count,
                count(*) FILTER (WHERE reported_at < CASE priority WHEN 'urgent' THEN $3::timestamptz WHEN 'high' THEN $4::timestamptz
                                                                   WHEN 'normal' THEN $5::timestamptz ELSE $6::timestamptz END) AS at_risk
           FROM repair_request
          WHERE agency_id = $1 AND status = ANY($2::text[])
          GROUP BY priority, status`,
        [caller.agencyId, OPEN_REPAIR_STATUSES, cutoffs.urgent, cutoffs.high, cutoffs.normal, cutoffs.low],
      )) as OpenGroupRow[];
      const [oldest] = (await manager.query(
        `SELECT id, priority, status, reported_at FROM repair_request
          WHERE agency_id = $1 AND status = ANY($2::text[])
          ORDER BY reported_at ASC, id ASC LIMIT 1`,
        [caller.agencyId, OPEN_REPAIR_STATUSES],
      )) as Array<{ id: string; priority: RepairPriority; status: OpenRepairStatus; reported_at: Date }>;
      const [today] = (await manager.query(
        `SELECT count(*) FILTER (WHERE reported_at >= $2 AND reported_at < $3) AS reported,
                count(*) FILTER (WHERE cancelled_at >= $2 AND cancelled_at < $3) AS cancelled
           FROM repair_request
          WHERE agency_id = $1 AND (reported_at >= $2 OR cancelled_at >= $2)`,
        [caller.agencyId, day.start, day.end],
      )) as Array<{ reported: string; cancelled: string }>;
      const month = businessMonth(asOf);
      const openOrders = (await manager.query(`SELECT status AS key, count(*) AS count FROM work_order WHERE agency_id = $1 AND status = ANY($2::text[]) GROUP BY status`, [
        caller.agencyId,
        OPEN_WORK_ORDER_STATUSES,
      ])) as Array<{ key: string; count: string }>;
      const [sla] = (await manager.query(
        `SELECT count(*) FILTER (WHERE status = 'running' AND at_risk_fired_at IS NOT NULL AND breach_fired_at IS NULL) AS at_risk,
                count(*) FILTER (WHERE status IN ('running', 'paused') AND breach_fired_at IS NOT NULL) AS overdue,
                count(*) FILTER (WHERE breach_fired_at >= $2 AND breach_fired_at < $3) AS breached_this_month
           FROM sla_clock WHERE agency_id = $1`,
        [caller.agencyId, month.start, month.end],
      )) as Array<{ at_risk: string; overdue: string; breached_this_month: string }>;
      const verified = (await manager.query(
        `SELECT floor(extract(epoch FROM accepted_at - reported_at) / 60)::int AS response_minutes,
                greatest(0, floor((extract(epoch FROM completed_at - reported_at) * 1000 - on_hold_ms) / 60000))::int AS resolution_minutes,
                reopen_count,
                coalesce((SELECT sum(amount_fen) FROM work_order_cost_line c WHERE c.work_order_id = w.id AND c.voided_at IS NULL), 0)::bigint AS cost_fen
           FROM work_order w
          WHERE agency_id = $1 AND verified_at >= $2 AND verified_at < $3 AND accepted_at IS NOT NULL AND completed_at IS NOT NULL`,
        [caller.agencyId, month.start, month.end],
      )) as Array<{ response_minutes: number; resolution_minutes: number; reopen_count: number; cost_fen: string }>;
      const openByStatus = tally(OPEN_WORK_ORDER_STATUSES, openOrders);
      const byPriority = tally(REPAIR_PRIORITIES, open.map((row) => ({ key: row.priority, count: row.count })));
      const atRiskByPriority = tally(REPAIR_PRIORITIES, open.map((row) => ({ key: row.priority, count: row.at_risk })));
      return {
        asOf: asOf.toISOString(),
        businessDay: day.date,
        openRepairRequests: {
          total: sum(byPriority),
          byPriority,
          byStatus: tally(OPEN_REPAIR_STATUSES, open.map((row) => ({ key: row.status, count: row.count }))),
        },
        ...(oldest
          ? {
              oldestOpenRepairRequest: {
                id: oldest.id,
                priority: oldest.priority,
                status: oldest.status,
                reportedAt: oldest.reported_at.toISOString(),
                ageMinutes: ageInMinutes(oldest.reported_at, asOf),
              },
            }
          : {}),
        atRisk: { total: sum(atRiskByPriority), byPriority: atRiskByPriority, responseTargetHours: { ...INTERIM_RESPONSE_TARGET_HOURS }, rule: AT_RISK_RULE },
        reportedToday: Number(today?.reported ?? 0),
        cancelledToday: Number(today?.cancelled ?? 0),
        workOrders: {
          open: { total: sum(openByStatus), byStatus: openByStatus },
          sla: { atRisk: Number(sla?.at_risk ?? 0), overdue: Number(sla?.overdue ?? 0), breachedThisMonth: Number(sla?.breached_this_month ?? 0) },
          thisMonth: {
            month: month.month,
            ...workOrderKpis(verified.map((row) => ({ responseMinutes: row.response_minutes, resolutionMinutes: row.resolution_minutes, reopenCount: row.reopen_count, costFen: Number(row.cost_fen) }))),
          },
        },
      };
    });
  }
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
