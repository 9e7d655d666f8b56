import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints (投诉): one row per complaint with its triage, first decision, one appeal and
 * withdrawal (the checks keep each stage whole), and its evidence, written once (a trigger refuses
 * an update or a delete).
 */
export class Complaints1766401000000 implements MigrationInterface {
  name = 'Complaints1766401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE complaint (
        id                       uuid PRIMARY KEY,
        agency_id                text NOT NULL,
        complainant_id           text NOT NULL,
        anonymous_to_vendor      boolean NOT NULL,
        service_type             text CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport', 'cleaning', 'security')),
        instance_id              text,
        party                    text,
        category                 text NOT NULL,
        description              text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        attachments              jsonb NOT NULL,
        status                   text NOT NULL CHECK (status IN ('filed', 'under-investigation', 'decided', 'appealed', 'appeal-decided', 'withdrawn')),
        filed_at                 timestamptz NOT NULL,
        response_due_at          timestamptz NOT NULL CHECK (response_due_at > filed_at),
        response_overdue_at      timestamptz,
        severity                 text CHECK (severity IN ('minor', 'major', 'serious')),
        investigator_id          text,
        triaged_by               text,
        triaged_at               timestamptz,
        triage_note              text,
        outcome                  text CHECK (outcome IN ('upheld', 'rejected')),
        decision_reasons         text,
        decided_by               text,
        decided_at               timestamptz,
        decision_answerable      jsonb,
        handling_minutes         integer CHECK (handling_minutes >= 0),
        appeal_reasons           text,
        appealed_at              timestamptz,
        appeal_outcome           text CHECK (appeal_outcome IN ('upheld', 'rejected')),
        appeal_decision_reasons  text,
        appeal_decided_by        text,
        appeal_decided_at        timestamptz,
        appeal_answerable        jsonb,
        withdrawn_at             timestamptz,
        withdrawal_reason        text,
        version                  integer NOT NULL,
        CHECK ((instance_id IS NULL) OR (service_type IS NOT NULL)),
        CHECK ((triaged_at IS NULL) = (severity IS NULL) AND (triaged_at IS NULL) = (investigator_id IS NULL) AND (triaged_at IS NULL) = (triaged_by IS NULL)),
        CHECK (status IN ('filed', 'withdrawn') OR (triaged_at IS NOT NULL AND party IS NOT NULL)),
        CHECK ((decided_at IS NULL) = (outcome IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL) AND (decided_at IS NULL) = (decision_reasons IS NULL)
               AND (decided_at IS NULL) = (handling_minutes IS NULL)),
        CHECK ((status IN ('decided', 'appealed', 'appeal-decided')) = (decided_at IS NOT NULL)),
        CHECK ((status IN ('appealed', 'appeal-decided')) = (appealed_at IS NOT NULL) AND (appealed_at IS NULL) = (appeal_reasons IS NULL)),
        CHECK ((status = 'appeal-decided') = (appeal_decided_at IS NOT NULL) AND (appeal_decided_at IS NULL) = (appeal_outcome IS NULL)
               AND (appeal_decided_at IS NULL) = (appeal_decided_by IS NULL) AND (appeal_decided_at IS NULL) = (appeal_decision_reasons IS NULL)),
        CHECK (appeal_decided_by IS NULL OR appeal_decided_by <> decided_by),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX complaint_agency_filed ON complaint (agency_id, filed_at DESC)`);
    await queryRunner.query(`CREATE INDEX complaint_agency_complainant ON complaint (agency_id, complainant_id, filed_at DESC)`);
    await queryRunner.query(`CREATE INDEX complaint_agency_party ON complaint (agency_id, party, filed_at DESC)`);
    await queryRunner.query(`CREATE INDEX complaint_response_due ON complaint (response_due_at) WHERE status IN ('filed', 'under-investigation') AND response_overdue_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE complaint_evidence (
        id            uuid PRIMARY KEY,
        complaint_id  uuid NOT NULL REFERENCES complaint (id),
        agency_id     text NOT NULL,
        description   text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        attachments   jsonb NOT NULL,
        added_by      text NOT NULL,
        added_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX complaint_evidence_complaint ON complaint_evidence (complaint_id, added_at)`);
    await queryRunner.query(`
      CREATE FUNCTION complaint_evidence_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'complaint_evidence is written once: never updated or deleted';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER complaint_evidence_guard BEFORE UPDATE OR DELETE ON complaint_evidence FOR EACH ROW EXECUTE FUNCTION complaint_evidence_guard()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER complaint_evidence_guard ON complaint_evidence`);
    await queryRunner.query(`DROP FUNCTION complaint_evidence_guard()`);
    await queryRunner.query(`DROP TABLE complaint_evidence`);
    await queryRunner.query(`DROP TABLE complaint`);
  }
}
