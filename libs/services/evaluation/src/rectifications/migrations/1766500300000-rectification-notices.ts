import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rectification notices (整改通知) with their answers and send-backs, and the escalations of overdue
 * notices: one per notice and deadline, which the primary key enforces whatever the replicas do.
 */
export class RectificationNotices1766500300000 implements MigrationInterface {
  name = 'RectificationNotices1766500300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rectification_notice (
        id                  uuid PRIMARY KEY,
        agency_id           text NOT NULL,
        party               text NOT NULL,
        vendor_name         text,
        finding             text NOT NULL CHECK (length(finding) BETWEEN 1 AND 4000),
        violation_id        uuid,
        complaint_id        uuid,
        required_evidence   jsonb NOT NULL CHECK (jsonb_typeof(required_evidence) = 'array'),
        deadline            timestamptz NOT NULL CHECK (deadline > issued_at),
        status              text NOT NULL CHECK (status IN ('issued', 'answered', 'returned', 'closed')),
        issued_by           text NOT NULL,
        issued_at           timestamptz NOT NULL,
        answers             jsonb NOT NULL DEFAULT '[]',
        send_backs          jsonb NOT NULL DEFAULT '[]',
        escalated_deadline  timestamptz,
        verified_by         text,
        verified_at         timestamptz,
        verification_note   text,
        version             integer NOT NULL,
        CHECK ((status = 'closed') = (verified_at IS NOT NULL) AND (verified_at IS NULL) = (verified_by IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX rectification_notice_agency ON rectification_notice (agency_id, status, issued_at)`);
    await queryRunner.query(`CREATE INDEX rectification_notice_party ON rectification_notice (agency_id, party)`);
    // What the sweep looks for: notices awaiting an answer, by deadline.
    await queryRunner.query(`CREATE INDEX rectification_notice_awaiting ON rectification_notice (deadline) WHERE status IN ('issued', 'returned')`);
    await queryRunner.query(`
      CREATE TABLE rectification_escalation (
        notice_id     uuid NOT NULL REFERENCES rectification_notice (id),
        deadline      timestamptz NOT NULL,
        agency_id     text NOT NULL,
        escalated_at  timestamptz NOT NULL,
        PRIMARY KEY (notice_id, deadline)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rectification_escalation`);
    await queryRunner.query(`DROP TABLE rectification_notice`);
  }
}
