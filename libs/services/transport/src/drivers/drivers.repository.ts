import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { findInAgency } from '@houqin/persistence';
import { Driver } from './domain/driver';
import { DriverRecord } from './driver.entity';

/** The agency's drivers: load under a row lock, save with the version checked, and the record↔domain mapping. */
@Injectable()
export class DriversRepository {
  async load(manager: EntityManager, agencyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<{ driver: Driver; version: number }> {
    const record = await findInAgency(manager, DriverRecord, { id, agencyId, aggregate: 'driver', forUpdate: options.forUpdate ?? false });
    return { driver: driverOf(record), version: record.version };
  }

  async insert(manager: EntityManager, driver: Driver): Promise<void> {
    await manager.insert(DriverRecord, recordOf(driver, 1));
  }

  async save(manager: EntityManager, driver: Driver, version: number): Promise<void> {
    await manager.update(DriverRecord, { id: driver.id, version }, recordOf(driver, version + 1));
  }

  async list(manager: EntityManager, agencyId: string, limit: number): Promise<Driver[]> {
    return (await manager.find(DriverRecord, { where: { agencyId }, order: { name: 'ASC', id: 'ASC' }, take: limit })).map(driverOf);
  }

  async available(manager: EntityManager, agencyId: string): Promise<Driver[]> {
    return (await manager.find(DriverRecord, { where: { agencyId, status: In(['available']) }, order: { name: 'ASC' } })).map(driverOf);
  }
}

export function recordOf(driver: Driver, version: number): DriverRecord {
  return {
    id: driver.id,
    agencyId: driver.agencyId,
    userId: driver.userId ?? null,
    name: driver.name,
    phone: driver.phone ?? null,
    licenceClass: driver.licenceClass,
    licenceNumber: driver.licenceNumber,
    licenceExpiresOn: driver.licenceExpiresOn,
    healthCheckedOn: driver.healthCheckedOn ?? null,
    healthCheckExpiresOn: driver.healthCheckExpiresOn ?? null,
    status: driver.status,
    statusNote: driver.statusNote ?? null,
    registeredBy: driver.registeredBy,
    registeredAt: driver.registeredAt,
    version,
  };
}

export function driverOf(record: DriverRecord): Driver {
  return {
    id: record.id,
    agencyId: record.agencyId,
    ...(record.userId ? { userId: record.userId } : {}),
    name: record.name,
    ...(record.phone ? { phone: record.phone } : {}),
    licenceClass: record.licenceClass,
    licenceNumber: record.licenceNumber,
    licenceExpiresOn: record.licenceExpiresOn,
    ...(record.healthCheckedOn ? { healthCheckedOn: record.healthCheckedOn } : {}),
    ...(record.healthCheckExpiresOn ? { healthCheckExpiresOn: record.healthCheckExpiresOn } : {}),
    status: record.status,
    ...(record.statusNote ? { statusNote: record.statusNote } : {}),
    registeredBy: record.registeredBy,
    registeredAt: record.registeredAt,
  };
}
