import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, tally } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK } from '@houqin/service-kit';
import { VEHICLE_STATUSES } from '../vehicles/domain/vehicle';
import { DashboardView } from './dashboard.dto';
import { utilisationPercent } from './domain/utilisation';

/** The period the dashboard measures vehicle utilisation over. */
export const UTILISATION_DAYS = 30;

/** How many vehicles in the workshop the dashboard lists. */
export const VEHICLES_IN_WORKSHOP_LISTED = 5;

/** The agency's transport figures, from its own tables, in one consistent snapshot. */
@Injectable()
export class TransportDashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
      const since = new Date(asOf.getTime() - UTILISATION_DAYS * 86_400_000);
      const used = (await manager.query(
        `SELECT v.id, v.plate_number, count(t.id) AS trips,
                coalesce(sum(extract(epoch FROM (least(t.ended_at, $3) - greatest(t.started_at, $2))) / 60) FILTER (WHERE t.id IS NOT NULL), 0) AS minutes
           FROM vehicle v
           LEFT JOIN trip t ON t.vehicle_id = v.id AND t.status = 'completed' AND t.ended_at > $2 AND t.started_at < $3
          WHERE v.agency_id = $1 AND v.status <> 'retired'
          GROUP BY v.id, v.plate_number
          ORDER BY minutes DESC, v.plate_number`,
        [caller.agencyId, since, asOf],
      )) as Array<{ id: string; plate_number: string; trips: string; minutes: string | number }>;
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
        utilisation: used.map((row) => {
          const minutesOnTrips = Math.round(Number(row.minutes));
          return { id: row.id, plateNumber: row.plate_number, minutesOnTrips, trips: Number(row.trips), percent: utilisationPercent(minutesOnTrips, since, asOf) };
        }),
      };
    });
  }
}
