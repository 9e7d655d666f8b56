import { MigrationInterface, QueryRunner } from 'typeorm';

/** The maintenance work order an issue of stock was for (its parts cost there), kept in the ledger. */
export class StockIssueWorkOrder1764940000000 implements MigrationInterface {
  name = 'StockIssueWorkOrder1764940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stock_movement ADD COLUMN work_order_id uuid CHECK (work_order_id IS NULL OR kind = 'issue')`);
    await queryRunner.query(`CREATE INDEX stock_movement_work_order ON stock_movement (work_order_id) WHERE work_order_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX stock_movement_work_order`);
    await queryRunner.query(`ALTER TABLE stock_movement DROP COLUMN work_order_id`);
  }
}
