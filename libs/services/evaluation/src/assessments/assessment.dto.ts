import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { FileAttachmentDto, FileAttachmentView } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType } from '../kpis/domain/evaluated-party';
import { PERIOD_KEY_PATTERN } from '../kpis/domain/period';
import { Assessment, AssessmentStatus, Criterion, MAX_EVIDENCE } from './domain/assessment';
import { EvaluatorOrganisation, MAX_ACCOUNTS, TIE_NATURES, TieNature } from './domain/evaluator-organisation';

const INSTANT = { strict: true, strictSeparator: true } as const;

export class EngagementDto {
  @ApiProperty({ description: 'Start of the engagement (inclusive)', example: '2026-01-01T00:00:00+08:00' }) @IsISO8601(INSTANT) from!: string;
  @ApiProperty({ description: 'End of the engagement (exclusive)', example: '2027-01-01T00:00:00+08:00' }) @IsISO8601(INSTANT) until!: string;
}

export class AccountsDto {
  @ApiProperty({ type: [String], description: "User ids of the evaluator accounts (role evaluator, in the agency's directory) that act for the organisation", example: ['evaluator-1'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ACCOUNTS)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  accounts!: string[];
}

export class RegisterEvaluatorOrganisationDto extends AccountsDto {
  @ApiProperty({ example: '华信绩效评估有限公司' }) @IsString() @Length(1, 200) name!: string;
  @ApiPropertyOptional({ description: '统一社会信用代码 (18 characters)', example: '91110108MA01ABCD2X' })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/i, { message: 'creditCode must be an 18-character unified social credit code' })
  creditCode?: string;
  @ApiProperty({ description: 'Start of the first engagement (inclusive)', example: '2026-01-01T00:00:00+08:00' }) @IsISO8601(INSTANT) from!: string;
  @ApiProperty({ description: 'End of the first engagement (exclusive)', example: '2027-01-01T00:00:00+08:00' }) @IsISO8601(INSTANT) until!: string;
}

export class DeclareTieDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() vendorId!: string;
  @ApiProperty({ enum: TIE_NATURES, description: 'shareholding, employment (of staff, now or within 3 years), kinship, consulting for the vendor, other' })
  @IsIn(TIE_NATURES)
  nature!: TieNature;
  @ApiPropertyOptional({ example: '持股 5%' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class EngagementView {
  @ApiProperty() from!: string;
  @ApiProperty() until!: string;
  @ApiProperty() engagedBy!: string;
  @ApiProperty() engagedAt!: string;
}

export class TieView {
  @ApiProperty() vendorId!: string;
  @ApiProperty({ enum: TIE_NATURES }) nature!: TieNature;
  @ApiPropertyOptional() note?: string;
  @ApiProperty() declaredBy!: string;
  @ApiProperty() declaredAt!: string;
}

export class EvaluatorOrganisationView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() creditCode?: string;
  @ApiProperty({ type: [String] }) accounts!: string[];
  @ApiProperty({ type: [EngagementView] }) engagements!: EngagementView[];
  @ApiProperty({ type: [TieView], description: 'Ties to vendors it declared: it may not assess those vendors' }) ties!: TieView[];
  @ApiProperty() registeredBy!: string;
  @ApiProperty() registeredAt!: string;
}

export function organisationView(organisation: EvaluatorOrganisation): EvaluatorOrganisationView {
  return {
    id: organisation.id,
    agencyId: organisation.agencyId,
    name: organisation.name,
    ...(organisation.creditCode ? { creditCode: organisation.creditCode } : {}),
    accounts: organisation.accounts,
    engagements: organisation.engagements.map((e) => ({ from: e.from.toISOString(), until: e.until.toISOString(), engagedBy: e.engagedBy, engagedAt: e.engagedAt.toISOString() })),
    ties: organisation.ties.map((t) => ({ vendorId: t.vendorId, nature: t.nature, ...(t.note ? { note: t.note } : {}), declaredBy: t.declaredBy, declaredAt: t.declaredAt.toISOString() })),
    registeredBy: organisation.registeredBy,
    registeredAt: organisation.registeredAt.toISOString(),
  };
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'workmanship' }) @IsString() @Length(1, 50) code!: string;
  @ApiProperty({ minimum: 0, maximum: 100, example: 85 }) @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }) @Min(0) @Max(100) score!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ReviseAssessmentDto {
  @ApiPropertyOptional({ type: [CriterionScoreDto], description: 'Replaces the scores given so far' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores?: CriterionScoreDto[];

  @ApiPropertyOptional({ type: [FileAttachmentDto], description: `Replaces the evidence attached so far (at most ${MAX_EVIDENCE})` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  evidence?: FileAttachmentDto[];

  @ApiPropertyOptional({ description: "The evaluator's findings" }) @IsOptional() @IsString() @MaxLength(10000) summary?: string;
}

export class DraftAssessmentDto extends ReviseAssessmentDto {
  @ApiProperty({ format: 'uuid', description: 'The vendor assessed' }) @IsDefined() @IsUUID() vendorId!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) @IsIn(SERVICE_TYPES) serviceType!: ServiceType;
  @ApiProperty({ description: 'YYYY-MM, YYYY-Qn or YYYY', example: '2026-Q4' }) @IsString() @Matches(PERIOD_KEY_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn or YYYY' }) period!: string;
}

export class CriterionView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Whole points of 100' }) weight!: number;
}

export class AssessmentView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty() period!: string;
  @ApiProperty({ type: [CriterionView] }) criteria!: Criterion[];
  @ApiProperty({ type: [CriterionScoreDto] }) scores!: CriterionScoreDto[];
  @ApiProperty({ type: [FileAttachmentView] }) evidence!: FileAttachmentView[];
  @ApiPropertyOptional() summary?: string;
  @ApiProperty({ enum: ['draft', 'submitted'], description: 'submitted: locked' }) status!: AssessmentStatus;
  @ApiProperty() draftedBy!: string;
  @ApiProperty() draftedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional() submittedBy?: string;
  @ApiPropertyOptional() submittedAt?: string;
  @ApiPropertyOptional({ description: 'Weighted overall score 0–100, fixed at submission' }) overallScore?: number;
}

export function assessmentView(assessment: Assessment): AssessmentView {
  return {
    id: assessment.id,
    agencyId: assessment.agencyId,
    organisationId: assessment.organisationId,
    vendorId: assessment.vendorId,
    serviceType: assessment.serviceType,
    period: assessment.period.key,
    criteria: assessment.criteria,
    scores: assessment.scores,
    evidence: assessment.evidence,
    ...(assessment.summary ? { summary: assessment.summary } : {}),
    status: assessment.status,
    draftedBy: assessment.draftedBy,
    draftedAt: assessment.draftedAt.toISOString(),
    updatedAt: assessment.updatedAt.toISOString(),
    ...(assessment.submittedBy ? { submittedBy: assessment.submittedBy } : {}),
    ...(assessment.submittedAt ? { submittedAt: assessment.submittedAt.toISOString() } : {}),
    ...(assessment.overallScore !== undefined ? { overallScore: assessment.overallScore } : {}),
  };
}
