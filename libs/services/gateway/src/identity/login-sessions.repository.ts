import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import type { LoginSession } from './domain/login-session';
import { LoginSessionRecord } from './identity.entities';

interface LoginSessionRow {
  id: string;
  user_id: string;
  began_at: Date;
  last_active_at: Date;
  user_agent: string | null;
  client_address: string | null;
  revoked_at: Date | null;
  /** The family's refresh token still exchangeable, if any. */
  expires_at: Date | null;
}

const COLUMNS = `s.id, s.user_id, s.began_at, s.last_active_at, s.user_agent, s.client_address, s.revoked_at, t.expires_at`;

/**
 * Login sessions: a row per refresh-token family, live while the family has an active refresh token
 * that has not expired (the token tells; the row keeps when, from where and whether revoked).
 */
@Injectable()
export class LoginSessionsRepository {
  async begin(manager: EntityManager, session: Pick<LoginSession, 'id' | 'userId' | 'beganAt' | 'userAgent' | 'clientAddress'>): Promise<void> {
    await manager.insert(LoginSessionRecord, {
      id: session.id,
      userId: session.userId,
      beganAt: session.beganAt,
      lastActiveAt: session.beganAt,
      userAgent: session.userAgent ?? null,
      clientAddress: session.clientAddress ?? null,
      revokedAt: null,
    });
  }

  async touch(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.update(LoginSessionRecord, { id }, { lastActiveAt: at });
  }

  /** The person's live sessions, newest first. */
  async listLive(manager: EntityManager, userId: string, now: Date): Promise<LoginSession[]> {
    const rows: LoginSessionRow[] = await manager.query(
      `SELECT ${COLUMNS}
         FROM login_session s
         JOIN refresh_token t ON t.family_id = s.id AND t.status = 'active' AND t.expires_at > $2
        WHERE s.user_id = $1 AND s.revoked_at IS NULL
        ORDER BY s.began_at DESC, s.id`,
      [userId, now],
    );
    return rows.map(loginSessionOf);
  }

  /**
   * One of the person's own sessions; another person's answers exactly like a missing one. With
   * forUpdate the family's refresh tokens are locked first, in the order a refresh locks them.
   */
  async load(manager: EntityManager, userId: string, id: string, now: Date, options: { forUpdate: boolean }): Promise<LoginSession> {
    const session = await this.find(manager, userId, id, now, options);
    if (!session) throw new NotFoundError('login-session', id);
    return session;
  }

  async find(manager: EntityManager, userId: string, id: string, now: Date, options: { forUpdate: boolean }): Promise<LoginSession | undefined> {
    if (options.forUpdate) await manager.query(`SELECT id FROM refresh_token WHERE family_id = $1 AND user_id = $2 AND status = 'active' FOR UPDATE`, [id, userId]);
    const rows: LoginSessionRow[] = await manager.query(
      `SELECT ${COLUMNS}
         FROM login_session s
         LEFT JOIN refresh_token t ON t.family_id = s.id AND t.status = 'active' AND t.expires_at > $3
        WHERE s.id = $1 AND s.user_id = $2
        ${options.forUpdate ? 'FOR UPDATE OF s' : ''}`,
      [id, userId, now],
    );
    const row = rows[0];
    return row ? loginSessionOf(row) : undefined;
  }

  /** A revoked session: the row notes when, and the family's refresh tokens can no longer be exchanged. */
  async saveRevoked(manager: EntityManager, session: LoginSession): Promise<void> {
    await manager.update(LoginSessionRecord, { id: session.id }, { revokedAt: session.revokedAt ?? null });
    await manager.query(`UPDATE refresh_token SET status = 'revoked' WHERE family_id = $1 AND status = 'active'`, [session.id]);
  }
}

function loginSessionOf(row: LoginSessionRow): LoginSession {
  return {
    id: row.id,
    userId: row.user_id,
    beganAt: row.began_at,
    lastActiveAt: row.last_active_at,
    ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
    ...(row.user_agent ? { userAgent: row.user_agent } : {}),
    ...(row.client_address ? { clientAddress: row.client_address } : {}),
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
    status: row.revoked_at ? 'revoked' : row.expires_at ? 'active' : 'ended',
  };
}
