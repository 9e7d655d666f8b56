import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditTrail1764201800000 implements MigrationInterface {
  name = 'AuditTrail1764201800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        agency_id       text NOT NULL,
        sequence        integer NOT NULL,
        event_id        uuid NOT NULL UNIQUE,
        event_type      text NOT NULL,
        subject         text NOT NULL,
        correlation_id  text NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        payload         jsonb NOT NULL,
        previous_hash   text NOT NULL,
        hash            text NOT NULL,
        PRIMARY KEY (agency_id, sequence)
      )`);
    await queryRunner.query(`CREATE INDEX audit_entry_subject ON audit_entry (agency_id, subject)`);
    await queryRunner.query(`
      CREATE TABLE audit_chain_head (
        agency_id     text PRIMARY KEY,
        last_sequence integer NOT NULL,
        last_hash     text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_chain_head`);
    await queryRunner.query(`DROP TABLE audit_entry`);
  }
}
