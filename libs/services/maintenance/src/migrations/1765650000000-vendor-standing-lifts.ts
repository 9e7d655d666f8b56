import { MigrationInterface, QueryRunner } from 'typeorm';

/** A vendor's standing follows reinstatements and lifted blacklistings: status active, when, and who announced the bar. */
export class VendorStandingLifts1765650000000 implements MigrationInterface {
  name = 'VendorStandingLifts1765650000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE maintenance_vendor_standing DROP CONSTRAINT maintenance_vendor_standing_status_check`);
    await queryRunner.query(`
      ALTER TABLE maintenance_vendor_standing
        ADD CONSTRAINT maintenance_vendor_standing_status_check CHECK (status IN ('active', 'suspended', 'blacklisted')),
        ADD COLUMN lifted_at timestamptz,
        ADD COLUMN source text NOT NULL DEFAULT 'procurement' CHECK (source IN ('procurement', 'evaluation'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM maintenance_vendor_standing WHERE status = 'active'`);
    await queryRunner.query(`ALTER TABLE maintenance_vendor_standing DROP CONSTRAINT maintenance_vendor_standing_status_check, DROP COLUMN lifted_at, DROP COLUMN source`);
    await queryRunner.query(`ALTER TABLE maintenance_vendor_standing ADD CONSTRAINT maintenance_vendor_standing_status_check CHECK (status IN ('suspended', 'blacklisted'))`);
  }
}
