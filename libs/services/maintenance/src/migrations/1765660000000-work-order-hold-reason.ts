import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a work order is on hold, kept while it is. */
export class WorkOrderHoldReason1765660000000 implements MigrationInterface {
  name = 'WorkOrderHoldReason1765660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE work_order ADD COLUMN hold_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE work_order DROP COLUMN hold_reason`);
  }
}
