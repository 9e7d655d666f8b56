import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fleet documents, drivers, trip requests with their approval, dispatch and trip logs, and the
 * projection of procurement's transport contracts. A trip's vehicle and driver bookings never
 * overlap: two exclusion constraints (btree_gist) over the trip's window decide, whatever the
 * number of concurrent dispatches; a cancelled, refused or finished trip holds no booking.
 */
export class FleetTrips1767200000000 implements MigrationInterface {
  name = 'FleetTrips1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // Insurance (交强险/商业险) and annual inspection (年检) are valid through their expiry day (China Standard Time).
    await queryRunner.query(`
      ALTER TABLE vehicle
        ADD COLUMN insurance_expires_on  date,
        ADD COLUMN inspection_expires_on date,
        ADD COLUMN insurance_warned_for  date,
        ADD COLUMN inspection_warned_for date`);
    await queryRunner.query(`
      CREATE TABLE driver (
        id                      uuid PRIMARY KEY,
        agency_id               text NOT NULL,
        user_id                 text,
        name                    text NOT NULL,
        phone                   text,
        licence_class           text NOT NULL CHECK (licence_class IN ('A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2')),
        licence_number          text NOT NULL,
        licence_expires_on      date NOT NULL,
        health_checked_on       date,
        health_check_expires_on date,
        status                  text NOT NULL CHECK (status IN ('available', 'on-leave', 'left')),
        status_note             text,
        licence_warned_for      date,
        health_warned_for       date,
        registered_by           text NOT NULL,
        registered_at           timestamptz NOT NULL,
        version                 integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX driver_agency_licence_unique ON driver (agency_id, licence_number)`);
    await queryRunner.query(`CREATE INDEX driver_agency_name ON driver (agency_id, name)`);
    await queryRunner.query(`
      CREATE TABLE transport_approval_policy (
        agency_id            text PRIMARY KEY,
        max_distance_km      integer NOT NULL CHECK (max_distance_km >= 0),
        out_of_city          boolean NOT NULL,
        working_hours_from   text NOT NULL,
        working_hours_until  text NOT NULL,
        entitled_ranks       text[] NOT NULL,
        updated_by           text NOT NULL,
        updated_at           timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE trip (
        id                  uuid PRIMARY KEY,
        agency_id           text NOT NULL,
        requested_by        text NOT NULL,
        purpose             text NOT NULL,
        passengers          integer NOT NULL CHECK (passengers BETWEEN 1 AND 60),
        passenger_rank      text NOT NULL,
        origin              text NOT NULL,
        destination         text NOT NULL,
        distance_km         integer NOT NULL CHECK (distance_km >= 0),
        out_of_city         boolean NOT NULL,
        starts_at           timestamptz NOT NULL,
        ends_at             timestamptz NOT NULL,
        during              tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        vehicle_type        text,
        status              text NOT NULL CHECK (status IN ('pending-approval', 'approved', 'rejected', 'dispatched', 'in-progress', 'completed', 'cancelled', 'no-show')),
        approval_reasons    text[] NOT NULL,
        decided_by          text,
        decided_at          timestamptz,
        decision_note       text,
        assignment_kind     text CHECK (assignment_kind IN ('fleet', 'rental')),
        vehicle_id          uuid REFERENCES vehicle (id),
        driver_id           uuid REFERENCES driver (id),
        plate_number        text,
        driver_name         text,
        contract_id         uuid,
        vendor_id           uuid,
        vendor_name         text,
        dispatched_by       text,
        dispatched_at       timestamptz,
        started_at          timestamptz,
        start_odometer_km   integer,
        started_by          text,
        on_time             boolean,
        late_minutes        integer,
        ended_at            timestamptz,
        end_odometer_km     integer,
        driven_km           integer,
        fuel_fen            integer,
        tolls_fen           integer,
        parking_fen         integer,
        rental_fen          integer,
        cost_fen            integer,
        cost_per_km_fen     integer,
        completed_by        text,
        cancelled_by        text,
        cancelled_at        timestamptz,
        cancellation_reason text,
        rating              integer CHECK (rating BETWEEN 1 AND 5),
        rating_comment      text,
        rated_at            timestamptz,
        requested_at        timestamptz NOT NULL,
        version             integer NOT NULL DEFAULT 1,
        CHECK (ends_at > starts_at),
        CHECK (end_odometer_km IS NULL OR end_odometer_km >= start_odometer_km),
        CHECK (assignment_kind <> 'fleet' OR (vehicle_id IS NOT NULL AND driver_id IS NOT NULL)),
        CHECK (assignment_kind <> 'rental' OR (contract_id IS NOT NULL AND vendor_id IS NOT NULL)),
        -- 不重复派车: a vehicle, and a driver, is on one dispatched or running trip at a time.
        CONSTRAINT trip_vehicle_no_overlap EXCLUDE USING gist (vehicle_id WITH =, during WITH &&)
          WHERE (vehicle_id IS NOT NULL AND status IN ('dispatched', 'in-progress')),
        CONSTRAINT trip_driver_no_overlap EXCLUDE USING gist (driver_id WITH =, during WITH &&)
          WHERE (driver_id IS NOT NULL AND status IN ('dispatched', 'in-progress'))
      )`);
    await queryRunner.query(`CREATE INDEX trip_agency_starts ON trip (agency_id, starts_at DESC)`);
    await queryRunner.query(`CREATE INDEX trip_vehicle_ended ON trip (vehicle_id, ended_at) WHERE status = 'completed'`);
    await queryRunner.query(`
      CREATE TABLE transport_contract (
        contract_id                    uuid PRIMARY KEY,
        agency_id                      text NOT NULL,
        vendor_id                      uuid NOT NULL,
        vendor_name                    text NOT NULL,
        title                          text NOT NULL,
        valid_from                     timestamptz NOT NULL,
        valid_to                       timestamptz NOT NULL,
        min_punctuality_rate           numeric NOT NULL,
        max_dispatch_response_minutes  integer NOT NULL,
        km_rate_fen                    integer,
        status                         text NOT NULL CHECK (status IN ('signed', 'expired', 'terminated')),
        signed_at                      timestamptz NOT NULL,
        ended_at                       timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX transport_contract_agency ON transport_contract (agency_id, vendor_id)`);
    await queryRunner.query(`
      CREATE TABLE transport_vendor_standing (
        agency_id      text NOT NULL,
        vendor_id      uuid NOT NULL,
        status         text NOT NULL CHECK (status IN ('active', 'suspended', 'blacklisted')),
        sanctioned     boolean NOT NULL,
        warned         boolean NOT NULL DEFAULT false,
        reason         text NOT NULL,
        effective_from timestamptz NOT NULL,
        until          timestamptz,
        updated_at     timestamptz NOT NULL,
        PRIMARY KEY (agency_id, vendor_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE transport_vendor_standing`);
    await queryRunner.query(`DROP TABLE transport_contract`);
    await queryRunner.query(`DROP TABLE trip`);
    await queryRunner.query(`DROP TABLE transport_approval_policy`);
    await queryRunner.query(`DROP TABLE driver`);
    await queryRunner.query(`
      ALTER TABLE vehicle
        DROP COLUMN inspection_warned_for,
        DROP COLUMN insurance_warned_for,
        DROP COLUMN inspection_expires_on,
        DROP COLUMN insurance_expires_on`);
  }
}
