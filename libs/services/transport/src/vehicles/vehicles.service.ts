import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventOrigin, VehicleRegistered, VehicleRetired, VehicleReturnedFromService, VehicleSentForService } from '@houqin/contracts';
import { Clock, DuplicateError, businessDay } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import type { Blocker } from '../fleet-documents/domain/fleet-document';
import type { ServiceSchedule } from '../service-schedule/domain/service-schedule';
import { ServiceVisit, Vehicle, recordVehicleDocuments, registerVehicle, retireVehicle, returnFromService, sendForService, vehicleBlockers } from './domain/vehicle';
import { RegisterVehicleDto, RetireVehicleDto, ReturnFromServiceDto, SendForServiceDto, VehicleDocumentsDto } from './vehicle.dto';
import { VEHICLE_PLATE_UNIQUE, VehicleRecord } from './vehicle.entity';

/** Use cases: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class VehiclesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Why the vehicle cannot be dispatched today (China Standard Time). */
  blockersToday(vehicle: Vehicle): Blocker[] {
    return vehicleBlockers(vehicle, businessDay(this.clock.now()).date);
  }

  /** A renewal of the insurance or annual inspection; the document sweep warns again when the new date nears. */
  async recordDocuments(caller: Caller, id: string, input: VehicleDocumentsDto): Promise<Vehicle> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const renewed = recordVehicleDocuments(current.vehicle, input);
      await manager.update(VehicleRecord, { id, version: current.version }, toRecord(renewed, current.version + 1));
      return renewed;
    });
  }

  async register(caller: Caller, input: RegisterVehicleDto): Promise<Vehicle> {
    const vehicle = registerVehicle(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        registeredBy: caller.userId,
        plateNumber: input.plateNumber,
        vehicleType: input.vehicleType,
        seats: input.seats,
        odometerKm: input.odometerKm,
        fuel: input.fuel,
        ...(input.insuranceExpiresOn !== undefined ? { insuranceExpiresOn: input.insuranceExpiresOn } : {}),
        ...(input.inspectionExpiresOn !== undefined ? { inspectionExpiresOn: input.inspectionExpiresOn } : {}),
      },
      this.clock,
    );
    try {
      await this.dataSource.transaction(async (manager) => {
        const taken = await manager.exists(VehicleRecord, { where: { agencyId: vehicle.agencyId, plateNumber: vehicle.plateNumber } });
        if (taken) throw duplicatePlate(vehicle.plateNumber);
        await manager.insert(VehicleRecord, toRecord(vehicle, 1));
        await this.outbox.append(
          manager,
          VehicleRegistered.create({
            subject: vehicle.id,
            origin: eventOrigin(caller),
            data: {
              vehicleId: vehicle.id,
              plateNumber: vehicle.plateNumber,
              vehicleType: vehicle.vehicleType,
              seats: vehicle.seats,
              odometerKm: vehicle.odometerKm,
              fuel: vehicle.fuel,
              status: 'available',
              registeredBy: vehicle.registeredBy,
              registeredAt: vehicle.registeredAt.toISOString(),
            },
          }),
        );
      });
    } catch (error) {
      // Two concurrent registrations of the same plate both pass the check; the unique index decides.
      if (isUniqueViolation(error, VEHICLE_PLATE_UNIQUE)) throw duplicatePlate(vehicle.plateNumber);
      throw error;
    }
    return vehicle;
  }

  async sendForService(caller: Caller, id: string, input: SendForServiceDto): Promise<Vehicle> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const inService = sendForService(current.vehicle, { sentBy: caller.userId, reason: input.reason }, this.clock);
      await manager.update(VehicleRecord, { id, version: current.version }, toRecord(inService, current.version + 1));
      await this.outbox.append(
        manager,
        VehicleSentForService.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            vehicleId: id,
            plateNumber: inService.plateNumber,
            status: 'in-service',
            reason: inService.serviceVisit.reason,
            odometerKm: inService.odometerKm,
            sentBy: inService.serviceVisit.sentBy,
            sentAt: inService.serviceVisit.sentAt.toISOString(),
          },
        }),
      );
      return inService;
    });
  }

  async returnFromService(caller: Caller, id: string, input: ReturnFromServiceDto): Promise<Vehicle> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const returned = returnFromService(current.vehicle, input.odometerKm === undefined ? {} : { odometerKm: input.odometerKm }, this.clock);
      const visit = current.vehicle.serviceVisit;
      // The table's check guarantees a vehicle in service its visit; without one the row is corrupt.
      if (!visit) throw new Error(`vehicle ${id} is in service but has no service visit recorded`);
      await manager.update(VehicleRecord, { id, version: current.version }, toRecord(returned, current.version + 1));
      await this.outbox.append(manager, returnedFromServiceEvent(returned, visit, caller.userId, eventOrigin(caller)));
      return returned;
    });
  }

  async retire(caller: Caller, id: string, input: RetireVehicleDto): Promise<Vehicle> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const retired = retireVehicle(current.vehicle, { retiredBy: caller.userId, reason: input.reason }, this.clock);
      await manager.update(VehicleRecord, { id, version: current.version }, toRecord(retired, current.version + 1));
      await this.outbox.append(
        manager,
        VehicleRetired.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            vehicleId: id,
            plateNumber: retired.plateNumber,
            status: 'retired',
            previousStatus: current.vehicle.status,
            reason: retired.retirement.reason,
            odometerKm: retired.odometerKm,
            retiredBy: retired.retirement.retiredBy,
            retiredAt: retired.retirement.retiredAt.toISOString(),
          },
        }),
      );
      return retired;
    });
  }

  async get(caller: Caller, id: string): Promise<Vehicle> {
    return (await this.load(this.dataSource.manager, caller, id, false)).vehicle;
  }

  async list(caller: Caller, limit: number): Promise<Vehicle[]> {
    const records = await this.dataSource.manager.find(VehicleRecord, {
      where: { agencyId: caller.agencyId },
      order: { registeredAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  /** Another agency's vehicle is reported as not found: existence must not leak across agencies. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ vehicle: Vehicle; version: number }> {
    const record = await findInAgency(manager, VehicleRecord, { id, agencyId: caller.agencyId, aggregate: 'vehicle', forUpdate });
    return { vehicle: toDomain(record), version: record.version };
  }
}

function duplicatePlate(plateNumber: string): DuplicateError {
  return new DuplicateError('vehicle', 'plateNumber', `a vehicle with plate ${plateNumber} is already registered in this agency`);
}

/** The row of a vehicle; the service schedule's columns are null while none is set. */
/** vehicle.returned-from-service: back from the workshop, by a fleet operator or by maintenance's verified service. */
export function returnedFromServiceEvent(returned: Vehicle & { returnedFromServiceAt: Date }, visit: ServiceVisit, returnedBy: string, origin: EventOrigin) {
  return VehicleReturnedFromService.create({
    subject: returned.id,
    origin,
    data: {
      vehicleId: returned.id,
      plateNumber: returned.plateNumber,
      status: 'available',
      odometerKm: returned.odometerKm,
      serviceReason: visit.reason,
      sentAt: visit.sentAt.toISOString(),
      returnedBy,
      returnedAt: returned.returnedFromServiceAt.toISOString(),
    },
  });
}

export function toRecord(vehicle: Vehicle, version: number): VehicleRecord {
  return {
    id: vehicle.id,
    agencyId: vehicle.agencyId,
    plateNumber: vehicle.plateNumber,
    vehicleType: vehicle.vehicleType,
    seats: vehicle.seats,
    odometerKm: vehicle.odometerKm,
    odometerReadAt: vehicle.odometerReadAt,
    fuel: vehicle.fuel,
    status: vehicle.status,
    registeredBy: vehicle.registeredBy,
    registeredAt: vehicle.registeredAt,
    serviceReason: vehicle.serviceVisit?.reason ?? null,
    sentForServiceBy: vehicle.serviceVisit?.sentBy ?? null,
    sentForServiceAt: vehicle.serviceVisit?.sentAt ?? null,
    returnedFromServiceAt: vehicle.returnedFromServiceAt ?? null,
    retirementReason: vehicle.retirement?.reason ?? null,
    retiredBy: vehicle.retirement?.retiredBy ?? null,
    retiredAt: vehicle.retirement?.retiredAt ?? null,
    serviceIntervalStartKm: vehicle.serviceIntervalStart.odometerKm,
    serviceIntervalStartOn: vehicle.serviceIntervalStart.on,
    serviceIntervalKm: vehicle.serviceSchedule?.intervalKm ?? null,
    serviceIntervalMonths: vehicle.serviceSchedule?.intervalMonths ?? null,
    serviceDueAtKm: vehicle.serviceSchedule?.dueAtKm ?? null,
    serviceDueOn: vehicle.serviceSchedule?.dueOn ?? null,
    serviceDueAnnouncedAt: vehicle.serviceSchedule?.dueAnnouncedAt ?? null,
    insuranceExpiresOn: vehicle.insuranceExpiresOn ?? null,
    inspectionExpiresOn: vehicle.inspectionExpiresOn ?? null,
    version,
  };
}

export function toDomain(record: VehicleRecord): Vehicle {
  return {
    id: record.id,
    agencyId: record.agencyId,
    plateNumber: record.plateNumber,
    vehicleType: record.vehicleType,
    seats: record.seats,
    odometerKm: record.odometerKm,
    odometerReadAt: record.odometerReadAt,
    fuel: record.fuel,
    status: record.status,
    registeredBy: record.registeredBy,
    registeredAt: record.registeredAt,
    ...(record.status === 'in-service' && record.serviceReason && record.sentForServiceBy && record.sentForServiceAt
      ? { serviceVisit: { reason: record.serviceReason, sentBy: record.sentForServiceBy, sentAt: record.sentForServiceAt } }
      : {}),
    ...(record.returnedFromServiceAt ? { returnedFromServiceAt: record.returnedFromServiceAt } : {}),
    ...(record.status === 'retired' && record.retirementReason && record.retiredBy && record.retiredAt
      ? { retirement: { reason: record.retirementReason, retiredBy: record.retiredBy, retiredAt: record.retiredAt } }
      : {}),
    serviceIntervalStart: { odometerKm: record.serviceIntervalStartKm, on: record.serviceIntervalStartOn },
    ...(record.serviceIntervalKm !== null || record.serviceIntervalMonths !== null ? { serviceSchedule: serviceScheduleOf(record) } : {}),
    ...(record.insuranceExpiresOn ? { insuranceExpiresOn: record.insuranceExpiresOn } : {}),
    ...(record.inspectionExpiresOn ? { inspectionExpiresOn: record.inspectionExpiresOn } : {}),
  };
}

function serviceScheduleOf(record: VehicleRecord): ServiceSchedule {
  return {
    ...(record.serviceIntervalKm !== null && record.serviceDueAtKm !== null ? { intervalKm: record.serviceIntervalKm, dueAtKm: record.serviceDueAtKm } : {}),
    ...(record.serviceIntervalMonths !== null && record.serviceDueOn !== null ? { intervalMonths: record.serviceIntervalMonths, dueOn: record.serviceDueOn } : {}),
    ...(record.serviceDueAnnouncedAt ? { dueAnnouncedAt: record.serviceDueAnnouncedAt } : {}),
  };
}
