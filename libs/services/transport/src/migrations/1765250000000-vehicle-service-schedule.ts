import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service schedules (保养计划) and odometer readings. The vehicle row holds when its odometer was
 * last read, where its service intervals count from (registration, then each return from service),
 * the schedule with its next due point, and service_due_announced_at: set in the transaction that
 * appended vehicle.service-due, cleared when a return from service starts the next occurrence.
 *
 * Vehicles registered before this migration count from their registration (or last return) day and
 * their current odometer: the odometer at that moment was not recorded.
 */
export class VehicleServiceSchedule1765250000000 implements MigrationInterface {
  name = 'VehicleServiceSchedule1765250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE vehicle
        ADD COLUMN odometer_read_at          timestamptz,
        ADD COLUMN service_interval_start_km integer CHECK (service_interval_start_km >= 0),
        ADD COLUMN service_interval_start_on date,
        ADD COLUMN service_interval_km       integer CHECK (service_interval_km > 0),
        ADD COLUMN service_interval_months   integer CHECK (service_interval_months > 0),
        ADD COLUMN service_due_at_km         integer CHECK (service_due_at_km >= 0),
        ADD COLUMN service_due_on            date,
        ADD COLUMN service_due_announced_at  timestamptz`);
    // Days are China Standard Time, as businessDay in @houqin/domain counts them.
    await queryRunner.query(`
      UPDATE vehicle
         SET odometer_read_at = registered_at,
             service_interval_start_km = odometer_km,
             service_interval_start_on = (coalesce(returned_from_service_at, registered_at) AT TIME ZONE 'Asia/Shanghai')::date`);
    await queryRunner.query(`
      ALTER TABLE vehicle
        ALTER COLUMN odometer_read_at SET NOT NULL,
        ALTER COLUMN service_interval_start_km SET NOT NULL,
        ALTER COLUMN service_interval_start_on SET NOT NULL,
        -- A distance interval has its due kilometres, a time interval its due day; an announcement needs a schedule.
        ADD CONSTRAINT vehicle_service_due_km CHECK ((service_interval_km IS NULL) = (service_due_at_km IS NULL)),
        ADD CONSTRAINT vehicle_service_due_on CHECK ((service_interval_months IS NULL) = (service_due_on IS NULL)),
        ADD CONSTRAINT vehicle_service_announced CHECK (service_due_announced_at IS NULL OR service_interval_km IS NOT NULL OR service_interval_months IS NOT NULL)`);
    // What the sweep looks for: available vehicles whose occurrence is not announced, due by date or by distance.
    await queryRunner.query(`
      CREATE INDEX vehicle_service_due_by_date ON vehicle (service_due_on)
       WHERE status = 'available' AND service_due_announced_at IS NULL AND service_due_on IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX vehicle_service_due_by_distance ON vehicle ((service_due_at_km - odometer_km))
       WHERE status = 'available' AND service_due_announced_at IS NULL AND service_due_at_km IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE vehicle_odometer_reading (
        id          uuid PRIMARY KEY,
        agency_id   text NOT NULL,
        vehicle_id  uuid NOT NULL REFERENCES vehicle (id),
        odometer_km integer NOT NULL CHECK (odometer_km >= 0),
        read_at     timestamptz NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX vehicle_odometer_reading_vehicle ON vehicle_odometer_reading (vehicle_id, read_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vehicle_odometer_reading`);
    await queryRunner.query(`DROP INDEX vehicle_service_due_by_distance`);
    await queryRunner.query(`DROP INDEX vehicle_service_due_by_date`);
    await queryRunner.query(`
      ALTER TABLE vehicle
        DROP CONSTRAINT vehicle_service_announced,
        DROP CONSTRAINT vehicle_service_due_on,
        DROP CONSTRAINT vehicle_service_due_km,
        DROP COLUMN service_due_announced_at,
        DROP COLUMN service_due_on,
        DROP COLUMN service_due_at_km,
        DROP COLUMN service_interval_months,
        DROP COLUMN service_interval_km,
        DROP COLUMN service_interval_start_on,
        DROP COLUMN service_interval_start_km,
        DROP COLUMN odometer_read_at`);
  }
}
