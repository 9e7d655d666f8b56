import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ScoredServiceType } from './domain/past-performance';

const numeric = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'vendor_performance' })
export class VendorPerformanceRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('uuid', { name: 'vendor_id' }) vendorId!: string;
  @PrimaryColumn('text', { name: 'service_type' }) serviceType!: ScoredServiceType;
  @Column('text') period!: string;
  @Column('timestamptz', { name: 'period_start' }) periodStart!: Date;
  @Column('timestamptz', { name: 'period_end' }) periodEnd!: Date;
  @Column('integer') version!: number;
  @Column('numeric', { nullable: true, transformer: numeric }) score!: number | null;
  @Column('text', { nullable: true }) standing!: string | null;
  @Column('uuid', { name: 'scorecard_id' }) scorecardId!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
