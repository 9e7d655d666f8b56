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

  @Column('integer', { default: 1 })
  version!: number;
}
