import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, businessDay } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK } from '@houqin/service-kit';
import { AnalyticsRepository } from '../analytics/analytics.repository';
import { monthlySeries } from '../analytics/domain/reform-effect';
import { Period, periodOf } from '../kpis/domain/period';
import { DashboardView, SupervisionFigures } from './dashboard.dto';

/** How many of the latest audit entries the dashboard lists. */
export const LATEST_AUDIT_ENTRIES = 5;

/** The agency's evaluation figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class EvaluationDashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analytics: AnalyticsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async figures(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now();
    const day = businessDay(asOf);
    const month = periodOf(asOf, 'month');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [counts] = (await manager.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE recorded_at >= $2 AND recorded_at < $3) AS today FROM audit_entry WHERE agency_id = $1`,
        [caller.agencyId, day.start, day.end],
      )) as Array<{ total: string; today: string }>;
      const latest = (await manager.query(
        `SELECT sequence, event_type, subject, occurred_at FROM audit_entry WHERE agency_id = $1 ORDER BY sequence DESC LIMIT $2`,
        [caller.agencyId, LATEST_AUDIT_ENTRIES],
      )) as Array<{ sequence: number; event_type: string; subject: string; occurred_at: Date }>;
      const [surveys] = (await manager.query(
        `SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
                count(*) FILTER (WHERE status <> 'withdrawn' AND completed_at >= $2 AND completed_at < $3) AS issued_this_month,
                count(*) FILTER (WHERE status = 'answered' AND completed_at >= $2 AND completed_at < $3) AS answered_this_month,
                (SELECT count(*) FROM survey_follow_up f WHERE f.agency_id = $1 AND f.status = 'open') AS open_follow_ups
           FROM survey WHERE agency_id = $1`,
        [caller.agencyId, month.start, month.end],
      )) as Array<{ pending: string; issued_this_month: string; answered_this_month: string; open_follow_ups: string }>;
      const [maintenance] = monthlySeries('maintenance', await this.analytics.monthlySums(manager, caller.agencyId, 'maintenance', [month]));
      const figure = (code: string) => maintenance?.figures.find((value) => value.code === code);
      const supervision = await this.supervision(manager, caller.agencyId, asOf, month);
      const issued = Number(surveys?.issued_this_month ?? 0);
      return {
        asOf: asOf.toISOString(),
        businessDay: day.date,
        auditTrail: {
          entriesToday: Number(counts?.today ?? 0),
          totalEntries: Number(counts?.total ?? 0),
          latest: latest.map((row) => ({ sequence: row.sequence, eventType: row.event_type, subject: row.subject, occurredAt: row.occurred_at.toISOString() })),
        },
        month: month.key,
        maintenanceThisMonth: {
          costPerWorkOrderFen: figure('cost-per-unit')?.value ?? null,
          slaCompliance: figure('sla-compliance')?.value ?? null,
          satisfaction: figure('satisfaction')?.value ?? null,
          surveyAnswers: figure('satisfaction')?.sampleSize ?? 0,
          complaintRate: figure('complaint-rate')?.value ?? null,
        },
        surveys: {
          pending: Number(surveys?.pending ?? 0),
          responseRateThisMonth: issued > 0 ? Math.round((Number(surveys?.answered_this_month ?? 0) * 10_000) / issued) / 100 : null,
          openFollowUps: Number(surveys?.open_follow_ups ?? 0),
        },
        supervision,
      };
    });
  }

  /** Supervision figures (监督问责) for the logistics manager, each part from its capability's tables. */
  private async supervision(manager: EntityManager, agencyId: string, asOf: Date, month: Period): Promise<SupervisionFigures> {
    const [complaints] = (await manager.query(
      `SELECT count(*) FILTER (WHERE status IN ('filed', 'under-investigation', 'appealed')) AS open,
              count(*) FILTER (WHERE status IN ('filed', 'under-investigation') AND response_due_at <= $2) AS overdue_responses,
              avg(handling_minutes) FILTER (WHERE decided_at >= $3 AND decided_at < $4) AS mean_handling_minutes
         FROM complaint WHERE agency_id = $1`,
      [agencyId, asOf, month.start, month.end],
    )) as Array<{ open: string; overdue_responses: string; mean_handling_minutes: string | null }>;
    const [violations] = (await manager.query(
      `SELECT count(*) AS recorded, coalesce(sum(penalty_points), 0) AS points, coalesce(sum(penalty_amount), 0) AS amount
         FROM violation WHERE agency_id = $1 AND settlement_period = $2 AND status = 'recorded'`,
      [agencyId, month.key],
    )) as Array<{ recorded: string; points: string; amount: string }>;
    const [qualifications] = (await manager.query(
      `SELECT count(*) FILTER (WHERE expires_at > $2 AND expires_at <= $3) AS expiring,
              count(*) FILTER (WHERE expires_at <= $2) AS expired
         FROM qualification WHERE agency_id = $1 AND mandatory`,
      [agencyId, asOf, new Date(asOf.getTime() + 30 * 86_400_000)],
    )) as Array<{ expiring: string; expired: string }>;
    const [findings] = (await manager.query(
      `SELECT count(*) FILTER (WHERE status IN ('rectifying', 'answered')) AS open,
              count(*) FILTER (WHERE status = 'rectifying' AND overdue_from <= $2) AS overdue
         FROM audit_finding WHERE agency_id = $1`,
      [agencyId, asOf],
    )) as Array<{ open: string; overdue: string }>;
    const [rectifications] = (await manager.query(
      `SELECT count(*) FILTER (WHERE status <> 'closed') AS open,
              count(*) FILTER (WHERE status = 'answered') AS awaiting_verification,
              count(*) FILTER (WHERE status IN ('issued', 'returned') AND deadline <= $2) AS overdue
         FROM rectification_notice WHERE agency_id = $1`,
      [agencyId, asOf],
    )) as Array<{ open: string; awaiting_verification: string; overdue: string }>;
    const [oldest] = (await manager.query(
      `SELECT n.id, n.party, n.vendor_name, n.finding, n.deadline, e.escalated_at
         FROM rectification_notice n LEFT JOIN rectification_escalation e ON e.notice_id = n.id AND e.deadline = n.deadline
        WHERE n.agency_id = $1 AND n.status IN ('issued', 'returned') AND n.deadline <= $2
        ORDER BY n.deadline, n.id LIMIT 1`,
      [agencyId, asOf],
    )) as Array<{ id: string; party: string; vendor_name: string | null; finding: string; deadline: Date; escalated_at: Date | null }>;
    const [sanctions] = (await manager.query(
      `SELECT (SELECT count(*) FROM sanction_proposal WHERE agency_id = $1 AND status = 'open') AS pending,
              (SELECT count(*) FROM sanction WHERE agency_id = $1 AND status = 'active' AND from_at <= $2 AND (until_at IS NULL OR until_at > $2)) AS in_force`,
      [agencyId, asOf],
    )) as Array<{ pending: string; in_force: string }>;
    return {
      complaints: {
        open: Number(complaints?.open ?? 0),
        overdueResponses: Number(complaints?.overdue_responses ?? 0),
        meanHandlingMinutesThisMonth: complaints?.mean_handling_minutes ? Math.round(Number(complaints.mean_handling_minutes)) : null,
      },
      violations: {
        recordedThisMonth: Number(violations?.recorded ?? 0),
        penaltyPointsThisMonth: Number(violations?.points ?? 0),
        penaltyAmountThisMonthFen: Number(violations?.amount ?? 0),
      },
      qualifications: { mandatoryExpiringWithin30Days: Number(qualifications?.expiring ?? 0), mandatoryExpired: Number(qualifications?.expired ?? 0) },
      internalAudit: { openFindings: Number(findings?.open ?? 0), overdueFindings: Number(findings?.overdue ?? 0) },
      sanctions: { pendingProposals: Number(sanctions?.pending ?? 0), inForce: Number(sanctions?.in_force ?? 0) },
      rectifications: {
        open: Number(rectifications?.open ?? 0),
        awaitingVerification: Number(rectifications?.awaiting_verification ?? 0),
        overdue: Number(rectifications?.overdue ?? 0),
        oldestOverdue: oldest
          ? { id: oldest.id, party: oldest.party, vendorName: oldest.vendor_name, finding: oldest.finding, deadline: oldest.deadline.toISOString(), escalatedAt: oldest.escalated_at?.toISOString() ?? null }
          : null,
      },
    };
  }
}
