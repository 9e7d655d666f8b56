import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemClock, tally } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { VEHICLE_STATUSES } from '../vehicles/domain/vehicle';
import { DashboardView } from './dashboard.dto';

/** How many vehicles in the workshop the dashboard lists. */
export const VEHICLES_IN_WORKSHOP_LISTED = 5;

/** The agency's transport figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class TransportDashboardService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const byStatus = (await manager.query(
        `SELECT status AS key, count(*) AS count, coalesce(sum(seats), 0) AS seats FROM vehicle WHERE agency_id = $1 GROUP BY status`,
        [caller.agencyId],
      )) as Array<{ key: string; count: string; seats: string }>;
      const inWorkshop = (await manager.query(
        `SELECT id, plate_number, service_reason, sent_for_service_at FROM vehicle WHERE agency_id = $1 AND status = 'in-service'
          ORDER BY sent_for_service_at ASC, id ASC LIMIT $2`,
        [caller.agencyId, VEHICLES_IN_WORKSHOP_LISTED],
      )) as Array<{ id: string; plate_number: string; service_reason: string; sent_for_service_at: Date }>;
      const counts = tally(VEHICLE_STATUSES, byStatus);
      return {
        asOf: asOf.toISOString(),
        vehicles: {
          total: counts.available + counts['in-service'] + counts.retired,
          fleet: counts.available + counts['in-service'],
          byStatus: { available: counts.available, inService: counts['in-service'], retired: counts.retired },
          availableSeats: Number(byStatus.find((row) => row.key === 'available')?.seats ?? 0),
        },
        inWorkshop: inWorkshop.map((row) => ({ id: row.id, plateNumber: row.plate_number, reason: row.service_reason, since: row.sent_for_service_at.toISOString() })),
      };
    });
  }
}
