import { MigrationInterface, QueryRunner } from 'typeorm';

export class Vehicles1764202200000 implements MigrationInterface {
  name = 'Vehicles1764202200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vehicle (
        id                       uuid PRIMARY KEY,
        agency_id                text NOT NULL,
        plate_number             text NOT NULL,
        vehicle_type             text NOT NULL CHECK (vehicle_type IN ('sedan', 'suv', 'minibus', 'bus', 'van', 'truck')),
        seats                    integer NOT NULL CHECK (seats BETWEEN 1 AND 60),
        odometer_km              integer NOT NULL CHECK (odometer_km >= 0),
        fuel                     text NOT NULL CHECK (fuel IN ('petrol', 'diesel', 'electric', 'hybrid')),
        status                   text NOT NULL CHECK (status IN ('available', 'in-service', 'retired')),
        registered_by            text NOT NULL,
        registered_at            timestamptz NOT NULL,
        service_reason           text,
        sent_for_service_by      text,
        sent_for_service_at      timestamptz,
        returned_from_service_at timestamptz,
        retirement_reason        text,
        retired_by               text,
        retired_at               timestamptz,
        version                  integer NOT NULL DEFAULT 1,
        -- A vehicle in the workshop says why and since when; a retired one says why and when.
        CHECK (status <> 'in-service' OR (service_reason IS NOT NULL AND sent_for_service_at IS NOT NULL)),
        CHECK (status <> 'retired' OR (retirement_reason IS NOT NULL AND retired_at IS NOT NULL))
      )`);
    // A plate identifies one vehicle of the fleet, retired ones included (their history stays attached).
    await queryRunner.query(`CREATE UNIQUE INDEX vehicle_agency_plate_unique ON vehicle (agency_id, plate_number)`);
    await queryRunner.query(`CREATE INDEX vehicle_agency_registered ON vehicle (agency_id, registered_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vehicle`);
  }
}
