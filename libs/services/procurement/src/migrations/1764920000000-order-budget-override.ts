import { MigrationInterface, QueryRunner } from 'typeorm';

/** An order that went beyond its budget keeps who allowed it, why, and by how much. */
export class OrderBudgetOverride1764920000000 implements MigrationInterface {
  name = 'OrderBudgetOverride1764920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE purchase_order ADD COLUMN budget_override jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE purchase_order DROP COLUMN budget_override`);
  }
}
