import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, NotPermittedError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency, vendorActedFor } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { approves, manages } from '../caller-scope';
import { DriversRepository } from '../drivers/drivers.repository';
import { serviceDueEvent } from '../service-schedule/service-due-event';
import { recordOdometerReading } from '../vehicles/domain/vehicle';
import { VehicleOdometerReadingRecord, VehicleRecord } from '../vehicles/vehicle.entity';
import { toDomain as vehicleOf, toRecord as vehicleRecordOf } from '../vehicles/vehicles.service';
import { ApprovalPolicy, validateApprovalPolicy } from './domain/approval-policy';
import { confirmRental } from './domain/rental-response';
import { Trip, TripStatus, approveTrip, cancelTrip, endTrip, markNoShow, rateTrip, rejectTrip, requestTrip, startTrip } from './domain/trip';
import { ApprovalPolicyDto, CancelTripDto, DecideTripDto, EndTripDto, RateTripDto, RentalConfirmationDto, RequestTripDto, StartTripDto } from './trip.dto';
import {
  tripApprovedEvent,
  tripCancelledEvent,
  tripCompletedEvent,
  tripRatedEvent,
  tripRejectedEvent,
  tripRentalConfirmedEvent,
  tripRentalResponseBreachedEvent,
  tripRequestedEvents,
} from './trip-events';
import { TripsRepository } from './trips.repository';

/**
 * The trip's life (公务用车): request under the agency's approval policy, approval by someone other
 * than the requester, start and end with odometer readings (the vehicle's odometer moves with them,
 * and a reading that reaches its service due announces it), cancellation, no-show and rating.
 * Each use case loads under a row lock, applies the domain rule and saves with its events.
 */
@Injectable()
export class TripsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trips: TripsRepository,
    private readonly drivers: DriversRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async request(caller: Caller, input: RequestTripDto): Promise<Trip> {
    return this.dataSource.transaction(async (manager) => {
      const policy = await this.trips.policy(manager, caller.agencyId);
      const trip = requestTrip(
        {
          id: randomUUID(),
          agencyId: caller.agencyId,
          requestedBy: caller.userId,
          purpose: input.purpose,
          passengers: input.passengers,
          passengerRank: input.passengerRank,
          origin: input.origin,
          destination: input.destination,
          distanceKm: input.distanceKm,
          outOfCity: input.outOfCity ?? false,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          ...(input.vehicleType !== undefined ? { vehicleType: input.vehicleType } : {}),
        },
        policy,
        this.clock,
      );
      await this.trips.insert(manager, trip);
      await this.outbox.append(manager, tripRequestedEvents(trip, eventOrigin(caller)));
      return trip;
    });
  }

  async approve(caller: Caller, id: string, input: DecideTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      const approved = approveTrip(trip, caller.userId, input.note, this.clock);
      await this.outbox.append(manager, tripApprovedEvent(approved, eventOrigin(caller)));
      return approved;
    });
  }

  async reject(caller: Caller, id: string, input: DecideTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      const rejected = rejectTrip(trip, caller.userId, input.note ?? '', this.clock);
      await this.outbox.append(manager, tripRejectedEvent(rejected, eventOrigin(caller)));
      return rejected;
    });
  }

  async cancel(caller: Caller, id: string, input: CancelTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      if (trip.requestedBy !== caller.userId && !manages(caller)) throw new NotPermittedError('not-the-requester', 'the requester or a logistics manager cancels a trip', 'tripId');
      const cancelled = cancelTrip(trip, caller.userId, input.reason, this.clock);
      await this.outbox.append(manager, tripCancelledEvent(cancelled, trip.status, eventOrigin(caller)));
      return cancelled;
    });
  }

  async noShow(caller: Caller, id: string, input: CancelTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      await this.mustDrive(manager, caller, trip);
      const closed = markNoShow(trip, caller.userId, input.reason, this.clock);
      await this.outbox.append(manager, tripCancelledEvent(closed, trip.status, eventOrigin(caller)));
      return closed;
    });
  }

  async start(caller: Caller, id: string, input: StartTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      await this.mustDrive(manager, caller, trip);
      const vehicle = trip.assignment?.kind === 'fleet' ? await this.lockVehicle(manager, caller.agencyId, trip.assignment.vehicleId) : undefined;
      const started = startTrip(trip, { ...(input.odometerKm !== undefined ? { odometerKm: input.odometerKm } : {}), ...(vehicle ? { vehicleOdometerKm: vehicle.odometerKm } : {}), startedBy: caller.userId }, this.clock);
      if (vehicle && started.start?.odometerKm !== undefined) await this.readOdometer(manager, caller, vehicle.id, started.start.odometerKm);
      return started;
    });
  }

  async end(caller: Caller, id: string, input: EndTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      await this.mustDrive(manager, caller, trip);
      const ended = endTrip(trip, { ...input, completedBy: caller.userId }, this.clock);
      if (trip.assignment?.kind === 'fleet' && ended.end?.odometerKm !== undefined) {
        await this.lockVehicle(manager, caller.agencyId, trip.assignment.vehicleId);
        await this.readOdometer(manager, caller, trip.assignment.vehicleId, ended.end.odometerKm);
      }
      await this.outbox.append(manager, tripCompletedEvent(ended, eventOrigin(caller)));
      return ended;
    });
  }

  async rate(caller: Caller, id: string, input: RateTripDto): Promise<Trip> {
    return this.change(caller, id, async (trip, manager) => {
      const rated = rateTrip(trip, caller.userId, { score: input.score, ...(input.comment !== undefined ? { comment: input.comment } : {}) }, this.clock);
      await this.outbox.append(manager, tripRatedEvent(rated, eventOrigin(caller)));
      return rated;
    });
  }

  /**
   * 租车响应: the trip's rental vendor confirms the vehicle and driver it sends, once, while the trip
   * is dispatched; a late answer announces the breach of the contract's response time unless the
   * sweep already did (the trip's row lock keeps the two from both announcing it).
   */
  async confirmRental(caller: Caller, id: string, input: RentalConfirmationDto): Promise<Trip> {
    const vendorId = vendorActedFor(caller);
    if (vendorId === undefined) throw new NotPermittedError('not-the-vendor', "only the rental vendor's own account confirms its trip", 'tripId');
    return this.dataSource.transaction(async (manager) => {
      const { trip, version } = await this.trips.load(manager, caller.agencyId, id, { forUpdate: true, vendorId });
      const { trip: confirmed, breached } = confirmRental(trip, { vendorId, ...input, confirmedBy: caller.userId }, this.clock);
      await this.trips.save(manager, confirmed, version);
      const origin = eventOrigin(caller);
      await this.outbox.append(manager, [...(breached ? [tripRentalResponseBreachedEvent(confirmed, origin)] : []), tripRentalConfirmedEvent(confirmed, origin)]);
      return confirmed;
    });
  }

  /** A vendor account reads only the rental trips of its vendor. */
  async get(caller: Caller, id: string): Promise<Trip> {
    const { trip } = await this.trips.load(this.dataSource.manager, caller.agencyId, id, { vendorId: vendorActedFor(caller) });
    return trip;
  }

  /** Staff see the trips they requested or drive; a vendor account its vendor's rental trips; approvers and operators the agency's. */
  async list(caller: Caller, filter: { status?: TripStatus; from?: Date; to?: Date; limit: number }): Promise<Trip[]> {
    const vendorId = vendorActedFor(caller);
    const scope = vendorId !== undefined ? { vendorId } : approves(caller) ? {} : { involving: caller.userId };
    return this.trips.list(this.dataSource.manager, caller.agencyId, { ...filter, ...scope });
  }

  async policy(caller: Caller): Promise<ApprovalPolicy> {
    return this.trips.policy(this.dataSource.manager, caller.agencyId);
  }

  async setPolicy(caller: Caller, input: ApprovalPolicyDto): Promise<ApprovalPolicy> {
    const policy = validateApprovalPolicy(input);
    await this.dataSource.transaction((manager) => this.trips.savePolicy(manager, caller.agencyId, policy, caller.userId, this.clock.now()));
    return policy;
  }

  private async change(caller: Caller, id: string, apply: (trip: Trip, manager: EntityManager) => Trip | Promise<Trip>): Promise<Trip> {
    return this.dataSource.transaction(async (manager) => {
      const { trip, version } = await this.trips.load(manager, caller.agencyId, id, { forUpdate: true });
      const changed = await apply(trip, manager);
      await this.trips.save(manager, changed, version);
      return changed;
    });
  }

  /** The trip's driver (their staff account) or an operator starts, ends and closes a trip. */
  private async mustDrive(manager: EntityManager, caller: Caller, trip: Trip): Promise<void> {
    if (manages(caller)) return;
    if (trip.assignment?.kind === 'fleet') {
      const { driver } = await this.drivers.load(manager, caller.agencyId, trip.assignment.driverId);
      if (driver.userId === caller.userId) return;
    }
    throw new NotPermittedError('not-the-driver', "only the trip's driver (or a logistics manager) does this", 'tripId');
  }

  private async lockVehicle(manager: EntityManager, agencyId: string, vehicleId: string) {
    return vehicleOf(await findInAgency(manager, VehicleRecord, { id: vehicleId, agencyId, aggregate: 'vehicle', forUpdate: true }));
  }

  /** The trip's reading is the vehicle's: recorded in its history, and announcing a service it reaches. */
  private async readOdometer(manager: EntityManager, caller: Caller, vehicleId: string, odometerKm: number): Promise<void> {
    const record = await findInAgency(manager, VehicleRecord, { id: vehicleId, agencyId: caller.agencyId, aggregate: 'vehicle', forUpdate: true });
    const { vehicle, readAt, serviceDue } = recordOdometerReading(vehicleOf(record), { odometerKm }, this.clock);
    await manager.update(VehicleRecord, { id: vehicleId, version: record.version }, vehicleRecordOf(vehicle, record.version + 1));
    await manager.insert(VehicleOdometerReadingRecord, { id: randomUUID(), agencyId: caller.agencyId, vehicleId, odometerKm, readAt, recordedBy: caller.userId, recordedAt: this.clock.now() });
    if (serviceDue) await this.outbox.append(manager, serviceDueEvent(vehicle, serviceDue, caller.userId));
  }
}
