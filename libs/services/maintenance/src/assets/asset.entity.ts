import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Location } from '../repair-requests/domain/repair-request';
import type { AssetCategory, AssetCriticality, MeterKind, MeterReading } from './domain/asset';

export const ASSET_CODE_UNIQUE = 'asset_code_unique';

/** Fen are bigint in PostgreSQL; read back as numbers (well within 2^53). */
const fen = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'asset' })
export class AssetRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') category!: AssetCategory;
  @Column('jsonb') location!: Location;
  @Column('text') criticality!: AssetCriticality;
  @Column('date', { name: 'acquired_on', nullable: true }) acquiredOn!: string | null;
  @Column('bigint', { name: 'acquisition_value', nullable: true, transformer: fen }) acquisitionValue!: number | null;
  @Column('date', { name: 'warranty_ends_on', nullable: true }) warrantyEndsOn!: string | null;
  @Column('uuid', { name: 'contract_id', nullable: true }) contractId!: string | null;
  @Column('jsonb') meters!: Partial<Record<MeterKind, MeterReading>>;
  @Column('text', { name: 'registered_by' }) registeredBy!: string;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
  @Column('integer', { default: 1 }) version!: number;
}

@Entity({ name: 'asset_meter_reading' })
export class AssetMeterReadingRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'asset_id' }) assetId!: string;
  @Column('text') kind!: MeterKind;
  @Column('numeric', { precision: 14, scale: 2, transformer: { to: (value: number) => value, from: (value: string) => Number(value) } }) value!: number;
  @Column('timestamptz', { name: 'read_at' }) readAt!: Date;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
}
