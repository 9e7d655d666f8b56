import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, DuplicateError, businessDay } from '@houqin/domain';
import { isUniqueViolation } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { CLOCK } from '@houqin/service-kit';
import type { Blocker } from '../fleet-documents/domain/fleet-document';
import { Driver, driverBlockers, registerDriver, updateDriver } from './domain/driver';
import { RegisterDriverDto, UpdateDriverDto } from './driver.dto';
import { DRIVER_LICENCE_UNIQUE } from './driver.entity';
import { DriversRepository } from './drivers.repository';

/** The agency's drivers (驾驶员): register, renew documents, change availability. */
@Injectable()
export class DriversService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drivers: DriversRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(caller: Caller, input: RegisterDriverDto): Promise<Driver> {
    const driver = registerDriver({ id: randomUUID(), agencyId: caller.agencyId, registeredBy: caller.userId, ...input }, this.clock);
    try {
      await this.dataSource.transaction((manager) => this.drivers.insert(manager, driver));
    } catch (error) {
      if (isUniqueViolation(error, DRIVER_LICENCE_UNIQUE)) throw new DuplicateError('driver', 'licenceNumber', `a driver with licence ${driver.licenceNumber} is already registered in this agency`);
      throw error;
    }
    return driver;
  }

  async update(caller: Caller, id: string, input: UpdateDriverDto): Promise<Driver> {
    return this.dataSource.transaction(async (manager) => {
      const { driver, version } = await this.drivers.load(manager, caller.agencyId, id, { forUpdate: true });
      const updated = updateDriver(driver, input);
      await this.drivers.save(manager, updated, version);
      return updated;
    });
  }

  async get(caller: Caller, id: string): Promise<Driver> {
    return (await this.drivers.load(this.dataSource.manager, caller.agencyId, id)).driver;
  }

  async list(caller: Caller, limit: number): Promise<Driver[]> {
    return this.drivers.list(this.dataSource.manager, caller.agencyId, limit);
  }

  blockersToday(driver: Driver): Blocker[] {
    return driverBlockers(driver, businessDay(this.clock.now()).date);
  }
}
