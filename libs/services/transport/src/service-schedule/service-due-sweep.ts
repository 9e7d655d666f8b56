import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { TransportEnvironment } from '../transport.config';
import type { VehicleType } from '../vehicles/domain/vehicle';
import { announceServiceDue, dueReason } from './domain/service-schedule';
import { SWEEP_RECORDER, serviceDueEvent } from './service-due-event';

interface DueVehicleRow {
  id: string;
  agency_id: string;
  plate_number: string;
  vehicle_type: VehicleType;
  odometer_km: number;
  service_interval_km: number | null;
  service_interval_months: number | null;
  service_due_at_km: number | null;
  service_due_on: string | null;
  by_distance: boolean;
  by_date: boolean;
  swept_at: Date;
}

/** What one sweep announced: the ids of the vehicles. */
export interface ServiceDueSweepResult {
  announced: string[];
}

const BATCH = 200;

/**
 * The durable timer of the service schedules. Every SERVICE_DUE_SWEEP_INTERVAL_MS it claims the
 * available vehicles whose occurrence is due and not yet announced (FOR UPDATE SKIP LOCKED, so
 * replicas sweeping at once take different vehicles), marks them announced and appends
 * vehicle.service-due in the same transaction. A replica that dies before committing leaves the
 * vehicle due for the next sweep; once committed the mark stays until the vehicle returns from
 * service: each occurrence is announced exactly once.
 *
 * Due by date means the due day has begun in China Standard Time by the database's now() (the
 * transaction's start), never a replica's clock, so replicas with skewed clocks agree. The sweep
 * also announces a vehicle due by distance that no reading announced (a schedule set with its due
 * kilometres already behind the vehicle). A vehicle in the workshop is not announced.
 */
@Injectable()
export class ServiceDueSweep extends IntervalSweep<ServiceDueSweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) config: TransportEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'vehicle service-due dates', intervalMs: config.SERVICE_DUE_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<ServiceDueSweepResult> {
    return { announced: await this.sweepInBatches(BATCH, () => this.sweepBatch()) };
  }

  /** One transaction: the ids of the vehicles it announced. */
  private async sweepBatch(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `WITH today AS (
           SELECT ((now() AT TIME ZONE 'UTC') + make_interval(mins => $2::integer))::date AS day
         ), due AS (
           SELECT v.id,
                  coalesce(v.service_due_at_km - v.odometer_km <= 0, false) AS by_distance,
                  coalesce(v.service_due_on <= today.day, false) AS by_date
             FROM vehicle v, today
            WHERE v.status = 'available'
              AND v.service_due_announced_at IS NULL
              AND (v.service_due_at_km - v.odometer_km <= 0 OR v.service_due_on <= today.day)
            ORDER BY v.service_due_on NULLS LAST, v.id
            LIMIT $1
            FOR UPDATE OF v SKIP LOCKED
         )
         UPDATE vehicle v
            SET service_due_announced_at = now(),
                version = v.version + 1
           FROM due
          WHERE v.id = due.id
         RETURNING v.id, v.agency_id, v.plate_number, v.vehicle_type, v.odometer_km, v.service_interval_km, v.service_interval_months,
                   v.service_due_at_km, to_char(v.service_due_on, 'YYYY-MM-DD') AS service_due_on, due.by_distance, due.by_date, now() AS swept_at`,
        [BATCH, BUSINESS_UTC_OFFSET_MINUTES],
      )) as [DueVehicleRow[], number];
      const events: EventEnvelope[] = [];
      for (const row of rows) {
        const reason = dueReason(row.by_distance, row.by_date);
        // The claim's condition is the disjunction of the two, so one of them holds.
        if (!reason) throw new Error(`vehicle ${row.id} was claimed as due for service but is due neither by distance nor by date`);
        const { notice } = announceServiceDue(
          {
            ...(row.service_interval_km !== null && row.service_due_at_km !== null ? { intervalKm: row.service_interval_km, dueAtKm: row.service_due_at_km } : {}),
            ...(row.service_interval_months !== null && row.service_due_on !== null ? { intervalMonths: row.service_interval_months, dueOn: row.service_due_on } : {}),
          },
          reason,
          row.odometer_km,
          row.swept_at,
        );
        events.push(serviceDueEvent({ id: row.id, agencyId: row.agency_id, plateNumber: row.plate_number, vehicleType: row.vehicle_type }, notice, SWEEP_RECORDER));
      }
      await this.outbox.append(manager, events);
      const announced = rows.map((row) => row.id);
      if (announced.length > 0) this.logger.info({ vehicles: announced }, 'vehicle services fell due');
      return announced;
    });
  }
}
