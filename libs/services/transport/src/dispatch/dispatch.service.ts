import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessRuleViolation, Clock, DuplicateError, businessDay } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { DriversRepository } from '../drivers/drivers.repository';
import { Blocker } from '../fleet-documents/domain/fleet-document';
import { RentalContract, checkRentalDispatch, rentalOptions } from '../rentals/domain/rental';
import { RentalsRepository } from '../rentals/rentals.repository';
import { Trip, dispatchTrip } from '../trips/domain/trip';
import { tripDispatchedEvent } from '../trips/trip-events';
import { TRIP_DRIVER_NO_OVERLAP, TRIP_VEHICLE_NO_OVERLAP } from '../trips/trip.entity';
import { TripsRepository } from '../trips/trips.repository';
import { Vehicle } from '../vehicles/domain/vehicle';
import { VehicleRecord } from '../vehicles/vehicle.entity';
import { toDomain as vehicleOf } from '../vehicles/vehicles.service';
import { VehicleSuggestion, checkFleetAssignment, needOf, suggestVehicles, vehicleRefusals } from './domain/dispatch';

export interface DispatchOptions {
  /** The vehicles that can take the trip with the drivers free for each, best first. */
  vehicles: VehicleSuggestion[];
  /** Every other vehicle of the fleet, with why it is not offered. */
  notOffered: Array<{ vehicle: Vehicle; reasons: Blocker[] }>;
  /** Rental contracts in force over the trip whose vendor is in good standing: offered when no vehicle of the fleet fits. */
  rentals: RentalContract[];
}

/** SQLSTATE exclusion_violation: the booking overlaps another of the same vehicle or driver. */
const EXCLUSION_VIOLATION = '23P01';

function exclusionConstraint(error: unknown): string | undefined {
  const driverError = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: unknown; constraint?: unknown };
  return driverError?.code === EXCLUSION_VIOLATION && typeof driverError.constraint === 'string' ? driverError.constraint : undefined;
}

/**
 * 派车: suggest the best vehicle and driver for an approved trip, and dispatch it. The checks here
 * (documents, workshop, service due, seats, type, licence class) answer 422 naming the field;
 * the overlap with the vehicle's and the driver's other bookings is decided by PostgreSQL's
 * exclusion constraints when the dispatch is saved, so of any number of concurrent dispatches
 * into overlapping windows exactly one succeeds and the others answer 409 naming the trip that won.
 * The dispatch's trip.dispatched goes to the outbox in the same transaction, after the booking is saved.
 */
@Injectable()
export class DispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trips: TripsRepository,
    private readonly drivers: DriversRepository,
    private readonly rentals: RentalsRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async options(caller: Caller, tripId: string): Promise<DispatchOptions> {
    const manager = this.dataSource.manager;
    const { trip } = await this.trips.load(manager, caller.agencyId, tripId);
    const need = needOf(trip, (at) => businessDay(at).date);
    const [records, drivers, busy, contracts, standings] = await Promise.all([
      manager.find(VehicleRecord, { where: { agencyId: caller.agencyId }, order: { plateNumber: 'ASC' } }),
      this.drivers.available(manager, caller.agencyId),
      this.trips.busy(manager, caller.agencyId, trip, trip.id),
      this.rentals.contracts(manager, caller.agencyId),
      this.rentals.standings(manager, caller.agencyId),
    ]);
    const vehicles = records.map(vehicleOf).filter((vehicle) => vehicle.status !== 'retired');
    const suggested = suggestVehicles(need, vehicles, drivers, busy);
    const offered = new Set(suggested.map((suggestion) => suggestion.vehicle.id));
    const notOffered = vehicles
      .filter((vehicle) => !offered.has(vehicle.id))
      .map((vehicle) => {
        const reasons = vehicleRefusals(need, vehicle, busy.vehicleIds.has(vehicle.id));
        return { vehicle, reasons: reasons.length > 0 ? reasons : [{ code: 'no-free-driver', reason: 'no driver free over the window holds the licence it needs' }] };
      });
    return { vehicles: suggested, notOffered, rentals: rentalOptions(contracts, standings, trip, this.clock.now()) };
  }

  async dispatchFleet(caller: Caller, tripId: string, input: { vehicleId: string; driverId: string }): Promise<Trip> {
    let window: Trip | undefined;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { trip, version } = await this.trips.load(manager, caller.agencyId, tripId, { forUpdate: true });
        window = trip;
        const vehicleRecord = await manager.findOne(VehicleRecord, { where: { id: input.vehicleId, agencyId: caller.agencyId } });
        if (!vehicleRecord) throw new BusinessRuleViolation('unknown-vehicle', 'no such vehicle in the agency', 'vehicleId');
        const vehicle = vehicleOf(vehicleRecord);
        const driver = await this.drivers.load(manager, caller.agencyId, input.driverId).catch(() => {
          throw new BusinessRuleViolation('unknown-driver', 'no such driver in the agency', 'driverId');
        });
        checkFleetAssignment(needOf(trip, (at) => businessDay(at).date), vehicle, driver.driver);
        const dispatched = dispatchTrip(
          trip,
          { kind: 'fleet', vehicleId: vehicle.id, plateNumber: vehicle.plateNumber, driverId: driver.driver.id, driverName: driver.driver.name },
          caller.userId,
          this.clock,
        );
        await this.trips.save(manager, dispatched, version);
        await this.outbox.append(manager, tripDispatchedEvent(dispatched, eventOrigin(caller)));
        return dispatched;
      });
    } catch (error) {
      const constraint = exclusionConstraint(error);
      if (!constraint || !window) throw error;
      throw await this.doubleBooking(constraint, input, window);
    }
  }

  async dispatchRental(caller: Caller, tripId: string, input: { contractId: string }): Promise<Trip> {
    return this.dataSource.transaction(async (manager) => {
      const { trip, version } = await this.trips.load(manager, caller.agencyId, tripId, { forUpdate: true });
      const contract = await this.rentals.contract(manager, caller.agencyId, input.contractId);
      const standing = contract ? await this.rentals.standing(manager, caller.agencyId, contract.vendorId) : undefined;
      const checked = checkRentalDispatch(contract, standing, trip, this.clock.now());
      const dispatched = dispatchTrip(
        trip,
        { kind: 'rental', contractId: checked.contractId, vendorId: checked.vendorId, vendorName: checked.vendorName, responseMinutes: checked.maxDispatchResponseMinutes },
        caller.userId,
        this.clock,
      );
      await this.trips.save(manager, dispatched, version);
      await this.outbox.append(manager, tripDispatchedEvent(dispatched, eventOrigin(caller)));
      return dispatched;
    });
  }

  /** The 409 of a dispatch the exclusion constraint refused, naming the trip that holds the booking. */
  private async doubleBooking(constraint: string, input: { vehicleId: string; driverId: string }, trip: Trip): Promise<Error> {
    const byVehicle = constraint === TRIP_VEHICLE_NO_OVERLAP;
    if (!byVehicle && constraint !== TRIP_DRIVER_NO_OVERLAP) return new Error(`unexpected exclusion constraint ${constraint}`);
    const field = byVehicle ? 'vehicleId' : 'driverId';
    const holder = await this.trips.conflicting(this.dataSource.manager, byVehicle ? 'vehicle_id' : 'driver_id', byVehicle ? input.vehicleId : input.driverId, trip, trip.id);
    const what = byVehicle ? `vehicle ${input.vehicleId}` : `driver ${input.driverId}`;
    const detail = holder
      ? `${what} is already booked for trip ${holder.tripId} from ${holder.startsAt.toISOString()} to ${holder.endsAt.toISOString()}`
      : `${what} is already booked for another trip over ${trip.startsAt.toISOString()} to ${trip.endsAt.toISOString()}`;
    return new DuplicateError('booking', field, detail);
  }
}
