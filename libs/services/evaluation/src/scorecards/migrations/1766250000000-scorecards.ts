import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scorecards (考核记分卡): an agency's weights and thresholds per service type, and the published
 * scorecards — one row per version. A published version never changes; the one change the trigger
 * allows is marking it superseded by its correction. Nothing is deleted.
 */
export class Scorecards1766250000000 implements MigrationInterface {
  name = 'Scorecards1766250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE scorecard_policy (
        agency_id     text NOT NULL,
        service_type  text NOT NULL CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport')),
        weights       jsonb NOT NULL,
        thresholds    jsonb NOT NULL,
        updated_by    text NOT NULL,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (agency_id, service_type)
      )`);

    await queryRunner.query(`
      CREATE TABLE scorecard (
        id             uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        party          text NOT NULL,
        vendor_id      uuid,
        service_type   text NOT NULL CHECK (service_type IN ('maintenance', 'procurement', 'catering', 'transport')),
        period         text NOT NULL,
        period_kind    text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year')),
        period_start   timestamptz NOT NULL,
        period_end     timestamptz NOT NULL,
        version        integer NOT NULL CHECK (version > 0),
        status         text NOT NULL CHECK (status IN ('published', 'superseded')),
        score          numeric(5, 2) CHECK (score BETWEEN 0 AND 100),
        standing       text CHECK (standing IN ('excellent', 'good', 'warning', 'failing')),
        rank           integer CHECK (rank > 0),
        ranked_among   integer NOT NULL CHECK (ranked_among >= 0),
        content        jsonb NOT NULL,
        published_by   text NOT NULL,
        published_at   timestamptz NOT NULL,
        correction_of  uuid REFERENCES scorecard (id),
        reason         text,
        superseded_by  uuid,
        superseded_at  timestamptz,
        UNIQUE (agency_id, party, service_type, period, version),
        CHECK ((version = 1) = (correction_of IS NULL) AND (correction_of IS NULL) = (reason IS NULL)),
        CHECK ((status = 'superseded') = (superseded_by IS NOT NULL) AND (superseded_by IS NULL) = (superseded_at IS NULL)),
        CHECK ((score IS NULL) = (standing IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX scorecard_current ON scorecard (agency_id, party, service_type, period) WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX scorecard_party_latest ON scorecard (agency_id, party, period_end DESC) WHERE status = 'published'`);
    await queryRunner.query(`
      CREATE FUNCTION scorecard_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'scorecard % is never deleted', OLD.id;
        END IF;
        IF OLD.status <> 'published' OR NEW.status <> 'superseded'
           OR (to_jsonb(NEW) - 'status' - 'superseded_by' - 'superseded_at') <> (to_jsonb(OLD) - 'status' - 'superseded_by' - 'superseded_at') THEN
          RAISE EXCEPTION 'scorecard % is published and immutable: correct it with a new version', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER scorecard_immutable BEFORE UPDATE OR DELETE ON scorecard FOR EACH ROW EXECUTE FUNCTION scorecard_immutable()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE scorecard`);
    await queryRunner.query(`DROP FUNCTION scorecard_immutable()`);
    await queryRunner.query(`DROP TABLE scorecard_policy`);
  }
}
