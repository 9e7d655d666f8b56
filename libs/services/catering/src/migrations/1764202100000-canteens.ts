import { MigrationInterface, QueryRunner } from 'typeorm';

export class Canteens1764202100000 implements MigrationInterface {
  name = 'Canteens1764202100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE canteen (
        id             uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        name           text NOT NULL,
        location       jsonb NOT NULL,
        capacity       integer NOT NULL CHECK (capacity > 0),
        meal_periods   text[] NOT NULL CHECK (
                         cardinality(meal_periods) > 0
                         AND meal_periods <@ ARRAY['breakfast', 'lunch', 'dinner']::text[]
                       ),
        status         text NOT NULL CHECK (status IN ('open', 'closed')),
        opened_by      text NOT NULL,
        opened_at      timestamptz NOT NULL,
        closure_reason text,
        closed_by      text,
        closed_at      timestamptz,
        reopened_at    timestamptz,
        version        integer NOT NULL DEFAULT 1,
        -- A closed canteen always says why and since when.
        CHECK (status <> 'closed' OR (closure_reason IS NOT NULL AND closed_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX canteen_agency_opened ON canteen (agency_id, opened_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE canteen`);
  }
}
