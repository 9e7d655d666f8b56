import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { FileAttachmentDto, FileAttachmentView } from '@houqin/service-kit';
import { MAX_EVIDENCE } from '../assessments/domain/assessment';
import { isPartyKey } from '../kpis/domain/evaluated-party';
import { MAX_REQUIRED_EVIDENCE, RECTIFICATION_STATUSES, RectificationEvidence, RectificationNotice, RectificationStatus, isOverdue, noticeParty } from './domain/rectification';

const INSTANT = { strict: true, strictSeparator: true } as const;

function IsPartyKey(): PropertyDecorator {
  return ValidateBy({ name: 'isParty', validator: { validate: (value: unknown) => isPartyKey(value), defaultMessage: () => "party must be a vendor id or 'internal-team'" } });
}

export class IssueRectificationDto {
  @ApiProperty({ description: "Who must rectify: a vendor id, or 'internal-team' (the agency's own team)", example: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e' })
  @IsPartyKey()
  party!: string;

  @ApiProperty({ description: 'What must be fixed (整改事项)', example: '三号楼水泵房阀门漏水，维修人员未持证上岗。', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  finding!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The violation (违规) the notice stems from' }) @IsOptional() @IsUUID() violationId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The complaint (投诉) the notice stems from' }) @IsOptional() @IsUUID() complaintId?: string;

  @ApiProperty({
    type: [String],
    description: `The evidence the answer must cover, each item by name (at most ${MAX_REQUIRED_EVIDENCE}; none: the statement alone)`,
    example: ['photo of the repaired valve', 'training attendance sheet'],
  })
  @IsArray()
  @ArrayMaxSize(MAX_REQUIRED_EVIDENCE)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  requiredEvidence!: string[];

  @ApiProperty({ description: 'By when the party answers (an instant in the future)', example: '2026-12-10T18:00:00+08:00' }) @IsISO8601(INSTANT) deadline!: string;
}

/** One file of the answer, and the required item it proves (omitted: supplementary). */
export class RectificationEvidenceDto extends FileAttachmentDto {
  @ApiPropertyOptional({ description: 'The required evidence item this file proves, by its name on the notice', example: 'photo of the repaired valve' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  item?: string;
}

export class AnswerRectificationDto {
  @ApiProperty({ description: 'What was done to rectify', example: '已更换阀门并对全部维修人员进行持证上岗培训。', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  statement!: string;

  @ApiProperty({ type: [RectificationEvidenceDto], description: `Every required item covered by at least one file (at most ${MAX_EVIDENCE}); a missing item is a 422 naming it` })
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE)
  @ValidateNested({ each: true })
  @Type(() => RectificationEvidenceDto)
  evidence!: RectificationEvidenceDto[];
}

export class VerifyRectificationDto {
  @ApiPropertyOptional({ description: 'What the verification found', example: '现场复查合格。' }) @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

export class SendBackRectificationDto {
  @ApiProperty({ description: 'Why the answer is sent back (退回)', example: '照片看不清阀门编号，请补拍。' }) @IsString() @Length(1, 4000) reason!: string;
  @ApiPropertyOptional({ description: 'A new deadline (in the future); absent: the deadline stays', example: '2026-12-15T18:00:00+08:00' }) @IsOptional() @IsISO8601(INSTANT) deadline?: string;
}

export class RectificationEvidenceView extends FileAttachmentView {
  @ApiPropertyOptional({ description: 'The required evidence item this file proves' }) item?: string;
}

export class RectificationAnswerView {
  @ApiProperty() statement!: string;
  @ApiProperty({ type: [RectificationEvidenceView] }) evidence!: RectificationEvidenceView[];
  @ApiProperty() answeredBy!: string;
  @ApiProperty() answeredAt!: string;
  @ApiProperty({ description: 'The deadline in force when answered' }) deadline!: string;
  @ApiProperty({ description: 'Answered after that deadline (accepted, recorded as late)' }) late!: boolean;
}

export class RectificationSendBackView {
  @ApiProperty() reason!: string;
  @ApiProperty() returnedBy!: string;
  @ApiProperty() returnedAt!: string;
  @ApiProperty() previousDeadline!: string;
  @ApiProperty() deadline!: string;
}

export class RectificationEscalationView {
  @ApiProperty({ description: 'The deadline that passed' }) deadline!: string;
  @ApiProperty({ description: 'When it was escalated to the logistics manager (rectification.overdue)' }) escalatedAt!: string;
}

export class RectificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "A vendor id, or 'internal-team'" }) party!: string;
  @ApiPropertyOptional({ description: "The vendor's name as registered, when known" }) vendorName?: string;
  @ApiProperty() finding!: string;
  @ApiPropertyOptional({ format: 'uuid' }) violationId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) complaintId?: string;
  @ApiProperty({ type: [String] }) requiredEvidence!: string[];
  @ApiProperty({ description: 'The deadline in force' }) deadline!: string;
  @ApiProperty({ enum: RECTIFICATION_STATUSES, description: 'issued and returned await the answer; answered awaits verification; closed: verified' }) status!: RectificationStatus;
  @ApiProperty({ description: 'Awaiting the answer with the deadline passed, as of now' }) overdue!: boolean;
  @ApiProperty() issuedBy!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ type: [RectificationAnswerView], description: 'Every answer, in order' }) answers!: RectificationAnswerView[];
  @ApiProperty({ type: [RectificationSendBackView], description: 'Every send-back (退回), in order' }) sendBacks!: RectificationSendBackView[];
  @ApiProperty({ type: [RectificationEscalationView], description: 'One per deadline that passed while awaiting the answer' }) escalations!: RectificationEscalationView[];
  @ApiPropertyOptional() verifiedBy?: string;
  @ApiPropertyOptional() verifiedAt?: string;
  @ApiPropertyOptional() verificationNote?: string;

  static of(notice: RectificationNotice, now: Date): RectificationView {
    const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
    const evidence = (file: RectificationEvidence): RectificationEvidenceView => ({ ...optional('item', file.item), ...FileAttachmentView.of(file) });
    return {
      id: notice.id,
      party: noticeParty(notice),
      ...optional('vendorName', notice.vendorName),
      finding: notice.finding,
      ...optional('violationId', notice.violationId),
      ...optional('complaintId', notice.complaintId),
      requiredEvidence: notice.requiredEvidence,
      deadline: notice.deadline.toISOString(),
      status: notice.status,
      overdue: isOverdue(notice, now),
      issuedBy: notice.issuedBy,
      issuedAt: notice.issuedAt.toISOString(),
      answers: notice.answers.map((answer) => ({
        statement: answer.statement,
        evidence: answer.evidence.map(evidence),
        answeredBy: answer.answeredBy,
        answeredAt: answer.answeredAt.toISOString(),
        deadline: answer.deadline.toISOString(),
        late: answer.late,
      })),
      sendBacks: notice.sendBacks.map((sendBack) => ({
        reason: sendBack.reason,
        returnedBy: sendBack.returnedBy,
        returnedAt: sendBack.returnedAt.toISOString(),
        previousDeadline: sendBack.previousDeadline.toISOString(),
        deadline: sendBack.deadline.toISOString(),
      })),
      escalations: notice.escalations.map((escalation) => ({ deadline: escalation.deadline.toISOString(), escalatedAt: escalation.escalatedAt.toISOString() })),
      ...optional('verifiedBy', notice.verifiedBy),
      ...optional('verifiedAt', notice.verifiedAt?.toISOString()),
      ...optional('verificationNote', notice.verificationNote),
    };
  }
}
