import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The time an SLA clock counts, fixed when it starts: null for round the clock (every clock so
 * far), or a business-hours calendar (working hours, holidays, worked weekend days).
 */
export class SlaClockCalendars1765600000000 implements MigrationInterface {
  name = 'SlaClockCalendars1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sla_clock ADD COLUMN calendar jsonb CHECK (calendar IS NULL OR calendar->>'kind' = 'business-hours')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sla_clock DROP COLUMN calendar`);
  }
}
