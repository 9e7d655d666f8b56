import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { VehicleFuel, VehicleStatus, VehicleType } from './domain/vehicle';

/** Name of the unique index the migration creates; a violation of it is a duplicate plate. */
export const VEHICLE_PLATE_UNIQUE = 'vehicle_agency_plate_unique';

@Entity({ name: 'vehicle' })
@Index(VEHICLE_PLATE_UNIQUE, ['agencyId', 'plateNumber'], { unique: true })
@Index(['agencyId', 'registeredAt'])
export class VehicleRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text', { name: 'plate_number' })
  plateNumber!: string;

  @Column('text', { name: 'vehicle_type' })
  vehicleType!: VehicleType;

  @Column('integer')
  seats!: number;

  @Column('integer', { name: 'odometer_km' })
  odometerKm!: number;

  @Column('timestamptz', { name: 'odometer_read_at' })
  odometerReadAt!: Date;

  @Column('text')
  fuel!: VehicleFuel;

  @Column('text')
  status!: VehicleStatus;

  @Column('text', { name: 'registered_by' })
  registeredBy!: string;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt!: Date;

  @Column('text', { name: 'service_reason', nullable: true })
  serviceReason!: string | null;

  @Column('text', { name: 'sent_for_service_by', nullable: true })
  sentForServiceBy!: string | null;

  @Column('timestamptz', { name: 'sent_for_service_at', nullable: true })
  sentForServiceAt!: Date | null;

  @Column('timestamptz', { name: 'returned_from_service_at', nullable: true })
  returnedFromServiceAt!: Date | null;

  @Column('text', { name: 'retirement_reason', nullable: true })
  retirementReason!: string | null;

  @Column('text', { name: 'retired_by', nullable: true })
  retiredBy!: string | null;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt!: Date | null;

  @Column('integer', { name: 'service_interval_start_km' })
  serviceIntervalStartKm!: number;

  @Column('date', { name: 'service_interval_start_on' })
  serviceIntervalStartOn!: string;

  @Column('integer', { name: 'service_interval_km', nullable: true })
  serviceIntervalKm!: number | null;

  @Column('integer', { name: 'service_interval_months', nullable: true })
  serviceIntervalMonths!: number | null;

  @Column('integer', { name: 'service_due_at_km', nullable: true })
  serviceDueAtKm!: number | null;

  @Column('date', { name: 'service_due_on', nullable: true })
  serviceDueOn!: string | null;

  @Column('timestamptz', { name: 'service_due_announced_at', nullable: true })
  serviceDueAnnouncedAt!: Date | null;

  @Column('date', { name: 'insurance_expires_on', nullable: true })
  insuranceExpiresOn!: string | null;

  @Column('date', { name: 'inspection_expires_on', nullable: true })
  inspectionExpiresOn!: string | null;

  @Column('integer', { default: 1 })
  version!: number;
}

/** One odometer reading as recorded, kept for the vehicle's history; the vehicle row holds the latest. */
@Entity({ name: 'vehicle_odometer_reading' })
@Index('vehicle_odometer_reading_vehicle', ['vehicleId', 'readAt'])
export class VehicleOdometerReadingRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'vehicle_id' })
  vehicleId!: string;

  @Column('integer', { name: 'odometer_km' })
  odometerKm!: number;

  @Column('timestamptz', { name: 'read_at' })
  readAt!: Date;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
