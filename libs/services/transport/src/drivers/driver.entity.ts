import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DriverStatus, LicenceClass } from './domain/driver';

/** Name of the unique index the migration creates; a violation of it is a duplicate licence number. */
export const DRIVER_LICENCE_UNIQUE = 'driver_agency_licence_unique';

@Entity({ name: 'driver' })
export class DriverRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'user_id', nullable: true }) userId!: string | null;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { name: 'licence_class' }) licenceClass!: LicenceClass;
  @Column('text', { name: 'licence_number' }) licenceNumber!: string;
  @Column('date', { name: 'licence_expires_on' }) licenceExpiresOn!: string;
  @Column('date', { name: 'health_checked_on', nullable: true }) healthCheckedOn!: string | null;
  @Column('date', { name: 'health_check_expires_on', nullable: true }) healthCheckExpiresOn!: string | null;
  @Column('text') status!: DriverStatus;
  @Column('text', { name: 'status_note', nullable: true }) statusNote!: string | null;
  @Column('text', { name: 'registered_by' }) registeredBy!: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('integer', { default: 1 }) version!: number;
}
