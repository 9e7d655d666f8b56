import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintenance costs (维修费用): cost lines of work orders — labour, parts issued by procurement,
 * other costs — in fen. A line is never deleted and never edited; the one change allowed is voiding
 * an unvoided line with a reason (the trigger refuses anything else). A procurement issue is
 * recorded once per stock movement, whatever redelivers it. Issues naming a work order unknown in
 * their agency are kept apart, unmatched.
 */
export class WorkOrderCosts1765300000000 implements MigrationInterface {
  name = 'WorkOrderCosts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE work_order_cost_line (
        id               uuid PRIMARY KEY,
        agency_id        text NOT NULL,
        work_order_id    uuid NOT NULL REFERENCES work_order (id),
        kind             text NOT NULL CHECK (kind IN ('labour', 'parts', 'extra')),
        description      text NOT NULL CHECK (length(description) > 0),
        amount_fen       bigint NOT NULL CHECK (amount_fen >= 0),
        worker           text,
        minutes          integer CHECK (minutes > 0),
        hourly_rate_fen  integer CHECK (hourly_rate_fen >= 0),
        note             text,
        movement_id      uuid,
        stock_item_id    uuid,
        item_code        text,
        store_room_id    uuid,
        quantity         integer CHECK (quantity > 0),
        unit_cost_fen    bigint CHECK (unit_cost_fen >= 0),
        recorded_by      text NOT NULL,
        incurred_at      timestamptz NOT NULL,
        recorded_at      timestamptz NOT NULL,
        voided_by        text,
        voided_at        timestamptz,
        void_reason      text,
        CHECK (kind <> 'labour' OR (worker IS NOT NULL AND minutes IS NOT NULL AND hourly_rate_fen IS NOT NULL)),
        CHECK (kind <> 'parts' OR (movement_id IS NOT NULL AND stock_item_id IS NOT NULL AND item_code IS NOT NULL AND store_room_id IS NOT NULL AND quantity IS NOT NULL)),
        CHECK ((voided_at IS NULL) = (voided_by IS NULL) AND (voided_at IS NULL) = (void_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX work_order_cost_line_movement ON work_order_cost_line (movement_id) WHERE movement_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX work_order_cost_line_work_order ON work_order_cost_line (work_order_id, recorded_at)`);
    await queryRunner.query(`CREATE INDEX work_order_cost_line_agency_incurred ON work_order_cost_line (agency_id, incurred_at) WHERE voided_at IS NULL`);
    await queryRunner.query(`
      CREATE FUNCTION work_order_cost_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'work_order_cost_line is never deleted: void the line instead';
        END IF;
        IF OLD.voided_at IS NOT NULL
           OR (to_jsonb(NEW) - 'voided_by' - 'voided_at' - 'void_reason') <> (to_jsonb(OLD) - 'voided_by' - 'voided_at' - 'void_reason') THEN
          RAISE EXCEPTION 'work_order_cost_line is append-only: the one change allowed is voiding an unvoided line';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER work_order_cost_line_guard BEFORE UPDATE OR DELETE ON work_order_cost_line
      FOR EACH ROW EXECUTE FUNCTION work_order_cost_line_guard()`);

    await queryRunner.query(`
      CREATE TABLE work_order_cost_unmatched_issue (
        movement_id    uuid PRIMARY KEY,
        event_id       text NOT NULL,
        agency_id      text NOT NULL,
        work_order_id  uuid NOT NULL,
        stock_item_id  uuid NOT NULL,
        item_code      text NOT NULL,
        store_room_id  uuid NOT NULL,
        quantity       integer NOT NULL CHECK (quantity > 0),
        unit_cost_fen  bigint CHECK (unit_cost_fen >= 0),
        value_fen      bigint CHECK (value_fen >= 0),
        issued_by      text NOT NULL,
        issued_at      timestamptz NOT NULL,
        received_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX work_order_cost_unmatched_issue_agency ON work_order_cost_unmatched_issue (agency_id, received_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE work_order_cost_unmatched_issue`);
    await queryRunner.query(`DROP TABLE work_order_cost_line`);
    await queryRunner.query(`DROP FUNCTION work_order_cost_line_guard()`);
  }
}
