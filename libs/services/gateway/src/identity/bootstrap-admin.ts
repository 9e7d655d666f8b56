import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { systemClock } from '@houqin/domain';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { createUser, openAgency } from './domain/identity';
import { AgencyRecord, UserRecord } from './identity.entities';
import { agencyOf } from './identity-records';
import { IdentityService } from './identity.service';
import { hashPassword } from './passwords';

export const BOOTSTRAP_AGENCY_CODE = 'platform';
export const BOOTSTRAP_ADMIN_USERNAME = 'admin';
const BOOTSTRAP_LOCK = 7_301_964_211;

/**
 * The first platform admin: with GATEWAY_BOOTSTRAP_ADMIN_PASSWORD set and no platform admin yet,
 * user `admin` of agency `platform` is created at start. Replicas starting together create it once
 * (advisory lock); once any platform admin exists the variable has no effect.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly identity: IdentityService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const password = this.config.GATEWAY_BOOTSTRAP_ADMIN_PASSWORD;
    if (!password) return;
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const admins = await manager.createQueryBuilder(UserRecord, 'u').where(`'platform-admin' = ANY(u.roles)`).getCount();
      if (admins > 0) return;
      const existing = await manager.findOneBy(AgencyRecord, { code: BOOTSTRAP_AGENCY_CODE });
      const agency = existing ? agencyOf(existing) : openAgency({ id: randomUUID(), name: 'Platform operations', code: BOOTSTRAP_AGENCY_CODE }, systemClock);
      if (!existing) await this.identity.insertAgency(manager, agency, 'bootstrap');
      const system = { agencyId: agency.id, roles: ['platform-admin'] };
      const admin = createUser({ id: randomUUID(), agencyId: agency.id, username: BOOTSTRAP_ADMIN_USERNAME, displayName: 'Platform administrator', roles: ['platform-admin'] }, system, systemClock);
      await this.identity.insertUser(manager, admin, passwordHash, 'bootstrap');
      this.logger.warn({ agency: BOOTSTRAP_AGENCY_CODE, username: BOOTSTRAP_ADMIN_USERNAME }, 'created the first platform admin from GATEWAY_BOOTSTRAP_ADMIN_PASSWORD; change its password and unset the variable');
    });
  }
}
