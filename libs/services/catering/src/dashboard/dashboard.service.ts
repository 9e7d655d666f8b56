import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemClock, tally } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CANTEEN_STATUSES, MEAL_PERIODS } from '../canteens/domain/canteen';
import { DashboardView } from './dashboard.dto';

/** How many closed canteens the dashboard lists. */
export const CLOSED_CANTEENS_LISTED = 5;

/** The agency's catering figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class CateringDashboardService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const byStatus = (await manager.query(
        `SELECT status AS key, count(*) AS count, coalesce(sum(capacity), 0) AS seats FROM canteen WHERE agency_id = $1 GROUP BY status`,
        [caller.agencyId],
      )) as Array<{ key: string; count: string; seats: string }>;
      const serving = (await manager.query(
        `SELECT period AS key, count(*) AS count FROM canteen, unnest(meal_periods) AS period
          WHERE agency_id = $1 AND status = 'open' GROUP BY period`,
        [caller.agencyId],
      )) as Array<{ key: string; count: string }>;
      const closed = (await manager.query(
        `SELECT id, name, closure_reason, closed_at FROM canteen WHERE agency_id = $1 AND status = 'closed'
          ORDER BY closed_at DESC, id ASC LIMIT $2`,
        [caller.agencyId, CLOSED_CANTEENS_LISTED],
      )) as Array<{ id: string; name: string; closure_reason: string; closed_at: Date }>;
      const counts = tally(CANTEEN_STATUSES, byStatus);
      return {
        asOf: asOf.toISOString(),
        canteens: {
          total: counts.open + counts.closed,
          byStatus: counts,
          openSeats: Number(byStatus.find((row) => row.key === 'open')?.seats ?? 0),
          servingByMealPeriod: tally(MEAL_PERIODS, serving),
        },
        closedCanteens: closed.map((row) => ({ id: row.id, name: row.name, reason: row.closure_reason, closedAt: row.closed_at.toISOString() })),
      };
    });
  }
}
