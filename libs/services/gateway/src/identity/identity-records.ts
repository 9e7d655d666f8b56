import { HttpException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '@houqin/observability';
import { problemType } from '@houqin/service-kit';
import { Agency, User } from './domain/identity';
import { AgencyRecord, UserRecord } from './identity.entities';

export function forbidden(detail: string): HttpException {
  return new HttpException({ type: problemType('forbidden'), title: 'Forbidden', status: 403, detail }, 403);
}

export function unauthenticated(code: string, detail: string): HttpException {
  return new HttpException({ type: problemType(code), title: 'Unauthorized', status: 401, detail }, 401);
}

export function agencyOf(record: AgencyRecord): Agency {
  return {
    id: record.id,
    name: record.name,
    code: record.code,
    ...(record.supervisingBodyId ? { supervisingBodyId: record.supervisingBodyId } : {}),
    status: record.status,
    createdAt: record.createdAt,
  };
}

export function userOf(record: UserRecord): User {
  return {
    id: record.id,
    agencyId: record.agencyId,
    ...(record.departmentId ? { departmentId: record.departmentId } : {}),
    username: record.username,
    displayName: record.displayName,
    roles: record.roles,
    ...(record.vendorId ? { vendorId: record.vendorId } : {}),
    ...(record.supervisingBodyId ? { supervisingBodyId: record.supervisingBodyId } : {}),
    ...(record.externalSubject ? { externalSubject: record.externalSubject } : {}),
    status: record.status,
    tokenVersion: record.tokenVersion,
    createdAt: record.createdAt,
    ...(record.disabledAt ? { disabledAt: record.disabledAt } : {}),
  };
}

export function userRecord(user: User, passwordHash: string): UserRecord {
  return {
    id: user.id,
    agencyId: user.agencyId,
    departmentId: user.departmentId ?? null,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    vendorId: user.vendorId ?? null,
    supervisingBodyId: user.supervisingBodyId ?? null,
    externalSubject: user.externalSubject ?? null,
    status: user.status,
    passwordHash,
    tokenVersion: user.tokenVersion,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt ?? null,
  };
}

/**
 * The caller a user acts as: their agency, roles, their vendor for a vendor account, and — for a
 * supervisor — the active agencies their supervising body oversees at this moment.
 */
export async function callerOfUser(manager: EntityManager, user: UserRecord): Promise<Caller> {
  const caller: Caller = { userId: user.id, agencyId: user.agencyId, roles: user.roles, ...(user.vendorId ? { vendorId: user.vendorId } : {}) };
  if (user.supervisingBodyId && user.roles.includes('supervisor')) {
    const agencies = await manager.find(AgencyRecord, { where: { supervisingBodyId: user.supervisingBodyId, status: 'active' }, select: { id: true }, order: { code: 'ASC' } });
    caller.supervisedAgencyIds = agencies.map((agency) => agency.id);
  }
  return caller;
}
