import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendors' latest published scores (evaluation's scorecards), one row per agency, vendor and
 * service type, fed by scorecard.published and vendor.score-changed: a tender's past-performance
 * criterion reads them.
 */
export class VendorPerformance1766280000000 implements MigrationInterface {
  name = 'VendorPerformance1766280000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vendor_performance (
        agency_id     text NOT NULL,
        vendor_id     uuid NOT NULL,
        service_type  text NOT NULL,
        period        text NOT NULL,
        period_start  timestamptz NOT NULL,
        period_end    timestamptz NOT NULL,
        version       integer NOT NULL,
        score         numeric(5, 2),
        standing      text,
        scorecard_id  uuid NOT NULL,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (agency_id, vendor_id, service_type)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vendor_performance`);
  }
}
