import { MigrationInterface, QueryRunner } from 'typeorm';

export class RepairRequests1764201700000 implements MigrationInterface {
  name = 'RepairRequests1764201700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE repair_request (
        id                  uuid PRIMARY KEY,
        agency_id           text NOT NULL,
        reported_by         text NOT NULL,
        department_id       text,
        asset_code          text,
        location            jsonb NOT NULL,
        description         text NOT NULL,
        priority            text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status              text NOT NULL CHECK (status IN ('reported', 'triaged', 'cancelled')),
        reported_at         timestamptz NOT NULL,
        cancelled_at        timestamptz,
        cancellation_reason text,
        version             integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX repair_request_agency_reported ON repair_request (agency_id, reported_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE repair_request`);
  }
}
