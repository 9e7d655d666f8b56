import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TripStatus } from './domain/trip';

/** The exclusion constraints that keep a vehicle's, and a driver's, dispatched trips from overlapping. */
export const TRIP_VEHICLE_NO_OVERLAP = 'trip_vehicle_no_overlap';
export const TRIP_DRIVER_NO_OVERLAP = 'trip_driver_no_overlap';

/** One trip: its request, approval, assignment, start, end, cancellation and rating. `during` is generated from the window. */
@Entity({ name: 'trip' })
export class TripRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'requested_by' }) requestedBy!: string;
  @Column('text') purpose!: string;
  @Column('integer') passengers!: number;
  @Column('text', { name: 'passenger_rank' }) passengerRank!: string;
  @Column('text') origin!: string;
  @Column('text') destination!: string;
  @Column('integer', { name: 'distance_km' }) distanceKm!: number;
  @Column('boolean', { name: 'out_of_city' }) outOfCity!: boolean;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('text', { name: 'vehicle_type', nullable: true }) vehicleType!: string | null;
  @Column('text') status!: TripStatus;
  @Column('text', { name: 'approval_reasons', array: true }) approvalReasons!: string[];
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  @Column('text', { name: 'decision_note', nullable: true }) decisionNote!: string | null;
  @Column('text', { name: 'assignment_kind', nullable: true }) assignmentKind!: 'fleet' | 'rental' | null;
  @Column('uuid', { name: 'vehicle_id', nullable: true }) vehicleId!: string | null;
  @Column('uuid', { name: 'driver_id', nullable: true }) driverId!: string | null;
  @Column('text', { name: 'plate_number', nullable: true }) plateNumber!: string | null;
  @Column('text', { name: 'driver_name', nullable: true }) driverName!: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId!: string | null;
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('text', { name: 'vendor_name', nullable: true }) vendorName!: string | null;
  @Column('text', { name: 'dispatched_by', nullable: true }) dispatchedBy!: string | null;
  @Column('timestamptz', { name: 'dispatched_at', nullable: true }) dispatchedAt!: Date | null;
  @Column('integer', { name: 'rental_response_target_minutes', nullable: true }) rentalResponseTargetMinutes!: number | null;
  @Column('timestamptz', { name: 'rental_response_due_at', nullable: true }) rentalResponseDueAt!: Date | null;
  @Column('timestamptz', { name: 'rental_confirmed_at', nullable: true }) rentalConfirmedAt!: Date | null;
  @Column('text', { name: 'rental_confirmed_by', nullable: true }) rentalConfirmedBy!: string | null;
  @Column('text', { name: 'rental_plate_number', nullable: true }) rentalPlateNumber!: string | null;
  @Column('text', { name: 'rental_driver_name', nullable: true }) rentalDriverName!: string | null;
  @Column('text', { name: 'rental_driver_phone', nullable: true }) rentalDriverPhone!: string | null;
  @Column('integer', { name: 'rental_response_minutes', nullable: true }) rentalResponseMinutes!: number | null;
  @Column('boolean', { name: 'rental_within_sla', nullable: true }) rentalWithinSla!: boolean | null;
  @Column('timestamptz', { name: 'rental_response_breached_at', nullable: true }) rentalResponseBreachedAt!: Date | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('integer', { name: 'start_odometer_km', nullable: true }) startOdometerKm!: number | null;
  @Column('text', { name: 'started_by', nullable: true }) startedBy!: string | null;
  @Column('boolean', { name: 'on_time', nullable: true }) onTime!: boolean | null;
  @Column('integer', { name: 'late_minutes', nullable: true }) lateMinutes!: number | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('integer', { name: 'end_odometer_km', nullable: true }) endOdometerKm!: number | null;
  @Column('integer', { name: 'driven_km', nullable: true }) drivenKm!: number | null;
  @Column('integer', { name: 'fuel_fen', nullable: true }) fuelFen!: number | null;
  @Column('integer', { name: 'tolls_fen', nullable: true }) tollsFen!: number | null;
  @Column('integer', { name: 'parking_fen', nullable: true }) parkingFen!: number | null;
  @Column('integer', { name: 'rental_fen', nullable: true }) rentalFen!: number | null;
  @Column('integer', { name: 'cost_fen', nullable: true }) costFen!: number | null;
  @Column('integer', { name: 'cost_per_km_fen', nullable: true }) costPerKmFen!: number | null;
  @Column('text', { name: 'completed_by', nullable: true }) completedBy!: string | null;
  @Column('text', { name: 'cancelled_by', nullable: true }) cancelledBy!: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column('text', { name: 'cancellation_reason', nullable: true }) cancellationReason!: string | null;
  @Column('integer', { nullable: true }) rating!: number | null;
  @Column('text', { name: 'rating_comment', nullable: true }) ratingComment!: string | null;
  @Column('timestamptz', { name: 'rated_at', nullable: true }) ratedAt!: Date | null;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt!: Date;
  @Column('integer', { default: 1 }) version!: number;
}
