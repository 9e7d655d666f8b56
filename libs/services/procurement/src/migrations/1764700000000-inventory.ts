import { MigrationInterface, QueryRunner } from 'typeorm';

export class Inventory1764700000000 implements MigrationInterface {
  name = 'Inventory1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE store_room (
        id          uuid PRIMARY KEY,
        agency_id   text NOT NULL,
        name        text NOT NULL CHECK (length(name) > 0),
        location    text,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX store_room_agency_name_unique ON store_room (agency_id, name)`);

    // on_hand, low_stock_alerted and last_unit_cost_fen change with every movement, under this row's lock.
    await queryRunner.query(`
      CREATE TABLE stock_item (
        id                  uuid PRIMARY KEY,
        agency_id           text NOT NULL,
        code                text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9._-]{0,39}$'),
        name                text NOT NULL CHECK (length(name) > 0),
        unit_of_measure     text NOT NULL CHECK (length(unit_of_measure) > 0),
        low_stock_threshold integer NOT NULL CHECK (low_stock_threshold >= 0),
        reorder_quantity    integer NOT NULL CHECK (reorder_quantity > 0),
        on_hand             integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        low_stock_alerted   boolean NOT NULL DEFAULT false,
        last_unit_cost_fen  integer CHECK (last_unit_cost_fen >= 0),
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL,
        version             integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX stock_item_agency_code_unique ON stock_item (agency_id, code)`);

    // The balance of one item in one store room; the CHECK is the last line against negative stock.
    await queryRunner.query(`
      CREATE TABLE stock_balance (
        stock_item_id uuid NOT NULL REFERENCES stock_item (id),
        store_room_id uuid NOT NULL REFERENCES store_room (id),
        agency_id     text NOT NULL,
        quantity      integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
        PRIMARY KEY (stock_item_id, store_room_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE stock_movement (
        id                uuid PRIMARY KEY,
        position          bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        agency_id         text NOT NULL,
        stock_item_id     uuid NOT NULL REFERENCES stock_item (id),
        store_room_id     uuid NOT NULL REFERENCES store_room (id),
        kind              text NOT NULL CHECK (kind IN ('receipt', 'issue', 'adjustment')),
        change            integer NOT NULL,
        balance_after     integer NOT NULL CHECK (balance_after >= 0),
        unit_cost_fen     integer CHECK (unit_cost_fen >= 0),
        purchase_order_id uuid,
        receipt_id        uuid,
        department_id     text,
        requested_by      text,
        counted_quantity  integer CHECK (counted_quantity >= 0),
        reason            text,
        recorded_by       text NOT NULL,
        recorded_at       timestamptz NOT NULL,
        CHECK (kind <> 'receipt' OR (change > 0 AND unit_cost_fen IS NOT NULL)),
        CHECK (kind <> 'issue' OR (change < 0 AND department_id IS NOT NULL AND requested_by IS NOT NULL)),
        CHECK (kind <> 'adjustment' OR (counted_quantity IS NOT NULL AND length(reason) > 0))
      )`);
    await queryRunner.query(`CREATE INDEX stock_movement_item ON stock_movement (stock_item_id, position DESC)`);
    // The ledger is append-only: a correction is a new movement (a stocktake), never an edit.
    await queryRunner.query(`
      CREATE FUNCTION stock_movement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock_movement is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stock_movement_append_only BEFORE UPDATE OR DELETE ON stock_movement
      FOR EACH ROW EXECUTE FUNCTION stock_movement_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stock_movement`);
    await queryRunner.query(`DROP FUNCTION stock_movement_append_only()`);
    await queryRunner.query(`DROP TABLE stock_balance`);
    await queryRunner.query(`DROP TABLE stock_item`);
    await queryRunner.query(`DROP TABLE store_room`);
  }
}
