import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgencyCreated, AgencyDisabled, DepartmentCreated, PLATFORM_ROLES, UserChanged, UserCreated, UserDisabled } from '@houqin/contracts';
import { BusinessRuleViolation, DuplicateError, IllegalTransitionError, NotFoundError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { isUniqueViolation } from '@houqin/persistence';
import { eventOrigin } from '@houqin/service-kit';
import { Agency, User, changeUser, createUser, disableUser, mayAdministerAgency, mayCreateAgencies, openAgency } from './domain/identity';
import { AgencyRecord, DepartmentRecord, RefreshTokenRecord, SupervisingBodyRecord, UserRecord } from './identity.entities';
import { agencyOf, forbidden, userOf, userRecord } from './identity-records';
import { ChangeUserDto, CreateAgencyDto, CreateDepartmentDto, CreateSupervisingBodyDto, CreateUserDto, DepartmentView, SupervisingBodyView } from './identity.dto';
import { hashPassword } from './passwords';
import { isRegisteredVendorOf } from './registered-vendors';
import { TokenVersions } from './token-versions';
import { isUuid } from './tokens';

const ADMIN_ROLES = ['platform-admin', 'agency-admin'];

/** Agencies, departments and users: each change and its lifecycle event commit together. */
@Injectable()
export class IdentityService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly versions: TokenVersions,
  ) {}

  async createAgency(caller: Caller, input: CreateAgencyDto): Promise<Agency> {
    if (!mayCreateAgencies(caller)) throw forbidden('only a platform admin creates agencies');
    const agency = openAgency({ id: randomUUID(), name: input.name, code: input.code, ...(input.supervisingBodyId ? { supervisingBodyId: input.supervisingBodyId } : {}) }, this.clock);
    await this.dataSource.transaction((manager) => this.insertAgency(manager, agency, caller.userId));
    return agency;
  }

  /** Also used by the bootstrap: inserts the agency and its agency.created event. */
  async insertAgency(manager: EntityManager, agency: Agency, createdBy: string): Promise<void> {
    if (agency.supervisingBodyId && !(await manager.existsBy(SupervisingBodyRecord, { id: agency.supervisingBodyId }))) {
      throw new BusinessRuleViolation('unknown-supervising-body', `no supervising body ${agency.supervisingBodyId}`, 'supervisingBodyId');
    }
    try {
      await manager.insert(AgencyRecord, {
        id: agency.id,
        name: agency.name,
        code: agency.code,
        supervisingBodyId: agency.supervisingBodyId ?? null,
        status: agency.status,
        createdAt: agency.createdAt,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'agency_code_unique')) throw new DuplicateError('agency', 'code', `an agency with code ${agency.code} exists`);
      throw error;
    }
    await this.outbox.append(
      manager,
      AgencyCreated.create({
        subject: agency.id,
        // The event belongs to the new tenant: its audit trail starts with it.
        origin: eventOrigin({ agencyId: agency.id }),
        data: {
          agencyId: agency.id,
          name: agency.name,
          code: agency.code,
          ...(agency.supervisingBodyId ? { supervisingBodyId: agency.supervisingBodyId } : {}),
          status: 'active',
          createdBy,
          createdAt: agency.createdAt.toISOString(),
        },
      }),
    );
  }

  async createSupervisingBody(caller: Caller, input: CreateSupervisingBodyDto): Promise<SupervisingBodyView> {
    if (!mayCreateAgencies(caller)) throw forbidden('only a platform admin creates supervising bodies');
    const body = { id: randomUUID(), name: input.name.trim(), code: input.code.trim().toLowerCase(), createdAt: this.clock.now() };
    if (!body.name) throw new BusinessRuleViolation('name-required', 'give the supervising body a name', 'name');
    const inserted = await this.dataSource.manager.createQueryBuilder().insert().into(SupervisingBodyRecord).values(body).orIgnore().returning('id').execute();
    if ((inserted.raw as unknown[]).length === 0) throw new DuplicateError('supervising-body', 'code', `a supervising body with code ${body.code} exists`);
    return { ...body, agencyIds: [], createdAt: body.createdAt.toISOString() };
  }

  async listSupervisingBodies(caller: Caller): Promise<SupervisingBodyView[]> {
    if (!mayCreateAgencies(caller)) throw forbidden('only a platform admin lists supervising bodies');
    const bodies = await this.dataSource.manager.find(SupervisingBodyRecord, { order: { code: 'ASC' } });
    const agencies = await this.dataSource.manager.find(AgencyRecord, { select: { id: true, supervisingBodyId: true }, order: { code: 'ASC' } });
    return bodies.map((body) => ({
      id: body.id,
      name: body.name,
      code: body.code,
      agencyIds: agencies.filter((agency) => agency.supervisingBodyId === body.id).map((agency) => agency.id),
      createdAt: body.createdAt.toISOString(),
    }));
  }

  async createDepartment(caller: Caller, agencyId: string, input: CreateDepartmentDto): Promise<DepartmentView> {
    const department = { id: randomUUID(), agencyId, name: input.name.trim(), createdAt: this.clock.now() };
    if (!department.name) throw new BusinessRuleViolation('name-required', 'give the department a name', 'name');
    await this.dataSource.transaction(async (manager) => {
      await this.administeredAgency(manager, caller, agencyId);
      const inserted = await manager.createQueryBuilder().insert().into(DepartmentRecord).values(department).orIgnore().returning('id').execute();
      if ((inserted.raw as unknown[]).length === 0) throw new DuplicateError('department', 'name', `the agency already has a department named ${department.name}`);
      await this.outbox.append(
        manager,
        DepartmentCreated.create({
          subject: department.id,
          origin: eventOrigin({ agencyId }),
          data: { departmentId: department.id, agencyId, name: department.name, createdBy: caller.userId, createdAt: department.createdAt.toISOString() },
        }),
      );
    });
    return { ...department, createdAt: department.createdAt.toISOString() };
  }

  /**
   * An agency leaves the platform (or is suspended from it): nobody of it logs in any more, every
   * session of its people ends at once (their token versions move on) and its API keys are refused.
   */
  async disableAgency(caller: Caller, agencyId: string, reason: string): Promise<Agency> {
    if (!mayCreateAgencies(caller)) throw forbidden('only a platform admin disables agencies');
    const { agency, bumped } = await this.dataSource.transaction(async (manager) => {
      const record = await manager.findOne(AgencyRecord, { where: { id: agencyId }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFoundError('agency', agencyId);
      if (record.status !== 'active') throw new IllegalTransitionError('agency', record.status, 'disable');
      if (caller.agencyId === agencyId) throw new BusinessRuleViolation('own-agency', 'a platform admin does not disable the agency they log in with', 'id');
      await manager.update(AgencyRecord, { id: agencyId }, { status: 'disabled' });
      await manager.query(`UPDATE platform_user SET token_version = token_version + 1 WHERE agency_id = $1`, [agencyId]);
      const rows = await manager.find(UserRecord, { where: { agencyId }, select: { id: true, tokenVersion: true } });
      await manager.query(`UPDATE refresh_token SET status = 'revoked' WHERE status = 'active' AND user_id IN (SELECT id FROM platform_user WHERE agency_id = $1)`, [agencyId]);
      await this.outbox.append(
        manager,
        AgencyDisabled.create({
          subject: agencyId,
          origin: eventOrigin({ agencyId }),
          data: { agencyId, reason, disabledBy: caller.userId, disabledAt: this.clock.now().toISOString() },
        }),
      );
      return { agency: agencyOf({ ...record, status: 'disabled' }), bumped: rows };
    });
    // A disabled agency's people are refused as if disabled themselves.
    for (const user of bumped) await this.versions.publish(user.id, { version: user.tokenVersion, status: 'disabled' });
    return agency;
  }

  async changeUser(caller: Caller, id: string, input: ChangeUserDto): Promise<User> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const record = await this.administeredUser(manager, caller, id, true);
      const current = userOf(record);
      if (input.departmentId && !(await manager.existsBy(DepartmentRecord, { id: input.departmentId, agencyId: current.agencyId }))) {
        throw new BusinessRuleViolation('unknown-department', `the agency has no department ${input.departmentId}`, 'departmentId');
      }
      const { user, changed: fields } = changeUser(
        current,
        {
          ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
          ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
          ...(input.roles !== undefined ? { roles: input.roles } : {}),
          ...(input.vendorId !== undefined ? { vendorId: input.vendorId } : {}),
        },
        caller,
        this.clock,
      );
      if (user.vendorId && user.vendorId !== current.vendorId) await this.assertAgencyVendor(manager, user.vendorId, user.agencyId);
      await manager.update(
        UserRecord,
        { id },
        { displayName: user.displayName, departmentId: user.departmentId ?? null, roles: user.roles, vendorId: user.vendorId ?? null, tokenVersion: user.tokenVersion },
      );
      if (user.tokenVersion !== current.tokenVersion) await manager.update(RefreshTokenRecord, { userId: id, status: 'active' }, { status: 'revoked' });
      await this.outbox.append(
        manager,
        UserChanged.create({
          subject: id,
          origin: eventOrigin({ agencyId: user.agencyId }),
          data: {
            userId: id,
            agencyId: user.agencyId,
            ...(user.departmentId ? { departmentId: user.departmentId } : {}),
            displayName: user.displayName,
            roles: user.roles as Array<(typeof PLATFORM_ROLES)[number]>,
            ...(user.vendorId ? { vendorId: user.vendorId } : {}),
            changedFields: fields,
            changedBy: caller.userId,
            changedAt: this.clock.now().toISOString(),
          },
        }),
      );
      return { user, revoked: user.tokenVersion !== current.tokenVersion };
    });
    if (changed.revoked) await this.versions.publish(id, { version: changed.user.tokenVersion, status: changed.user.status });
    return changed.user;
  }

  async createUser(caller: Caller, input: CreateUserDto): Promise<User> {
    const agencyId = input.agencyId ?? caller.agencyId;
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      await this.administeredAgency(manager, caller, agencyId);
      if (input.departmentId && !(await manager.existsBy(DepartmentRecord, { id: input.departmentId, agencyId }))) {
        throw new BusinessRuleViolation('unknown-department', `the agency has no department ${input.departmentId}`, 'departmentId');
      }
      const user = createUser(
        {
          id: randomUUID(),
          agencyId,
          username: input.username,
          displayName: input.displayName,
          roles: input.roles,
          ...(input.departmentId ? { departmentId: input.departmentId } : {}),
          ...(input.vendorId ? { vendorId: input.vendorId } : {}),
          ...(input.supervisingBodyId ? { supervisingBodyId: input.supervisingBodyId } : {}),
          ...(input.externalSubject ? { externalSubject: input.externalSubject } : {}),
        },
        caller,
        this.clock,
      );
      if (user.vendorId) await this.assertAgencyVendor(manager, user.vendorId, agencyId);
      if (user.supervisingBodyId && !(await manager.existsBy(SupervisingBodyRecord, { id: user.supervisingBodyId }))) {
        throw new BusinessRuleViolation('unknown-supervising-body', `no supervising body ${user.supervisingBodyId}`, 'supervisingBodyId');
      }
      if (user.externalSubject && (await manager.existsBy(UserRecord, { externalSubject: user.externalSubject }))) {
        throw new DuplicateError('user', 'externalSubject', 'another user is linked to this identity provider subject');
      }
      await this.insertUser(manager, user, passwordHash, caller.userId);
      return user;
    });
  }

  /** Also used by the bootstrap: inserts the user and its user.created event (never the hash). */
  async insertUser(manager: EntityManager, user: User, passwordHash: string, createdBy: string): Promise<void> {
    // ON CONFLICT DO NOTHING rather than catching the unique violation: a failed query is logged
    // with its parameters, and these include the password hash.
    const inserted = await manager.createQueryBuilder().insert().into(UserRecord).values(userRecord(user, passwordHash)).orIgnore().returning('id').execute();
    if ((inserted.raw as unknown[]).length === 0) throw new DuplicateError('user', 'username', `the username ${user.username} is taken`);
    await this.outbox.append(
      manager,
      UserCreated.create({
        subject: user.id,
        origin: eventOrigin({ agencyId: user.agencyId }),
        data: {
          userId: user.id,
          agencyId: user.agencyId,
          ...(user.departmentId ? { departmentId: user.departmentId } : {}),
          username: user.username,
          displayName: user.displayName,
          roles: user.roles as Array<(typeof PLATFORM_ROLES)[number]>,
          ...(user.vendorId ? { vendorId: user.vendorId } : {}),
          status: 'active',
          createdBy,
          createdAt: user.createdAt.toISOString(),
        },
      }),
    );
  }

  async disableUser(caller: Caller, id: string): Promise<User> {
    const disabled = await this.dataSource.transaction(async (manager) => {
      const record = await this.administeredUser(manager, caller, id, true);
      const user = disableUser(userOf(record), this.clock);
      await manager.update(UserRecord, { id }, { status: user.status, tokenVersion: user.tokenVersion, disabledAt: user.disabledAt ?? null });
      await manager.update(RefreshTokenRecord, { userId: id, status: 'active' }, { status: 'revoked' });
      await this.outbox.append(
        manager,
        UserDisabled.create({
          subject: id,
          origin: eventOrigin({ agencyId: user.agencyId }),
          data: { userId: id, agencyId: user.agencyId, disabledBy: caller.userId, disabledAt: (user.disabledAt ?? this.clock.now()).toISOString() },
        }),
      );
      return user;
    });
    await this.versions.publish(id, { version: disabled.tokenVersion, status: disabled.status });
    return disabled;
  }

  /** A person reads their own record; an admin reads the records of the agencies they administer. */
  /** Display names of the caller's agency's people among `ids` (another agency's, or no one's, left out), by name. */
  async namesOf(caller: Caller, ids: readonly string[]): Promise<Array<{ id: string; displayName: string }>> {
    if (!isUuid(caller.agencyId)) return [];
    const records = await this.dataSource.manager.find(UserRecord, {
      where: { id: In([...new Set(ids.map((id) => id.toLowerCase()))]), agencyId: caller.agencyId },
      select: { id: true, displayName: true },
      order: { displayName: 'ASC' },
    });
    return records.map((record) => ({ id: record.id, displayName: record.displayName }));
  }

  async getUser(caller: Caller, id: string): Promise<User> {
    if (caller.userId !== id && !caller.roles.some((role) => ADMIN_ROLES.includes(role))) throw forbidden('only an admin reads other people’s records');
    const record = await this.dataSource.manager.findOneBy(UserRecord, { id });
    if (!record) throw new NotFoundError('user', id);
    if (caller.userId !== id && mayAdministerAgency(caller, record.agencyId) !== 'allowed') throw new NotFoundError('user', id);
    return userOf(record);
  }

  /** A vendor account acts for a vendor its own agency registered, never another agency's. */
  private async assertAgencyVendor(manager: EntityManager, vendorId: string, agencyId: string): Promise<void> {
    if (!(await isRegisteredVendorOf(manager, vendorId, agencyId))) {
      throw new BusinessRuleViolation('vendor-not-registered', `vendor ${vendorId} is not registered for agency ${agencyId}`, 'vendorId');
    }
  }

  private async administeredAgency(manager: EntityManager, caller: Caller, agencyId: string): Promise<Agency> {
    const decision = mayAdministerAgency(caller, agencyId);
    if (decision === 'forbidden') throw forbidden('only a platform admin or the agency’s admin administers its identities');
    if (decision === 'not-found' || !isUuid(agencyId)) throw new NotFoundError('agency', agencyId);
    const record = await manager.findOneBy(AgencyRecord, { id: agencyId });
    if (!record) throw new NotFoundError('agency', agencyId);
    if (record.status !== 'active') throw new BusinessRuleViolation('agency-disabled', `agency ${agencyId} is disabled`);
    return agencyOf(record);
  }

  private async administeredUser(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<UserRecord> {
    if (!caller.roles.some((role) => ADMIN_ROLES.includes(role))) throw forbidden('only a platform admin or the agency’s admin administers its identities');
    const record = await manager.findOne(UserRecord, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record || mayAdministerAgency(caller, record.agencyId) !== 'allowed') throw new NotFoundError('user', id);
    return record;
  }
}
