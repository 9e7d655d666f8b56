import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FactFields, Measures } from './domain/kpi-facts';

/** An agency's name, target and weight for one KPI (kpi_definition_override). */
@Entity({ name: 'kpi_definition_override' })
export class KpiDefinitionOverrideRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('text', { name: 'kpi_code' }) kpiCode!: string;
  @Column('text', { name: 'service_type' }) serviceType!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('numeric') target!: string;
  @Column('integer') weight!: number;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** One service instance's KPI facts (kpi_fact). */
@Entity({ name: 'kpi_fact' })
export class KpiFactRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('text', { name: 'service_type' }) serviceType!: string;
  @PrimaryColumn('text') instance!: string;
  @Column('jsonb') fields!: FactFields;
  @Column('text', { nullable: true }) party!: string | null;
  @Column('timestamptz', { name: 'anchor_at', nullable: true }) anchorAt!: Date | null;
  @Column('jsonb') measures!: Measures;
}

/** One KPI's sums for a party, service type and period (kpi_value). */
@Entity({ name: 'kpi_value' })
export class KpiValueRecord {
  @PrimaryColumn('text', { name: 'agency_id' }) agencyId!: string;
  @PrimaryColumn('text', { name: 'service_type' }) serviceType!: string;
  @PrimaryColumn('text') party!: string;
  @PrimaryColumn('text', { name: 'period_key' }) periodKey!: string;
  @PrimaryColumn('text', { name: 'kpi_code' }) kpiCode!: string;
  @Column('text', { name: 'period_kind' }) periodKind!: string;
  @Column('numeric') numerator!: string;
  @Column('numeric') denominator!: string;
  @Column('integer', { name: 'sample_size' }) sampleSize!: number;
}
