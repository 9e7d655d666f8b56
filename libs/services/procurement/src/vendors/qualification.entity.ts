import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QualificationKind } from './domain/qualification';
import type { ServiceCategory } from './domain/vendor';

@Entity({ name: 'vendor_qualification' })
@Index(['agencyId', 'vendorId'])
export class QualificationRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId!: string;

  @Column('text')
  kind!: QualificationKind;

  @Column('text')
  number!: string;

  @Column('text')
  category!: ServiceCategory;

  @Column('timestamptz', { name: 'issued_on' })
  issuedOn!: Date;

  @Column('timestamptz', { name: 'expires_on' })
  expiresOn!: Date;

  @Column('text', { name: 'added_by' })
  addedBy!: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt!: Date;
}
