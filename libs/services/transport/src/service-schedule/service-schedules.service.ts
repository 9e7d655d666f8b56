import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { Vehicle, recordOdometerReading, scheduleService } from '../vehicles/domain/vehicle';
import { VehicleOdometerReadingRecord, VehicleRecord } from '../vehicles/vehicle.entity';
import { toDomain, toRecord } from '../vehicles/vehicles.service';
import { serviceDueEvent } from './service-due-event';
import { OdometerReadingDto, ServiceScheduleDto } from './service-schedule.dto';

/**
 * Service schedules and odometer readings: load the vehicle under a row lock, apply the rule, save
 * the change and — when a reading reaches the due kilometres — vehicle.service-due in one transaction.
 * The lock orders a reading against the sweep and against a return from service, so one due
 * occurrence is announced once.
 */
@Injectable()
export class ServiceSchedulesService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async setSchedule(caller: Caller, id: string, input: ServiceScheduleDto): Promise<Vehicle> {
    return this.dataSource.transaction(async (manager) => {
      const record = await findInAgency(manager, VehicleRecord, { id, agencyId: caller.agencyId, aggregate: 'vehicle', forUpdate: true });
      const scheduled = scheduleService(toDomain(record), {
        ...(input.intervalKm !== undefined ? { intervalKm: input.intervalKm } : {}),
        ...(input.intervalMonths !== undefined ? { intervalMonths: input.intervalMonths } : {}),
        ...(input.dueAtKm !== undefined ? { dueAtKm: input.dueAtKm } : {}),
        ...(input.dueOn !== undefined ? { dueOn: input.dueOn } : {}),
      });
      await manager.update(VehicleRecord, { id, version: record.version }, toRecord(scheduled, record.version + 1));
      return scheduled;
    });
  }

  async recordReading(caller: Caller, id: string, input: OdometerReadingDto): Promise<Vehicle> {
    return this.dataSource.transaction(async (manager) => {
      const record = await findInAgency(manager, VehicleRecord, { id, agencyId: caller.agencyId, aggregate: 'vehicle', forUpdate: true });
      const { vehicle, readAt, serviceDue } = recordOdometerReading(
        toDomain(record),
        { odometerKm: input.odometerKm, ...(input.readAt !== undefined ? { readAt: new Date(input.readAt) } : {}) },
        this.clock,
      );
      await manager.update(VehicleRecord, { id, version: record.version }, toRecord(vehicle, record.version + 1));
      await manager.insert(VehicleOdometerReadingRecord, {
        id: randomUUID(),
        agencyId: vehicle.agencyId,
        vehicleId: id,
        odometerKm: vehicle.odometerKm,
        readAt,
        recordedBy: caller.userId,
        recordedAt: this.clock.now(),
      });
      if (serviceDue) await this.outbox.append(manager, serviceDueEvent(vehicle, serviceDue, caller.userId));
      return vehicle;
    });
  }
}
