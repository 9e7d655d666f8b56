import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FileAttachment } from '@houqin/domain';
import type { QualificationType } from './domain/qualification';
import type { HolderKind } from './domain/qualification-holder';

/** A qualification with its term in force; the terms table keeps every one. */
@Entity({ name: 'qualification' })
export class QualificationRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'holder_kind' }) holderKind!: HolderKind;
  @Column('text', { name: 'holder_user_id', nullable: true }) holderUserId!: string | null;
  @Column('text', { name: 'holder_name' }) holderName!: string;
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('text', { name: 'staff_number', nullable: true }) staffNumber!: string | null;
  @Column('text', { name: 'holder_reference', nullable: true }) holderReference!: string | null;
  /** The employer: the vendor id, or 'internal-team'. */
  @Column('text') party!: string;
  @Column('text') type!: QualificationType;
  @Column('text', { nullable: true }) label!: string | null;
  @Column('boolean') mandatory!: boolean;
  @Column('text', { name: 'certificate_number' }) certificateNumber!: string;
  @Column('date', { name: 'issued_on' }) issuedOn!: string;
  @Column('date', { name: 'expires_on' }) expiresOn!: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('date', { name: 'warned_for', nullable: true }) warnedFor!: string | null;
  @Column('date', { name: 'expired_for', nullable: true }) expiredFor!: string | null;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('integer') version!: number;
}

/** One term of a qualification (the original, or a renewal), written once. */
@Entity({ name: 'qualification_term' })
export class QualificationTermRecord {
  @PrimaryColumn('uuid', { name: 'qualification_id' }) qualificationId!: string;
  @PrimaryColumn('integer') sequence!: number;
  @Column('text', { name: 'certificate_number' }) certificateNumber!: string;
  @Column('date', { name: 'issued_on' }) issuedOn!: string;
  @Column('date', { name: 'expires_on' }) expiresOn!: string;
  @Column('jsonb') attachments!: FileAttachment[];
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

@Entity({ name: 'training_record' })
export class TrainingRecordRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text', { name: 'holder_kind' }) holderKind!: HolderKind;
  @Column('text', { name: 'holder_user_id', nullable: true }) holderUserId!: string | null;
  @Column('text', { name: 'holder_name' }) holderName!: string;
  @Column('uuid', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('text', { name: 'staff_number', nullable: true }) staffNumber!: string | null;
  @Column('text', { name: 'holder_reference', nullable: true }) holderReference!: string | null;
  @Column('text') party!: string;
  @Column('text') course!: string;
  @Column('integer', { name: 'hours_tenths' }) hoursTenths!: number;
  @Column('date', { name: 'completed_on' }) completedOn!: string;
  @Column('text', { name: 'certificate_number', nullable: true }) certificateNumber!: string | null;
  @Column('jsonb', { name: 'certificate_attachment', nullable: true }) certificateAttachment!: FileAttachment | null;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}
