import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access beyond passwords: supervisors tied to their supervising body, people signing in through
 * the agency's identity provider (their external subject), and integrators' API keys (hashed).
 */
export class Access1764350000000 implements MigrationInterface {
  name = 'Access1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE platform_user ADD COLUMN supervising_body_id uuid REFERENCES supervising_body (id)`);
    await queryRunner.query(`ALTER TABLE platform_user ADD COLUMN external_subject text`);
    await queryRunner.query(`ALTER TABLE platform_user ADD CONSTRAINT platform_user_external_subject_unique UNIQUE (external_subject)`);
    await queryRunner.query(`ALTER TABLE platform_user ADD CONSTRAINT platform_user_supervisor CHECK (('supervisor' = ANY (roles)) = (supervising_body_id IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE api_key (
        id            uuid PRIMARY KEY,
        agency_id     uuid NOT NULL REFERENCES agency (id),
        name          text NOT NULL,
        prefix        text NOT NULL,
        key_hash      text NOT NULL UNIQUE,
        actions       text[] NOT NULL,
        event_types   text[] NOT NULL,
        created_by    uuid,
        created_at    timestamptz NOT NULL,
        expires_at    timestamptz,
        revoked_at    timestamptz,
        last_used_at  timestamptz,
        CONSTRAINT api_key_scoped CHECK (cardinality(actions) + cardinality(event_types) > 0)
      )`);
    await queryRunner.query(`CREATE INDEX api_key_agency ON api_key (agency_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key`);
    await queryRunner.query(`ALTER TABLE platform_user DROP CONSTRAINT platform_user_supervisor`);
    await queryRunner.query(`ALTER TABLE platform_user DROP COLUMN external_subject`);
    await queryRunner.query(`ALTER TABLE platform_user DROP COLUMN supervising_body_id`);
  }
}
