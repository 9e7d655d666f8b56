import { MigrationInterface, QueryRunner } from 'typeorm';

/** The vendor's latest reinstatement, and the index the suspension-end sweep claims by. */
export class VendorReinstatement1764950000000 implements MigrationInterface {
  name = 'VendorReinstatement1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE vendor
        ADD COLUMN reinstatement_cause  text CHECK (reinstatement_cause IN ('suspension-ended', 'reinstated-early', 'blacklisting-lifted')),
        ADD COLUMN reinstatement_reason text,
        ADD COLUMN reinstated_by        text,
        ADD COLUMN reinstated_at        timestamptz`);
    await queryRunner.query(`CREATE INDEX vendor_suspension_end ON vendor (suspended_until) WHERE status = 'suspended' AND suspended_until IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX vendor_suspension_end`);
    await queryRunner.query(`ALTER TABLE vendor DROP COLUMN reinstatement_cause, DROP COLUMN reinstatement_reason, DROP COLUMN reinstated_by, DROP COLUMN reinstated_at`);
  }
}
