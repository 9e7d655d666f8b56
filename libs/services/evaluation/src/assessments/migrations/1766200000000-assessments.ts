import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Third-party assessments (第三方评估): the evaluator organisations an agency engages (periods,
 * accounts, declared ties to vendors) and their assessments of a vendor for a period. A submitted
 * assessment is locked: the trigger refuses any change to it and any deletion.
 */
export class Assessments1766200000000 implements MigrationInterface {
  name = 'Assessments1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evaluator_organisation (
        id             uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        name           text NOT NULL CHECK (length(name) > 0),
        credit_code    text,
        accounts       text[] NOT NULL CHECK (cardinality(accounts) > 0),
        engagements    jsonb NOT NULL,
        ties           jsonb NOT NULL,
        registered_by  text NOT NULL,
        registered_at  timestamptz NOT NULL,
        version        integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX evaluator_organisation_agency ON evaluator_organisation (agency_id)`);
    await queryRunner.query(`CREATE INDEX evaluator_organisation_accounts ON evaluator_organisation USING gin (accounts)`);

    await queryRunner.query(`
      CREATE TABLE assessment (
        id               uuid PRIMARY KEY,
        agency_id        text NOT NULL,
        organisation_id  uuid NOT NULL REFERENCES evaluator_organisation (id),
        vendor_id        uuid NOT NULL,
        service_type     text NOT NULL CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport')),
        period           text NOT NULL,
        period_start     timestamptz NOT NULL,
        period_end       timestamptz NOT NULL,
        criteria         jsonb NOT NULL,
        scores           jsonb NOT NULL,
        evidence         jsonb NOT NULL,
        summary          text,
        status           text NOT NULL CHECK (status IN ('draft', 'submitted')),
        drafted_by       text NOT NULL,
        drafted_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        submitted_by     text,
        submitted_at     timestamptz,
        overall_score    numeric(5, 2) CHECK (overall_score BETWEEN 0 AND 100),
        version          integer NOT NULL DEFAULT 1,
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL AND submitted_by IS NOT NULL AND overall_score IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX assessment_agency_period ON assessment (agency_id, service_type, period, vendor_id) WHERE status = 'submitted'`);
    await queryRunner.query(`CREATE INDEX assessment_agency_drafted ON assessment (agency_id, drafted_at DESC)`);
    await queryRunner.query(`
      CREATE FUNCTION assessment_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'submitted' THEN
          RAISE EXCEPTION 'assessment % is submitted and locked', OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER assessment_lock BEFORE UPDATE OR DELETE ON assessment FOR EACH ROW EXECUTE FUNCTION assessment_lock()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE assessment`);
    await queryRunner.query(`DROP FUNCTION assessment_lock()`);
    await queryRunner.query(`DROP TABLE evaluator_organisation`);
  }
}
