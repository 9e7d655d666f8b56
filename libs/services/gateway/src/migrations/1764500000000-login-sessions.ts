import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login sessions (登录会话): one row per refresh-token family — when it began, when it was last
 * refreshed, the client it began on, and when its person revoked it. Families still usable are
 * recorded from their tokens (their client is unknown).
 */
export class LoginSessions1764500000000 implements MigrationInterface {
  name = 'LoginSessions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_session (
        id              uuid PRIMARY KEY,
        user_id         uuid NOT NULL REFERENCES platform_user (id),
        began_at        timestamptz NOT NULL,
        last_active_at  timestamptz NOT NULL,
        user_agent      text,
        client_address  text,
        revoked_at      timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX login_session_user ON login_session (user_id, began_at DESC)`);
    await queryRunner.query(`CREATE INDEX login_session_revoked ON login_session (user_id, revoked_at) WHERE revoked_at IS NOT NULL`);
    await queryRunner.query(`
      INSERT INTO login_session (id, user_id, began_at, last_active_at)
      SELECT family_id, min(user_id::text)::uuid, min(issued_at), max(issued_at)
        FROM refresh_token
       GROUP BY family_id
      HAVING bool_or(status = 'active' AND expires_at > now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_session`);
  }
}
