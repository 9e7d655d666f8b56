import { MigrationInterface, QueryRunner } from 'typeorm';

/** Purchase orders from awarded tenders: a tender raised without a requisition orders without one. */
export class OrdersFromTenders1764910000000 implements MigrationInterface {
  name = 'OrdersFromTenders1764910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE purchase_order
        ALTER COLUMN requisition_id DROP NOT NULL,
        ADD COLUMN tender_id uuid REFERENCES tender (id),
        ADD CONSTRAINT purchase_order_has_source CHECK (requisition_id IS NOT NULL OR tender_id IS NOT NULL)`);
    // One order per tender, as per requisition.
    await queryRunner.query(`CREATE UNIQUE INDEX purchase_order_tender_unique ON purchase_order (tender_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX purchase_order_tender_unique`);
    await queryRunner.query(`ALTER TABLE purchase_order DROP CONSTRAINT purchase_order_has_source, DROP COLUMN tender_id, ALTER COLUMN requisition_id SET NOT NULL`);
  }
}
