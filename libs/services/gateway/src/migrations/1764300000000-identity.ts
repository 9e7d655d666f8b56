import { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's identities: supervising bodies, agencies, departments, users, refresh tokens. */
export class Identity1764300000000 implements MigrationInterface {
  name = 'Identity1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE supervising_body (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        code        text NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE agency (
        id                   uuid PRIMARY KEY,
        name                 text NOT NULL,
        code                 text NOT NULL,
        supervising_body_id  uuid REFERENCES supervising_body (id),
        status               text NOT NULL CHECK (status IN ('active', 'disabled')),
        created_at           timestamptz NOT NULL,
        CONSTRAINT agency_code_unique UNIQUE (code)
      )`);
    await queryRunner.query(`CREATE INDEX agency_supervising_body ON agency (supervising_body_id) WHERE supervising_body_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE department (
        id          uuid PRIMARY KEY,
        agency_id   uuid NOT NULL REFERENCES agency (id),
        name        text NOT NULL,
        created_at  timestamptz NOT NULL,
        CONSTRAINT department_name_unique UNIQUE (agency_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE platform_user (
        id               uuid PRIMARY KEY,
        agency_id        uuid NOT NULL REFERENCES agency (id),
        department_id    uuid REFERENCES department (id),
        username         text NOT NULL,
        display_name     text NOT NULL,
        roles            text[] NOT NULL CHECK (cardinality(roles) > 0),
        vendor_id        text,
        status           text NOT NULL CHECK (status IN ('active', 'disabled')),
        password_hash    text NOT NULL,
        failed_attempts  integer NOT NULL DEFAULT 0,
        locked_until     timestamptz,
        token_version    integer NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL,
        disabled_at      timestamptz,
        CONSTRAINT platform_user_username_unique UNIQUE (username),
        CONSTRAINT platform_user_vendor CHECK (('vendor' = ANY (roles)) = (vendor_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX platform_user_agency ON platform_user (agency_id)`);
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id          uuid PRIMARY KEY,
        family_id   uuid NOT NULL,
        user_id     uuid NOT NULL REFERENCES platform_user (id),
        token_hash  text NOT NULL UNIQUE,
        status      text NOT NULL CHECK (status IN ('active', 'used', 'revoked')),
        issued_at   timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);
    await queryRunner.query(`CREATE INDEX refresh_token_user_active ON refresh_token (user_id) WHERE status = 'active'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refresh_token`);
    await queryRunner.query(`DROP TABLE platform_user`);
    await queryRunner.query(`DROP TABLE department`);
    await queryRunner.query(`DROP TABLE agency`);
    await queryRunner.query(`DROP TABLE supervising_body`);
  }
}
