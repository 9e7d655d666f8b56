import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CanteenLocation, CanteenStatus, MealPeriod } from './domain/canteen';

@Entity({ name: 'canteen' })
@Index(['agencyId', 'openedAt'])
export class CanteenRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('text')
  name!: string;

  @Column('jsonb')
  location!: CanteenLocation;

  @Column('integer')
  capacity!: number;

  @Column('text', { name: 'meal_periods', array: true })
  mealPeriods!: MealPeriod[];

  @Column('text')
  status!: CanteenStatus;

  @Column('text', { name: 'opened_by' })
  openedBy!: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('text', { name: 'closure_reason', nullable: true })
  closureReason!: string | null;

  @Column('text', { name: 'closed_by', nullable: true })
  closedBy!: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt!: Date | null;

  @Column('integer', { default: 1 })
  version!: number;
}
