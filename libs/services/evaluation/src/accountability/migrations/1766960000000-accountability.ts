import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accountability1766960000000 implements MigrationInterface {
  name = 'Accountability1766960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accountability_entry (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL,
        offence_kind       text NOT NULL CHECK (offence_kind IN ('upheld-complaint', 'violation', 'overdue-rectification')),
        offence_id         uuid NOT NULL,
        answerable_key     text NOT NULL,
        answerable_kind    text NOT NULL CHECK (answerable_kind IN ('vendor', 'internal-team', 'approving-manager', 'department', 'person')),
        vendor_id          uuid,
        user_id            text,
        department_id      uuid,
        answerable_name    text,
        answerable_role    text,
        party              text NOT NULL,
        source             text NOT NULL,
        source_ref         text,
        severity           text,
        penalty_points     integer CHECK (penalty_points >= 0),
        penalty_amount_fen bigint CHECK (penalty_amount_fen >= 0),
        settlement_period  text,
        description        text NOT NULL,
        occurred_at        timestamptz NOT NULL,
        decided_by         text,
        source_event_id    uuid NOT NULL,
        voided_at          timestamptz,
        voided_by          text,
        void_reason        text,
        UNIQUE (agency_id, offence_kind, offence_id, answerable_key)
      )`);
    await queryRunner.query(`CREATE INDEX accountability_entry_vendor ON accountability_entry (agency_id, vendor_id, occurred_at) WHERE vendor_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX accountability_entry_user ON accountability_entry (agency_id, user_id, occurred_at) WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX accountability_entry_occurred_at ON accountability_entry (agency_id, occurred_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE accountability_entry`);
  }
}
