import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { FileAttachmentDto, FileAttachmentView, RequestValidationError } from '@houqin/service-kit';
import { INTERNAL_TEAM, isPartyKey, partyKey } from '../kpis/domain/evaluated-party';
import {
  AWAITING_RESPONSE,
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_SERVICE_TYPES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  Complaint,
  ComplaintCategory,
  ComplaintOutcome,
  ComplaintServiceType,
  ComplaintSeverity,
  ComplaintStatus,
  ComplaintTerms,
  Decision,
  MAX_ATTACHMENTS,
  MAX_NAMED_ANSWERABLE,
  Viewer,
  appealDeadline,
  isResponseOverdue,
  showsComplainant,
  standingOf,
} from './domain/complaint';

export class FileComplaintDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The vendor complained about; required unless a service instance (serviceType and instanceId) is named' })
  @ValidateIf((body: FileComplaintDto) => body.instanceId === undefined || body.vendorId !== undefined)
  @IsDefined({ message: 'vendorId must name the vendor complained about, unless serviceType and instanceId name a service instance' })
  @IsUUID('all', { message: 'vendorId must be a UUID' })
  vendorId?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_SERVICE_TYPES, description: 'The service line; required with instanceId' })
  @ValidateIf((body: FileComplaintDto) => body.instanceId !== undefined || body.serviceType !== undefined)
  @IsIn(COMPLAINT_SERVICE_TYPES)
  serviceType?: ComplaintServiceType;

  @ApiPropertyOptional({ description: 'The service instance complained about (for maintenance, the work order id); its vendor is taken from its records', example: '8d2f4a6c-1e3b-4d5f-8a7c-9e1b3d5f7a9c' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  instanceId?: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES, example: 'service-quality' })
  @IsIn(COMPLAINT_CATEGORIES)
  category!: ComplaintCategory;

  @ApiProperty({ description: 'What happened', example: '空调维修后当天下午又坏了，师傅没有试机就走了。', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  description!: string;

  @ApiPropertyOptional({ type: [FileAttachmentDto], maxItems: MAX_ATTACHMENTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  attachments?: FileAttachmentDto[];

  @ApiPropertyOptional({ description: 'When true, the vendor never sees who complained (nor does any event name them)', default: false })
  @IsOptional()
  @IsBoolean()
  anonymousToVendor?: boolean;
}

/** A vendor id or 'internal-team'. */
function IsPartyKey(): PropertyDecorator {
  return ValidateBy({ name: 'isParty', validator: { validate: (value: unknown) => isPartyKey(value), defaultMessage: () => `party must be a vendor id or ${INTERNAL_TEAM}` } });
}

export class TriageComplaintDto {
  @ApiProperty({ enum: COMPLAINT_SEVERITIES, example: 'major' })
  @IsIn(COMPLAINT_SEVERITIES)
  severity!: ComplaintSeverity;

  @ApiProperty({ description: 'Who investigates (the user id of an operator of the agency)', example: 'manager-chen' })
  @IsString()
  @Length(1, 128)
  investigatorId!: string;

  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORIES, description: 'Corrects the category the complainant chose' })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORIES)
  category?: ComplaintCategory;

  @ApiPropertyOptional({ description: "The party complained about, a vendor id or 'internal-team'; required when the service instance's records do not tell it" })
  @IsOptional()
  @IsPartyKey()
  party?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AddEvidenceDto {
  @ApiProperty({ description: 'What the evidence shows', example: '楼宇配电记录：当天下午无停电。', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  description!: string;

  @ApiPropertyOptional({ type: [FileAttachmentDto], maxItems: MAX_ATTACHMENTS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  attachments?: FileAttachmentDto[];
}

export const NAMED_ANSWERABLE_KINDS = ['approving-manager', 'department', 'person'] as const;

/** Someone the decider names as answerable (问责对象), besides the party complained about. */
export class AnswerableDto {
  @ApiProperty({ enum: NAMED_ANSWERABLE_KINDS })
  @IsIn(NAMED_ANSWERABLE_KINDS)
  kind!: (typeof NAMED_ANSWERABLE_KINDS)[number];

  @ApiPropertyOptional({ description: 'The user id of a manager or a person (or give name)', example: 'manager-chen' })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For a department' })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;

  @ApiPropertyOptional({ example: '张师傅' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'Why they answer', example: 'approved the repair without inspection' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  role?: string;
}

export class DecideComplaintDto {
  @ApiProperty({ enum: COMPLAINT_OUTCOMES })
  @IsIn(COMPLAINT_OUTCOMES)
  outcome!: ComplaintOutcome;

  @ApiProperty({ description: 'The reasons, which are the response to the complainant', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  reasons!: string;

  @ApiPropertyOptional({
    type: [AnswerableDto],
    maxItems: MAX_NAMED_ANSWERABLE,
    description: 'When upheld: people, managers or departments who answer besides the party (the manager who assigned the work order is named from its records)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_NAMED_ANSWERABLE)
  @ValidateNested({ each: true })
  @Type(() => AnswerableDto)
  answerable?: AnswerableDto[];
}

export class AppealComplaintDto {
  @ApiProperty({ description: 'Why the decision is wrong', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  reasons!: string;
}

export class WithdrawComplaintDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** `@Query('from', InstantParam)`: absent, or an ISO 8601 instant with its offset; anything else is a 400 naming it. */
@Injectable()
export class InstantParam implements PipeTransform<unknown, Date | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): Date | undefined {
    if (value === undefined || value === '') return undefined;
    const field = metadata.data ?? 'instant';
    const valid = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
    if (!valid) throw new RequestValidationError([{ field, rule: 'isInstant', message: `${field} must be an ISO 8601 instant with its offset, e.g. 2026-12-01T00:00:00+08:00` }]);
    return new Date(value);
  }
}

/** `@Query('party', ComplaintPartyParam)`: absent, a vendor id or 'internal-team'; anything else is a 400 naming it. */
@Injectable()
export class ComplaintPartyParam implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || value === '') return undefined;
    const field = metadata.data ?? 'party';
    if (!isPartyKey(value)) throw new RequestValidationError([{ field, rule: 'isParty', message: `${field} must be a vendor id or ${INTERNAL_TEAM}` }]);
    return value.toLowerCase();
  }
}

export class AnswerableView {
  @ApiProperty({ enum: ['vendor', 'internal-team', 'approving-manager', 'department', 'person'] }) kind!: string;
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional() userId?: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() role?: string;
}

export class TriageView {
  @ApiProperty({ enum: COMPLAINT_SEVERITIES }) severity!: ComplaintSeverity;
  @ApiProperty() investigatorId!: string;
  @ApiProperty() triagedBy!: string;
  @ApiProperty() triagedAt!: string;
  @ApiPropertyOptional() note?: string;
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [FileAttachmentView] }) attachments!: FileAttachmentView[];
  @ApiProperty() addedBy!: string;
  @ApiProperty() addedAt!: string;
}

export class DecisionView {
  @ApiProperty({ enum: COMPLAINT_OUTCOMES }) outcome!: ComplaintOutcome;
  @ApiProperty({ description: 'The response to the complainant' }) reasons!: string;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ type: [AnswerableView], description: 'Who answers (问责), when upheld' }) answerable!: AnswerableView[];

  static of(decision: Decision): DecisionView {
    return {
      outcome: decision.outcome,
      reasons: decision.reasons,
      decidedBy: decision.decidedBy,
      decidedAt: decision.decidedAt.toISOString(),
      answerable: decision.answerable.map((entry) => ({ ...entry })),
    };
  }
}

export class AppealView {
  @ApiProperty() reasons!: string;
  @ApiProperty() appealedAt!: string;
  @ApiPropertyOptional({ type: DecisionView }) decision?: DecisionView;
}

export class ComplaintView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ description: 'Who complained; never shown to the vendor when anonymousToVendor' }) complainantId?: string;
  @ApiProperty() anonymousToVendor!: boolean;
  @ApiPropertyOptional({ enum: COMPLAINT_SERVICE_TYPES }) serviceType?: ComplaintServiceType;
  @ApiPropertyOptional({ description: 'The service instance complained about (for maintenance, the work order id)' }) instanceId?: string;
  @ApiPropertyOptional({ description: "The vendor id, or 'internal-team'; absent until known (set at triage)" }) party?: string;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES }) category!: ComplaintCategory;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [FileAttachmentView] }) attachments!: FileAttachmentView[];
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiPropertyOptional({ enum: COMPLAINT_OUTCOMES, description: 'Where it stands: the appeal’s outcome once decided, else the first decision’s' }) outcome?: ComplaintOutcome;
  @ApiProperty() filedAt!: string;
  @ApiProperty({ description: 'The decision (the response to the complainant) is due by then' }) responseDueAt!: string;
  @ApiProperty({ description: 'Undecided past responseDueAt (as of now)' }) responseOverdue!: boolean;
  @ApiPropertyOptional({ description: 'When complaint.response-overdue was published' }) responseOverdueAt?: string;
  @ApiPropertyOptional({ type: TriageView }) triage?: TriageView;
  @ApiProperty({ type: [EvidenceView] }) evidence!: EvidenceView[];
  @ApiPropertyOptional({ type: DecisionView, description: 'The first decision' }) decision?: DecisionView;
  @ApiPropertyOptional({ description: 'Minutes from filing to the first decision (处理时长)' }) handlingMinutes?: number;
  @ApiPropertyOptional({ description: 'The complainant may appeal until then (once)' }) appealableUntil?: string;
  @ApiPropertyOptional({ type: AppealView }) appeal?: AppealView;
  @ApiPropertyOptional() withdrawnAt?: string;
  @ApiPropertyOptional() withdrawalReason?: string;

  /** As the viewer may see it: a vendor's account is not told who complained when the complainant chose anonymity. */
  static of(complaint: Complaint, viewer: Viewer, terms: ComplaintTerms, now: Date): ComplaintView {
    const outcome = standingOf(complaint);
    const appealableUntil = complaint.status === 'decided' ? appealDeadline(complaint, terms) : undefined;
    return {
      id: complaint.id,
      ...(showsComplainant(complaint, viewer) ? { complainantId: complaint.complainantId } : {}),
      anonymousToVendor: complaint.anonymousToVendor,
      ...(complaint.serviceType ? { serviceType: complaint.serviceType } : {}),
      ...(complaint.instanceId ? { instanceId: complaint.instanceId } : {}),
      ...(complaint.party ? { party: partyKey(complaint.party) } : {}),
      category: complaint.category,
      description: complaint.description,
      attachments: complaint.attachments.map(FileAttachmentView.of),
      status: complaint.status,
      ...(outcome ? { outcome } : {}),
      filedAt: complaint.filedAt.toISOString(),
      responseDueAt: complaint.responseDueAt.toISOString(),
      responseOverdue: AWAITING_RESPONSE.includes(complaint.status) && isResponseOverdue(complaint, now),
      ...(complaint.responseOverdueAt ? { responseOverdueAt: complaint.responseOverdueAt.toISOString() } : {}),
      ...(complaint.triage
        ? {
            triage: {
              severity: complaint.triage.severity,
              investigatorId: complaint.triage.investigatorId,
              triagedBy: complaint.triage.triagedBy,
              triagedAt: complaint.triage.triagedAt.toISOString(),
              ...(complaint.triage.note ? { note: complaint.triage.note } : {}),
            },
          }
        : {}),
      evidence: complaint.evidence.map((item) => ({ id: item.id, description: item.description, attachments: item.attachments.map(FileAttachmentView.of), addedBy: item.addedBy, addedAt: item.addedAt.toISOString() })),
      ...(complaint.decision ? { decision: DecisionView.of(complaint.decision) } : {}),
      ...(complaint.handlingMinutes !== undefined ? { handlingMinutes: complaint.handlingMinutes } : {}),
      ...(appealableUntil ? { appealableUntil: appealableUntil.toISOString() } : {}),
      ...(complaint.appeal
        ? {
            appeal: {
              reasons: complaint.appeal.reasons,
              appealedAt: complaint.appeal.appealedAt.toISOString(),
              ...(complaint.appeal.decision ? { decision: DecisionView.of(complaint.appeal.decision) } : {}),
            },
          }
        : {}),
      ...(complaint.withdrawnAt ? { withdrawnAt: complaint.withdrawnAt.toISOString() } : {}),
      ...(complaint.withdrawalReason ? { withdrawalReason: complaint.withdrawalReason } : {}),
    };
  }
}
