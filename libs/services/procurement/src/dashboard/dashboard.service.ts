import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { businessDay, systemClock, tally } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { VENDOR_STATUSES } from '../vendors/domain/vendor';
import { DashboardView } from './dashboard.dto';

/** How many of the latest suspensions the dashboard lists. */
export const RECENT_SUSPENSIONS = 5;

/** The agency's procurement figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class ProcurementDashboardService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now();
    const day = businessDay(asOf);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const byStatus = (await manager.query(`SELECT status AS key, count(*) AS count FROM vendor WHERE agency_id = $1 GROUP BY status`, [caller.agencyId])) as Array<{
        key: string;
        count: string;
      }>;
      const [today] = (await manager.query(`SELECT count(*) AS registered FROM vendor WHERE agency_id = $1 AND registered_at >= $2 AND registered_at < $3`, [
        caller.agencyId,
        day.start,
        day.end,
      ])) as Array<{ registered: string }>;
      const suspended = (await manager.query(
        `SELECT id, name, suspension_reason, suspended_at, suspended_until FROM vendor
          WHERE agency_id = $1 AND status = 'suspended' AND suspended_at IS NOT NULL
          ORDER BY suspended_at DESC, id ASC LIMIT $2`,
        [caller.agencyId, RECENT_SUSPENSIONS],
      )) as Array<{ id: string; name: string; suspension_reason: string | null; suspended_at: Date; suspended_until: Date | null }>;
      const counts = tally(VENDOR_STATUSES, byStatus);
      return {
        asOf: asOf.toISOString(),
        businessDay: day.date,
        vendors: { total: counts.active + counts.suspended + counts.blacklisted, byStatus: counts, registeredToday: Number(today?.registered ?? 0) },
        recentlySuspended: suspended.map((row) => ({
          id: row.id,
          name: row.name,
          reason: row.suspension_reason ?? '',
          suspendedAt: row.suspended_at.toISOString(),
          ...(row.suspended_until ? { until: row.suspended_until.toISOString() } : {}),
        })),
      };
    });
  }
}
