import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Qualifications (资质证书) of the internal team's members and of vendors' on-site staff, with the
 * history of their terms (the original and each renewal, written once: a trigger refuses changes),
 * and training records (培训记录). The qualification row carries the term in force and the expiry
 * dates its warning and its expiry were announced for, so each goes out once.
 */
export class Qualifications1766640000000 implements MigrationInterface {
  name = 'Qualifications1766640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE qualification (
        id                  uuid PRIMARY KEY,
        agency_id           text NOT NULL,
        holder_kind         text NOT NULL CHECK (holder_kind IN ('internal-staff', 'vendor-staff')),
        holder_user_id      text,
        holder_name         text NOT NULL,
        vendor_id           uuid,
        staff_number        text,
        holder_reference    text,
        party               text NOT NULL,
        type                text NOT NULL CHECK (type IN ('electrician-certificate', 'lift-operator-certificate', 'food-handler-health-certificate', 'driver-licence', 'other')),
        label               text,
        mandatory           boolean NOT NULL,
        certificate_number  text NOT NULL,
        issued_on           date NOT NULL,
        expires_on          date NOT NULL CHECK (expires_on > issued_on),
        expires_at          timestamptz NOT NULL,
        warned_for          date,
        expired_for         date,
        recorded_by         text NOT NULL,
        recorded_at         timestamptz NOT NULL,
        version             integer NOT NULL,
        CHECK ((holder_kind = 'internal-staff') = (holder_user_id IS NOT NULL AND vendor_id IS NULL AND party = 'internal-team')),
        CHECK ((holder_kind = 'vendor-staff') = (vendor_id IS NOT NULL AND staff_number IS NOT NULL AND party = vendor_id::text)),
        CHECK ((type = 'other') = (label IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX qualification_agency_party ON qualification (agency_id, party, expires_at)`);
    await queryRunner.query(`CREATE INDEX qualification_notice_due ON qualification (expires_at) WHERE expired_for IS DISTINCT FROM expires_on`);
    await queryRunner.query(`
      CREATE TABLE qualification_term (
        qualification_id    uuid NOT NULL REFERENCES qualification (id),
        sequence            integer NOT NULL CHECK (sequence >= 1),
        certificate_number  text NOT NULL,
        issued_on           date NOT NULL,
        expires_on          date NOT NULL CHECK (expires_on > issued_on),
        attachments         jsonb NOT NULL,
        recorded_by         text NOT NULL,
        recorded_at         timestamptz NOT NULL,
        PRIMARY KEY (qualification_id, sequence)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION qualification_term_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'qualification_term is history: never updated or deleted';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER qualification_term_guard BEFORE UPDATE OR DELETE ON qualification_term FOR EACH ROW EXECUTE FUNCTION qualification_term_guard()`);
    await queryRunner.query(`
      CREATE TABLE training_record (
        id                      uuid PRIMARY KEY,
        agency_id               text NOT NULL,
        holder_kind             text NOT NULL CHECK (holder_kind IN ('internal-staff', 'vendor-staff')),
        holder_user_id          text,
        holder_name             text NOT NULL,
        vendor_id               uuid,
        staff_number            text,
        holder_reference        text,
        party                   text NOT NULL,
        course                  text NOT NULL,
        hours_tenths            integer NOT NULL CHECK (hours_tenths > 0),
        completed_on            date NOT NULL,
        certificate_number      text,
        certificate_attachment  jsonb,
        recorded_by             text NOT NULL,
        recorded_at             timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX training_record_agency_party ON training_record (agency_id, party, completed_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE training_record`);
    await queryRunner.query(`DROP TRIGGER qualification_term_guard ON qualification_term`);
    await queryRunner.query(`DROP FUNCTION qualification_term_guard()`);
    await queryRunner.query(`DROP TABLE qualification_term`);
    await queryRunner.query(`DROP TABLE qualification`);
  }
}
