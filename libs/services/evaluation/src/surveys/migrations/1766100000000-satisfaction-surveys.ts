import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction surveys (满意度调查): one survey per service instance, answered at most once by the
 * person served (the answer is never changed or deleted: a trigger refuses it), follow-ups (回访)
 * on low scores, sampling rates per agency and service type, and the cancelled instances that
 * never get a survey.
 */
export class SatisfactionSurveys1766100000000 implements MigrationInterface {
  name = 'SatisfactionSurveys1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE survey (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL,
        service_type       text NOT NULL CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport')),
        instance_id        text NOT NULL,
        party              text NOT NULL,
        respondent_id      text NOT NULL,
        questions          jsonb NOT NULL,
        status             text NOT NULL CHECK (status IN ('pending', 'answered', 'expired', 'withdrawn')),
        completed_at       timestamptz NOT NULL,
        issued_at          timestamptz NOT NULL,
        expires_at         timestamptz NOT NULL CHECK (expires_at > issued_at),
        remind_at          timestamptz,
        reminded_at        timestamptz,
        expired_at         timestamptz,
        withdrawn_at       timestamptz,
        withdrawal_reason  text,
        version            integer NOT NULL,
        CONSTRAINT survey_instance_unique UNIQUE (agency_id, service_type, instance_id),
        CHECK ((status = 'expired') = (expired_at IS NOT NULL) OR status = 'withdrawn'),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX survey_pending_respondent ON survey (agency_id, respondent_id, expires_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX survey_reminder_due ON survey (remind_at) WHERE status = 'pending' AND reminded_at IS NULL AND remind_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX survey_expiry_due ON survey (expires_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX survey_agency_completed ON survey (agency_id, completed_at, service_type, party)`);
    await queryRunner.query(`
      CREATE TABLE survey_answer (
        survey_id      uuid PRIMARY KEY REFERENCES survey (id),
        agency_id      text NOT NULL,
        service_type   text NOT NULL,
        instance_id    text NOT NULL,
        respondent_id  text NOT NULL,
        scores         jsonb NOT NULL,
        overall        smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
        comment        text CHECK (length(comment) <= 2000),
        answered_at    timestamptz NOT NULL,
        CONSTRAINT survey_answer_once UNIQUE (agency_id, service_type, instance_id, respondent_id)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION survey_answer_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'survey_answer is written once: never updated or deleted';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER survey_answer_guard BEFORE UPDATE OR DELETE ON survey_answer FOR EACH ROW EXECUTE FUNCTION survey_answer_guard()`);
    await queryRunner.query(`
      CREATE TABLE survey_follow_up (
        id             uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        survey_id      uuid NOT NULL UNIQUE REFERENCES survey (id),
        service_type   text NOT NULL,
        instance_id    text NOT NULL,
        party          text NOT NULL,
        respondent_id  text NOT NULL,
        overall        smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
        comment        text,
        status         text NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at      timestamptz NOT NULL,
        closed_at      timestamptz,
        closed_by      text,
        note           text,
        version        integer NOT NULL,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (closed_by IS NULL) AND (closed_at IS NULL) = (note IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX survey_follow_up_agency_status ON survey_follow_up (agency_id, status, opened_at)`);
    await queryRunner.query(`
      CREATE TABLE survey_sampling (
        agency_id     text NOT NULL,
        service_type  text NOT NULL CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport')),
        percent       smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
        updated_by    text NOT NULL,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (agency_id, service_type)
      )`);
    await queryRunner.query(`
      CREATE TABLE survey_cancelled_instance (
        agency_id     text NOT NULL,
        service_type  text NOT NULL,
        instance_id   text NOT NULL,
        reason        text NOT NULL,
        cancelled_at  timestamptz NOT NULL,
        PRIMARY KEY (agency_id, service_type, instance_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE survey_cancelled_instance`);
    await queryRunner.query(`DROP TABLE survey_sampling`);
    await queryRunner.query(`DROP TABLE survey_follow_up`);
    await queryRunner.query(`DROP TRIGGER survey_answer_guard ON survey_answer`);
    await queryRunner.query(`DROP FUNCTION survey_answer_guard()`);
    await queryRunner.query(`DROP TABLE survey_answer`);
    await queryRunner.query(`DROP TABLE survey`);
  }
}
