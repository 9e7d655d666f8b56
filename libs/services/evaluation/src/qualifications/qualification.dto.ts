import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DocumentsQueryParameter, FileAttachmentDto, FileAttachmentView, QueryParameterDocumentation, RequestValidationError } from '@houqin/service-kit';
import { CALENDAR_DATE } from './domain/calendar-date';
import { MAX_ATTACHMENTS, QUALIFICATION_TYPES, Qualification, QualificationStatus, QualificationTerm, QualificationType, currentTerm, statusAt } from './domain/qualification';
import { HOLDER_KINDS, Holder, HolderKind, employerOf } from './domain/qualification-holder';
import { MAX_TRAINING_HOURS, TrainingRecord } from './domain/training-record';

const DATE_MESSAGE = { message: '$property must be a calendar date YYYY-MM-DD' };

/** The holder: a member of the internal team (userId) or a vendor's on-site staff (vendorId and staff number; no national id numbers). */
export class HolderDto {
  @ApiProperty({ enum: HOLDER_KINDS }) @IsIn(HOLDER_KINDS) kind!: HolderKind;
  @ApiProperty({ example: '张建国' }) @IsString() @Length(1, 200) name!: string;

  @ApiPropertyOptional({ description: 'The internal member’s user id (internal-staff only)', example: 'user-li-shifu' })
  @ValidateIf((holder: HolderDto) => holder.kind === 'internal-staff')
  @IsString()
  @Length(1, 128)
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The employer (vendor-staff only)' })
  @ValidateIf((holder: HolderDto) => holder.kind === 'vendor-staff')
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ description: "The vendor's staff number (工号, vendor-staff only)", example: 'JD-0042' })
  @ValidateIf((holder: HolderDto) => holder.kind === 'vendor-staff')
  @IsString()
  @Length(1, 64)
  staffNumber?: string;

  @ApiPropertyOptional({ description: "A link to the same person in another service (e.g. catering's food handler, transport's driver), kept as given", example: 'transport:driver:5b1d…' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  toHolder(): Holder {
    const reference = this.reference ? { reference: this.reference } : {};
    return this.kind === 'vendor-staff'
      ? { kind: 'vendor-staff', vendorId: (this.vendorId ?? '').toLowerCase(), name: this.name, staffNumber: this.staffNumber ?? '', ...reference }
      : { kind: 'internal-staff', userId: this.userId ?? '', name: this.name, ...reference };
  }
}

export class RecordQualificationDto {
  @ApiProperty({ type: HolderDto }) @ValidateNested() @Type(() => HolderDto) holder!: HolderDto;
  @ApiProperty({ enum: QUALIFICATION_TYPES }) @IsIn(QUALIFICATION_TYPES) type!: QualificationType;
  @ApiPropertyOptional({ description: "What an 'other' qualification is (required for it, ignored otherwise)", example: '高处作业证' }) @IsOptional() @IsString() @Length(1, 100) label?: string;
  @ApiProperty({ description: "Whether the holder's role requires it: an expired mandatory qualification is a violation of the employer" }) @IsBoolean() mandatory!: boolean;
  @ApiProperty({ example: 'EL-2021-0318' }) @IsString() @Length(1, 64) certificateNumber!: string;
  @ApiProperty({ example: '2021-01-05', description: 'YYYY-MM-DD (China Standard Time)' }) @Matches(CALENDAR_DATE, DATE_MESSAGE) issuedOn!: string;
  @ApiProperty({ example: '2027-01-05', description: 'YYYY-MM-DD (China Standard Time): from 00:00 of this day it has expired' }) @Matches(CALENDAR_DATE, DATE_MESSAGE) expiresOn!: string;
  @ApiPropertyOptional({ type: [FileAttachmentDto], description: `Scans of the certificate (at most ${MAX_ATTACHMENTS})` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  attachments?: FileAttachmentDto[];
}

export class RenewQualificationDto {
  @ApiProperty({ example: '2033-01-05', description: 'The new expiry, after the one in force (YYYY-MM-DD, China Standard Time)' }) @Matches(CALENDAR_DATE, DATE_MESSAGE) expiresOn!: string;
  @ApiPropertyOptional({ example: '2027-01-02', description: 'The new certificate’s issue date; the one in force when absent' }) @IsOptional() @Matches(CALENDAR_DATE, DATE_MESSAGE) issuedOn?: string;
  @ApiPropertyOptional({ description: 'The new certificate’s number; the one in force when absent' }) @IsOptional() @IsString() @Length(1, 64) certificateNumber?: string;
  @ApiPropertyOptional({ type: [FileAttachmentDto], description: `Scans of the certificate (at most ${MAX_ATTACHMENTS})` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  attachments?: FileAttachmentDto[];
}

export class TrainingCertificateDto {
  @ApiProperty({ example: 'PX-2026-1120' }) @IsString() @Length(1, 64) number!: string;
  @ApiPropertyOptional({ type: FileAttachmentDto }) @IsOptional() @ValidateNested() @Type(() => FileAttachmentDto) attachment?: FileAttachmentDto;
}

export class RecordTrainingDto {
  @ApiProperty({ type: HolderDto }) @ValidateNested() @Type(() => HolderDto) holder!: HolderDto;
  @ApiProperty({ example: '低压电工安全复训' }) @IsString() @Length(1, 200) course!: string;
  @ApiProperty({ example: 8, description: `Hours, in tenths at most (0.1–${MAX_TRAINING_HOURS})` }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }) @Min(0.1) @Max(MAX_TRAINING_HOURS) hours!: number;
  @ApiProperty({ example: '2026-11-20', description: 'YYYY-MM-DD (China Standard Time), not after today' }) @Matches(CALENDAR_DATE, DATE_MESSAGE) completedOn!: string;
  @ApiPropertyOptional({ type: TrainingCertificateDto }) @IsOptional() @ValidateNested() @Type(() => TrainingCertificateDto) certificate?: TrainingCertificateDto;
}

/** `@Query('expired', BooleanQueryParam)`: absent, 'true' or 'false'; anything else is a 400 naming it. */
@Injectable()
export class BooleanQueryParam implements PipeTransform<unknown, boolean | undefined>, DocumentsQueryParameter {
  describeQueryParameter(): QueryParameterDocumentation {
    return { required: false, schema: { type: 'boolean' } };
  }

  transform(value: unknown, metadata: ArgumentMetadata): boolean | undefined {
    if (value === undefined || value === '') return undefined;
    if (value === 'true' || value === true) return true;
    if (value === 'false' || value === false) return false;
    const field = metadata.data ?? 'value';
    throw new RequestValidationError([{ field, rule: 'isBoolean', message: `${field} must be true or false` }]);
  }
}

/** `@Query('expiringWithinDays', new OptionalDaysParam())`: absent, or a whole number of days 0–3660. */
@Injectable()
export class OptionalDaysParam implements PipeTransform<unknown, number | undefined>, DocumentsQueryParameter {
  describeQueryParameter(): QueryParameterDocumentation {
    return { required: false, schema: { type: 'integer', minimum: 0, maximum: 3660 } };
  }

  transform(value: unknown, metadata: ArgumentMetadata): number | undefined {
    if (value === undefined || value === '') return undefined;
    const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : NaN;
    if (Number.isInteger(parsed) && parsed >= 0 && parsed <= 3660) return parsed;
    const field = metadata.data ?? 'value';
    throw new RequestValidationError([{ field, rule: 'isInt', message: `${field} must be a whole number of days from 0 to 3660` }]);
  }
}

export class HolderView {
  @ApiProperty({ enum: HOLDER_KINDS }) kind!: HolderKind;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() userId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) vendorId?: string;
  @ApiPropertyOptional() staffNumber?: string;
  @ApiPropertyOptional() reference?: string;

  static of(holder: Holder): HolderView {
    return { ...holder };
  }
}

export class QualificationTermView {
  @ApiProperty() certificateNumber!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() expiresOn!: string;
  @ApiProperty({ type: [FileAttachmentView] }) attachments!: FileAttachmentView[];
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static of(term: QualificationTerm): QualificationTermView {
    return { ...term, attachments: term.attachments.map(FileAttachmentView.of), recordedAt: term.recordedAt.toISOString() };
  }
}

export class QualificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: HolderView }) holder!: HolderView;
  @ApiProperty({ description: "The holder's employer: a vendor id, or 'internal-team'" }) party!: string;
  @ApiProperty({ enum: QUALIFICATION_TYPES }) type!: QualificationType;
  @ApiPropertyOptional() label?: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty({ description: 'The term in force' }) certificateNumber!: string;
  @ApiProperty() issuedOn!: string;
  @ApiProperty() expiresOn!: string;
  @ApiProperty({ enum: ['valid', 'expiring', 'expired'], description: 'As of now: expiring within the warning days, expired from 00:00 CST of the expiry date' }) status!: QualificationStatus;
  @ApiProperty({ type: [FileAttachmentView] }) attachments!: FileAttachmentView[];
  @ApiProperty({ type: [QualificationTermView], description: 'Every term, the original first: renewals never overwrite' }) history!: QualificationTermView[];
  @ApiPropertyOptional({ description: 'The expiry date the warning went out for' }) warnedFor?: string;
  @ApiPropertyOptional({ description: 'The expiry date qualification.expired went out for' }) expiredFor?: string;

  static of(qualification: Qualification, now: Date, warningDays: number): QualificationView {
    const term = currentTerm(qualification);
    return {
      id: qualification.id,
      holder: HolderView.of(qualification.holder),
      party: employerOf(qualification.holder),
      type: qualification.type,
      ...(qualification.label ? { label: qualification.label } : {}),
      mandatory: qualification.mandatory,
      certificateNumber: term.certificateNumber,
      issuedOn: term.issuedOn,
      expiresOn: term.expiresOn,
      status: statusAt(qualification, now, warningDays),
      attachments: term.attachments.map(FileAttachmentView.of),
      history: qualification.terms.map(QualificationTermView.of),
      ...(qualification.warnedFor ? { warnedFor: qualification.warnedFor } : {}),
      ...(qualification.expiredFor ? { expiredFor: qualification.expiredFor } : {}),
    };
  }
}

export class TrainingRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: HolderView }) holder!: HolderView;
  @ApiProperty() party!: string;
  @ApiProperty() course!: string;
  @ApiProperty() hours!: number;
  @ApiProperty() completedOn!: string;
  @ApiPropertyOptional({ type: TrainingCertificateDto }) certificate?: { number: string; attachment?: FileAttachmentView };
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static of(training: TrainingRecord): TrainingRecordView {
    return {
      id: training.id,
      holder: HolderView.of(training.holder),
      party: employerOf(training.holder),
      course: training.course,
      hours: training.hours,
      completedOn: training.completedOn,
      ...(training.certificate ? { certificate: training.certificate } : {}),
      recordedBy: training.recordedBy,
      recordedAt: training.recordedAt.toISOString(),
    };
  }
}
