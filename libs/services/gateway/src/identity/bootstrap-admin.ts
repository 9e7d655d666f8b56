import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@houqin/domain';
import { CLOCK, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { Agency, createUser, openAgency } from './domain/identity';
import { AgencyRecord, UserRecord } from './identity.entities';
import { agencyOf } from './identity-records';
import { IdentityService } from './identity.service';
import { hashPassword, verifyPassword } from './passwords';

export const BOOTSTRAP_AGENCY_CODE = 'platform';
export const BOOTSTRAP_ADMIN_USERNAME = 'admin';
const BOOTSTRAP_LOCK = 7_301_964_211;

/**
 * The demo agency of the launchers (`npm start`, `npm run start:distributed`): an agency like any
 * other, with a fixed id so the demo tokens, the demo data and the identity store agree.
 */
export const DEMO_AGENCY = { id: 'd4cbb5b2-711b-4611-b1ea-35e1c6cd183c', code: 'demo', name: '演示机关 (demo agency)' } as const;
/** The demo agency's admin, created from GATEWAY_DEMO_ADMIN_PASSWORD. */
export const DEMO_ADMIN_USERNAME = 'demo-admin';

/**
 * Accounts made at start, once for all replicas (advisory lock):
 * - the first platform admin: with GATEWAY_BOOTSTRAP_ADMIN_PASSWORD set and no platform admin yet,
 *   user `admin` of agency `platform`; once any platform admin exists the variable has no effect;
 * - the demo agency's admin: with GATEWAY_DEMO_ADMIN_PASSWORD set (the launchers set it), the demo
 *   agency is opened if missing and `demo-admin` is its agency admin with that password.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identity: IdentityService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const password = this.config.GATEWAY_BOOTSTRAP_ADMIN_PASSWORD;
    if (password) await this.platformAdmin(password);
    const demoPassword = this.config.GATEWAY_DEMO_ADMIN_PASSWORD;
    if (demoPassword) await this.demoAdmin(demoPassword);
  }

  private async platformAdmin(password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const admins = await manager.createQueryBuilder(UserRecord, 'u').where(`'platform-admin' = ANY(u.roles)`).getCount();
      if (admins > 0) return;
      const agency = await this.agency(manager, { id: randomUUID(), name: 'Platform operations', code: BOOTSTRAP_AGENCY_CODE });
      const system = { agencyId: agency.id, roles: ['platform-admin'] };
      const admin = createUser({ id: randomUUID(), agencyId: agency.id, username: BOOTSTRAP_ADMIN_USERNAME, displayName: 'Platform administrator', roles: ['platform-admin'] }, system, this.clock);
      await this.identity.insertUser(manager, admin, passwordHash, 'bootstrap');
      this.logger.warn({ agency: BOOTSTRAP_AGENCY_CODE, username: BOOTSTRAP_ADMIN_USERNAME }, 'created the first platform admin from GATEWAY_BOOTSTRAP_ADMIN_PASSWORD; change its password and unset the variable');
    });
  }

  /** The launcher prints the login it set, so the password is set again when it differs (a new run of start:distributed). */
  private async demoAdmin(password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const agency = await this.agency(manager, DEMO_AGENCY);
      if (agency.id !== DEMO_AGENCY.id) {
        this.logger.error({ code: DEMO_AGENCY.code, agencyId: agency.id }, `agency code ${DEMO_AGENCY.code} belongs to another agency; no demo admin created`);
        return;
      }
      const existing = await manager.findOneBy(UserRecord, { username: DEMO_ADMIN_USERNAME });
      if (!existing) {
        const system = { agencyId: agency.id, roles: ['platform-admin'] };
        const admin = createUser({ id: randomUUID(), agencyId: agency.id, username: DEMO_ADMIN_USERNAME, displayName: '演示机关管理员 (demo agency admin)', roles: ['agency-admin'] }, system, this.clock);
        await this.identity.insertUser(manager, admin, passwordHash, 'bootstrap');
        this.logger.info({ agencyId: agency.id, username: DEMO_ADMIN_USERNAME }, 'created the demo agency admin from GATEWAY_DEMO_ADMIN_PASSWORD');
      } else if (existing.agencyId === agency.id && !(await verifyPassword(existing.passwordHash, password))) {
        await manager.update(UserRecord, { id: existing.id }, { passwordHash });
        this.logger.info({ agencyId: agency.id, username: DEMO_ADMIN_USERNAME }, 'set the demo agency admin password from GATEWAY_DEMO_ADMIN_PASSWORD');
      }
    });
  }

  /** The agency of that code, opened (with its agency.created event) if there is none yet. */
  private async agency(manager: EntityManager, wanted: { id: string; name: string; code: string }): Promise<Agency> {
    const existing = await manager.findOneBy(AgencyRecord, { code: wanted.code });
    if (existing) return agencyOf(existing);
    const agency = openAgency(wanted, this.clock);
    await this.identity.insertAgency(manager, agency, 'bootstrap');
    return agency;
  }
}
