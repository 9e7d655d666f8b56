import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { findInAgency } from '@houqin/persistence';
import type { VehicleType } from '../vehicles/domain/vehicle';
import type { ApprovalPolicy, ApprovalReason, PassengerRank } from './domain/approval-policy';
import { DEFAULT_APPROVAL_POLICY } from './domain/approval-policy';
import { RentalResponse, Trip, TripStatus } from './domain/trip';
import { TripRecord } from './trip.entity';

/** Statuses that hold the vehicle's and driver's bookings (the exclusion constraints' predicate). */
export const BOOKING_STATUSES: readonly TripStatus[] = ['dispatched', 'in-progress'];

export interface Booking {
  tripId: string;
  startsAt: Date;
  endsAt: Date;
}

/** Trips, their bookings, and the agency's approval policy. */
@Injectable()
export class TripsRepository {
  /** `vendorId`: a vendor account's view — only the rental trips of its vendor; any other answers 404 like a missing one. */
  async load(manager: EntityManager, agencyId: string, id: string, options: { forUpdate?: boolean; vendorId?: string | undefined } = {}): Promise<{ trip: Trip; version: number }> {
    const record = await findInAgency(manager, TripRecord, { id, agencyId, aggregate: 'trip', forUpdate: options.forUpdate ?? false });
    if (options.vendorId !== undefined && (record.assignmentKind !== 'rental' || record.vendorId?.toLowerCase() !== options.vendorId)) throw new NotFoundError('trip', id);
    return { trip: tripOf(record), version: record.version };
  }

  async insert(manager: EntityManager, trip: Trip): Promise<void> {
    await manager.insert(TripRecord, recordOf(trip, 1));
  }

  /** Saves under the version read; the exclusion constraints may refuse a dispatch here (SQLSTATE 23P01). */
  async save(manager: EntityManager, trip: Trip, version: number): Promise<void> {
    const result = await manager.update(TripRecord, { id: trip.id, version }, recordOf(trip, version + 1));
    if (result.affected !== 1) throw new Error(`trip ${trip.id} changed under its row lock`);
  }

  /**
   * `involving`: only the trips this person requested or drives (their driver record's staff account);
   * `vendorId`: only the rental trips dispatched to this vendor.
   */
  async list(manager: EntityManager, agencyId: string, filter: { status?: TripStatus; involving?: string; vendorId?: string; from?: Date; to?: Date; limit: number }): Promise<Trip[]> {
    const query = manager.createQueryBuilder(TripRecord, 't').where('t.agency_id = :agencyId', { agencyId });
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.vendorId !== undefined) query.andWhere(`t.assignment_kind = 'rental' AND t.vendor_id = :vendorId`, { vendorId: filter.vendorId });
    if (filter.involving) {
      query.andWhere('(t.requested_by = :me OR t.driver_id IN (SELECT d.id FROM driver d WHERE d.agency_id = :agencyId AND d.user_id = :me))', { me: filter.involving });
    }
    if (filter.from) query.andWhere('t.ends_at > :from', { from: filter.from });
    if (filter.to) query.andWhere('t.starts_at < :to', { to: filter.to });
    return (await query.orderBy('t.starts_at', 'DESC').addOrderBy('t.id', 'ASC').take(filter.limit).getMany()).map(tripOf);
  }

  /**
   * Claims (FOR UPDATE SKIP LOCKED) up to `limit` rental trips, of any agency, whose vendor's answer
   * is still owed past its deadline at `now` and not cancelled by it: responseBreachDue as SQL.
   */
  async claimOwedRentalResponses(manager: EntityManager, now: Date, limit: number): Promise<Array<{ trip: Trip; version: number }>> {
    const claimed = (await manager.query(
      `SELECT id FROM trip
        WHERE rental_response_due_at IS NOT NULL AND rental_confirmed_at IS NULL AND rental_response_breached_at IS NULL
          AND rental_response_due_at < $1 AND (cancelled_at IS NULL OR cancelled_at > rental_response_due_at)
        ORDER BY rental_response_due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as Array<{ id: string }>;
    if (claimed.length === 0) return [];
    const records = await manager.find(TripRecord, { where: { id: In(claimed.map((row) => row.id)) }, order: { rentalResponseDueAt: 'ASC', id: 'ASC' } });
    return records.map((record) => ({ trip: tripOf(record), version: record.version }));
  }

  /** The vehicles and drivers booked over [startsAt, endsAt) by other trips of the agency. */
  async busy(manager: EntityManager, agencyId: string, window: { startsAt: Date; endsAt: Date }, exceptTripId: string): Promise<{ vehicleIds: Set<string>; driverIds: Set<string> }> {
    const rows = (await manager.query(
      `SELECT vehicle_id, driver_id FROM trip
        WHERE agency_id = $1 AND id <> $4 AND status = ANY($5) AND during && tstzrange($2, $3, '[)')`,
      [agencyId, window.startsAt, window.endsAt, exceptTripId, BOOKING_STATUSES],
    )) as Array<{ vehicle_id: string | null; driver_id: string | null }>;
    return {
      vehicleIds: new Set(rows.flatMap((row) => (row.vehicle_id ? [row.vehicle_id] : []))),
      driverIds: new Set(rows.flatMap((row) => (row.driver_id ? [row.driver_id] : []))),
    };
  }

  /** The booking of the vehicle (or driver) that overlaps the window: who won the race a dispatch lost. */
  async conflicting(manager: EntityManager, column: 'vehicle_id' | 'driver_id', id: string, window: { startsAt: Date; endsAt: Date }, exceptTripId: string): Promise<Booking | undefined> {
    const rows = (await manager.query(
      `SELECT id, starts_at, ends_at FROM trip
        WHERE ${column} = $1 AND id <> $4 AND status = ANY($5) AND during && tstzrange($2, $3, '[)')
        ORDER BY starts_at LIMIT 1`,
      [id, window.startsAt, window.endsAt, exceptTripId, BOOKING_STATUSES],
    )) as Array<{ id: string; starts_at: Date; ends_at: Date }>;
    const row = rows[0];
    return row ? { tripId: row.id, startsAt: row.starts_at, endsAt: row.ends_at } : undefined;
  }

  async policy(manager: EntityManager, agencyId: string): Promise<ApprovalPolicy> {
    const rows = (await manager.query(`SELECT * FROM transport_approval_policy WHERE agency_id = $1`, [agencyId])) as Array<{
      max_distance_km: number;
      out_of_city: boolean;
      working_hours_from: string;
      working_hours_until: string;
      entitled_ranks: PassengerRank[];
    }>;
    const row = rows[0];
    if (!row) return DEFAULT_APPROVAL_POLICY;
    return { maxDistanceKm: row.max_distance_km, outOfCity: row.out_of_city, workingHours: { from: row.working_hours_from, until: row.working_hours_until }, entitledRanks: row.entitled_ranks };
  }

  async savePolicy(manager: EntityManager, agencyId: string, policy: ApprovalPolicy, by: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO transport_approval_policy (agency_id, max_distance_km, out_of_city, working_hours_from, working_hours_until, entitled_ranks, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (agency_id) DO UPDATE SET max_distance_km = EXCLUDED.max_distance_km, out_of_city = EXCLUDED.out_of_city,
         working_hours_from = EXCLUDED.working_hours_from, working_hours_until = EXCLUDED.working_hours_until,
         entitled_ranks = EXCLUDED.entitled_ranks, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [agencyId, policy.maxDistanceKm, policy.outOfCity, policy.workingHours.from, policy.workingHours.until, policy.entitledRanks, by, at],
    );
  }
}

export function recordOf(trip: Trip, version: number): TripRecord {
  const a = trip.assignment;
  const r = trip.rentalResponse;
  return {
    id: trip.id,
    agencyId: trip.agencyId,
    requestedBy: trip.requestedBy,
    purpose: trip.purpose,
    passengers: trip.passengers,
    passengerRank: trip.passengerRank,
    origin: trip.origin,
    destination: trip.destination,
    distanceKm: trip.distanceKm,
    outOfCity: trip.outOfCity,
    startsAt: trip.startsAt,
    endsAt: trip.endsAt,
    vehicleType: trip.vehicleType ?? null,
    status: trip.status,
    approvalReasons: [...trip.approvalReasons],
    decidedBy: trip.decision?.by ?? null,
    decidedAt: trip.decision?.at ?? null,
    decisionNote: trip.decision?.note ?? null,
    assignmentKind: a?.kind ?? null,
    vehicleId: a?.kind === 'fleet' ? a.vehicleId : null,
    driverId: a?.kind === 'fleet' ? a.driverId : null,
    plateNumber: a?.kind === 'fleet' ? a.plateNumber : null,
    driverName: a?.kind === 'fleet' ? a.driverName : null,
    contractId: a?.kind === 'rental' ? a.contractId : null,
    vendorId: a?.kind === 'rental' ? a.vendorId : null,
    vendorName: a?.kind === 'rental' ? a.vendorName : null,
    dispatchedBy: a?.dispatchedBy ?? null,
    dispatchedAt: a?.dispatchedAt ?? null,
    rentalResponseTargetMinutes: r?.targetMinutes ?? null,
    rentalResponseDueAt: r?.dueAt ?? null,
    rentalConfirmedAt: r?.confirmation?.at ?? null,
    rentalConfirmedBy: r?.confirmation?.confirmedBy ?? null,
    rentalPlateNumber: r?.confirmation?.plateNumber ?? null,
    rentalDriverName: r?.confirmation?.driverName ?? null,
    rentalDriverPhone: r?.confirmation?.driverPhone ?? null,
    rentalResponseMinutes: r?.confirmation?.responseMinutes ?? null,
    rentalWithinSla: r?.confirmation?.withinSla ?? null,
    rentalResponseBreachedAt: r?.breachedAt ?? null,
    startedAt: trip.start?.at ?? null,
    startOdometerKm: trip.start?.odometerKm ?? null,
    startedBy: trip.start?.startedBy ?? null,
    onTime: trip.start?.onTime ?? null,
    lateMinutes: trip.start?.lateMinutes ?? null,
    endedAt: trip.end?.at ?? null,
    endOdometerKm: trip.end?.odometerKm ?? null,
    drivenKm: trip.end?.drivenKm ?? null,
    fuelFen: trip.end?.fuelFen ?? null,
    tollsFen: trip.end?.tollsFen ?? null,
    parkingFen: trip.end?.parkingFen ?? null,
    rentalFen: trip.end?.rentalFen ?? null,
    costFen: trip.end?.costFen ?? null,
    costPerKmFen: trip.end?.costPerKmFen ?? null,
    completedBy: trip.end?.completedBy ?? null,
    cancelledBy: trip.cancellation?.by ?? null,
    cancelledAt: trip.cancellation?.at ?? null,
    cancellationReason: trip.cancellation?.reason ?? null,
    rating: trip.rating?.score ?? null,
    ratingComment: trip.rating?.comment ?? null,
    ratedAt: trip.rating?.at ?? null,
    requestedAt: trip.requestedAt,
    version,
  };
}

export function tripOf(r: TripRecord): Trip {
  return {
    id: r.id,
    agencyId: r.agencyId,
    requestedBy: r.requestedBy,
    purpose: r.purpose,
    passengers: r.passengers,
    passengerRank: r.passengerRank as PassengerRank,
    origin: r.origin,
    destination: r.destination,
    distanceKm: r.distanceKm,
    outOfCity: r.outOfCity,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    ...(r.vehicleType ? { vehicleType: r.vehicleType as VehicleType } : {}),
    status: r.status,
    approvalReasons: r.approvalReasons as ApprovalReason[],
    requestedAt: r.requestedAt,
    ...(r.decidedBy && r.decidedAt ? { decision: { by: r.decidedBy, at: r.decidedAt, ...(r.decisionNote ? { note: r.decisionNote } : {}) } } : {}),
    ...(r.assignmentKind === 'fleet' && r.vehicleId && r.driverId && r.dispatchedBy && r.dispatchedAt
      ? { assignment: { kind: 'fleet' as const, vehicleId: r.vehicleId, plateNumber: r.plateNumber ?? '', driverId: r.driverId, driverName: r.driverName ?? '', dispatchedBy: r.dispatchedBy, dispatchedAt: r.dispatchedAt } }
      : {}),
    ...(r.assignmentKind === 'rental' && r.contractId && r.vendorId && r.dispatchedBy && r.dispatchedAt
      ? { assignment: { kind: 'rental' as const, contractId: r.contractId, vendorId: r.vendorId, vendorName: r.vendorName ?? '', dispatchedBy: r.dispatchedBy, dispatchedAt: r.dispatchedAt } }
      : {}),
    ...(r.rentalResponseTargetMinutes !== null && r.rentalResponseDueAt ? { rentalResponse: rentalResponseOf(r, r.rentalResponseTargetMinutes, r.rentalResponseDueAt) } : {}),
    ...(r.startedAt && r.onTime !== null && r.lateMinutes !== null && r.startedBy
      ? { start: { at: r.startedAt, ...(r.startOdometerKm !== null ? { odometerKm: r.startOdometerKm } : {}), onTime: r.onTime, lateMinutes: r.lateMinutes, startedBy: r.startedBy } }
      : {}),
    ...(r.endedAt && r.drivenKm !== null && r.costFen !== null && r.completedBy
      ? {
          end: {
            at: r.endedAt,
            ...(r.endOdometerKm !== null ? { odometerKm: r.endOdometerKm } : {}),
            drivenKm: r.drivenKm,
            fuelFen: r.fuelFen ?? 0,
            tollsFen: r.tollsFen ?? 0,
            parkingFen: r.parkingFen ?? 0,
            rentalFen: r.rentalFen ?? 0,
            costFen: r.costFen,
            ...(r.costPerKmFen !== null ? { costPerKmFen: r.costPerKmFen } : {}),
            completedBy: r.completedBy,
          },
        }
      : {}),
    ...(r.cancelledBy && r.cancelledAt ? { cancellation: { by: r.cancelledBy, at: r.cancelledAt, reason: r.cancellationReason ?? '' } } : {}),
    ...(r.rating !== null && r.ratedAt ? { rating: { score: r.rating, ...(r.ratingComment ? { comment: r.ratingComment } : {}), at: r.ratedAt } } : {}),
  };
}

function rentalResponseOf(r: TripRecord, targetMinutes: number, dueAt: Date): RentalResponse {
  const confirmed =
    r.rentalConfirmedAt && r.rentalConfirmedBy && r.rentalPlateNumber && r.rentalDriverName && r.rentalDriverPhone && r.rentalResponseMinutes !== null && r.rentalWithinSla !== null
      ? {
          confirmation: {
            plateNumber: r.rentalPlateNumber,
            driverName: r.rentalDriverName,
            driverPhone: r.rentalDriverPhone,
            confirmedBy: r.rentalConfirmedBy,
            at: r.rentalConfirmedAt,
            responseMinutes: r.rentalResponseMinutes,
            withinSla: r.rentalWithinSla,
          },
        }
      : {};
  return { targetMinutes, dueAt, ...confirmed, ...(r.rentalResponseBreachedAt ? { breachedAt: r.rentalResponseBreachedAt } : {}) };
}
