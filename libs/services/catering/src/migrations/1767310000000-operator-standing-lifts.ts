import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A vendor's standing remembers who announced the bar in force (procurement or evaluation) and the
 * latest reinstatement known, so that a sanction and a reinstatement arriving out of order (they
 * come on different topics) leave the operator barred only when it is.
 */
export class OperatorStandingLifts1767310000000 implements MigrationInterface {
  name = 'OperatorStandingLifts1767310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE catering_vendor_standing
        ADD COLUMN source text NOT NULL DEFAULT 'procurement' CHECK (source IN ('procurement', 'evaluation')),
        ADD COLUMN lifted_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE catering_vendor_standing DROP COLUMN source, DROP COLUMN lifted_at`);
  }
}
