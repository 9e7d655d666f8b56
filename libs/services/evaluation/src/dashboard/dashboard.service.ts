import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { businessDay, systemClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { DashboardView } from './dashboard.dto';

/** How many of the latest audit entries the dashboard lists. */
export const LATEST_AUDIT_ENTRIES = 5;

/** The agency's evaluation figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class EvaluationDashboardService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now();
    const day = businessDay(asOf);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [counts] = (await manager.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE recorded_at >= $2 AND recorded_at < $3) AS today FROM audit_entry WHERE agency_id = $1`,
        [caller.agencyId, day.start, day.end],
      )) as Array<{ total: string; today: string }>;
      const latest = (await manager.query(
        `SELECT sequence, event_type, subject, occurred_at FROM audit_entry WHERE agency_id = $1 ORDER BY sequence DESC LIMIT $2`,
        [caller.agencyId, LATEST_AUDIT_ENTRIES],
      )) as Array<{ sequence: number; event_type: string; subject: string; occurred_at: Date }>;
      return {
        asOf: asOf.toISOString(),
        businessDay: day.date,
        auditTrail: {
          entriesToday: Number(counts?.today ?? 0),
          totalEntries: Number(counts?.total ?? 0),
          latest: latest.map((row) => ({ sequence: row.sequence, eventType: row.event_type, subject: row.subject, occurredAt: row.occurred_at.toISOString() })),
        },
      };
    });
  }
}
