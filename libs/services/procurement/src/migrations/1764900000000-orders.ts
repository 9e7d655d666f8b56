import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1764900000000 implements MigrationInterface {
  name = 'Orders1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // committed and spent move with every receipt and the cancellation, under this row's lock.
    await queryRunner.query(`
      CREATE TABLE purchase_order (
        id             uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        vendor_id      uuid NOT NULL REFERENCES vendor (id),
        requisition_id uuid NOT NULL REFERENCES requisition (id),
        budget_id      uuid NOT NULL REFERENCES budget (id),
        fiscal_year    integer NOT NULL,
        category       text NOT NULL,
        lines          jsonb NOT NULL,
        total          bigint NOT NULL CHECK (total > 0),
        committed      bigint NOT NULL CHECK (committed >= 0),
        spent          bigint NOT NULL CHECK (spent >= 0),
        status         text NOT NULL CHECK (status IN ('draft', 'placed', 'partially-received', 'received', 'cancelled')),
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL,
        placed_at      timestamptz,
        cancellation   jsonb,
        version        integer NOT NULL DEFAULT 1,
        CHECK (committed + spent <= total)
      )`);
    // One order per requisition: the requisition's commitment becomes the order's.
    await queryRunner.query(`CREATE UNIQUE INDEX purchase_order_requisition_unique ON purchase_order (requisition_id)`);
    await queryRunner.query(`CREATE INDEX purchase_order_agency_status ON purchase_order (agency_id, status, created_at)`);
    await queryRunner.query(`CREATE INDEX purchase_order_agency_vendor ON purchase_order (agency_id, vendor_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE purchase_order_receipt (
        id                uuid PRIMARY KEY,
        agency_id         text NOT NULL,
        purchase_order_id uuid NOT NULL REFERENCES purchase_order (id),
        vendor_id         uuid NOT NULL REFERENCES vendor (id),
        received_date     date NOT NULL,
        on_time           boolean NOT NULL,
        lines             jsonb NOT NULL,
        accepted_value    bigint NOT NULL CHECK (accepted_value >= 0),
        store_room_id     uuid REFERENCES store_room (id),
        received_by       text NOT NULL,
        recorded_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX purchase_order_receipt_order ON purchase_order_receipt (purchase_order_id, recorded_at)`);
    await queryRunner.query(`CREATE INDEX purchase_order_receipt_vendor ON purchase_order_receipt (agency_id, vendor_id)`);

    await queryRunner.query(`
      CREATE TABLE purchase_order_invoice (
        id                uuid PRIMARY KEY,
        agency_id         text NOT NULL,
        purchase_order_id uuid NOT NULL REFERENCES purchase_order (id),
        vendor_id         uuid NOT NULL REFERENCES vendor (id),
        invoice_number    text NOT NULL CHECK (length(invoice_number) > 0),
        amount            bigint NOT NULL CHECK (amount > 0),
        invoice_date      date NOT NULL,
        match             text NOT NULL CHECK (match IN ('matched', 'mismatch')),
        match_detail      jsonb NOT NULL,
        recorded_by       text NOT NULL,
        recorded_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX purchase_order_invoice_number_unique ON purchase_order_invoice (agency_id, vendor_id, invoice_number)`);
    await queryRunner.query(`CREATE INDEX purchase_order_invoice_order ON purchase_order_invoice (purchase_order_id, recorded_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE purchase_order_invoice`);
    await queryRunner.query(`DROP TABLE purchase_order_receipt`);
    await queryRunner.query(`DROP TABLE purchase_order`);
  }
}
