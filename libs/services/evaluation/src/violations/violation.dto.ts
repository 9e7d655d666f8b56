import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { RequestValidationError } from '@houqin/service-kit';
import { isPartyKey } from '../kpis/domain/evaluated-party';
import { BREACH_KINDS, BreachKind, fenToYuan } from './domain/penalty';
import type { PenaltyLine } from './domain/penalty-statement';
import { ANSWERABLE_KINDS, Answerable, VIOLATION_SOURCES, VIOLATION_STATUSES, Violation, ViolationSource, ViolationStatus } from './domain/violation';
import { OFFENCES, Offence, SEVERITIES, Severity, ViolationRules } from './domain/violation-rules';

const INSTANT = { strict: true, strictSeparator: true } as const;
/** The service lines a violation may concern (the evaluated ones, and cleaning and security). */
export const VIOLATION_SERVICE_TYPES = ['maintenance', 'procurement', 'catering', 'transport', 'cleaning', 'security'] as const;
const PARTY_PATTERN = /^(internal-team|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const SETTLEMENT_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export class AnswerableDto {
  @ApiProperty({ enum: ANSWERABLE_KINDS, example: 'approving-manager' }) @IsIn(ANSWERABLE_KINDS) kind!: Answerable['kind'];
  @ApiPropertyOptional({ format: 'uuid', description: "kind vendor: the violation's party" }) @IsOptional() @IsUUID() vendorId?: string;
  @ApiPropertyOptional({ example: 'manager-chen', description: 'kind approving-manager or person: the user' }) @IsOptional() @IsString() @Length(1, 128) userId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'kind department' }) @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional({ example: '陈经理' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: 'approved the cleaning schedule' }) @IsOptional() @IsString() @Length(1, 200) role?: string;
}

export class RecordViolationDto {
  @ApiProperty({ description: "The party the violation is recorded against: a vendor id, or 'internal-team'", example: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e' })
  @IsString()
  @Matches(PARTY_PATTERN, { message: "party must be a vendor id or 'internal-team'" })
  party!: string;

  @ApiProperty({ enum: VIOLATION_SERVICE_TYPES, example: 'maintenance' }) @IsIn(VIOLATION_SERVICE_TYPES) serviceType!: string;
  @ApiProperty({ enum: SEVERITIES, example: 'major' }) @IsIn(SEVERITIES) severity!: Severity;
  @ApiProperty({ example: '维修人员未按规定佩戴安全带进行高空作业。' }) @IsString() @Length(1, 4000) description!: string;
  @ApiProperty({ description: 'When the offence happened (not in the future); its month (China Standard Time) is the settlement period', example: '2026-12-03T10:00:00+08:00' })
  @IsISO8601(INSTANT)
  occurredAt!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The party's contract whose penalty rules price it (with `breach`)" }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ enum: BREACH_KINDS, description: "The contract's breach kind it falls under; none, no penalty amount (points only)" })
  @IsOptional()
  @IsIn(BREACH_KINDS)
  breach?: BreachKind;

  @ApiPropertyOptional({ type: [AnswerableDto], description: 'Who answers for it (问责); none given: the party' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => AnswerableDto)
  answerable?: AnswerableDto[];
}

export class VoidViolationDto {
  @ApiProperty({ example: '经核实，该工单超时系业主临时封闭楼层所致，不属服务商责任。' }) @IsString() @Length(1, 2000) reason!: string;
}

export class SeverityPointsDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 1 }) @IsInt() @Min(0) @Max(100) minor!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 3 }) @IsInt() @Min(0) @Max(100) major!: number;
  @ApiProperty({ minimum: 0, maximum: 100, example: 6 }) @IsInt() @Min(0) @Max(100) serious!: number;
}

export class OffenceSeveritiesDto {
  @ApiProperty({ enum: SEVERITIES, example: 'minor' }) @IsIn(SEVERITIES) 'sla-response-late'!: Severity;
  @ApiProperty({ enum: SEVERITIES, example: 'major' }) @IsIn(SEVERITIES) 'sla-resolution-late'!: Severity;
  @ApiProperty({ enum: SEVERITIES, example: 'major' }) @IsIn(SEVERITIES) 'failed-inspection'!: Severity;
  @ApiProperty({ enum: SEVERITIES, example: 'minor' }) @IsIn(SEVERITIES) 'low-assessment-score'!: Severity;
  @ApiProperty({ enum: SEVERITIES, example: 'major' }) @IsIn(SEVERITIES) 'expired-qualification'!: Severity;
}

export class ViolationRulesDto {
  @ApiProperty({ type: SeverityPointsDto, description: 'Penalty points (扣分) per severity, not falling as severity rises' })
  @ValidateNested()
  @Type(() => SeverityPointsDto)
  points!: SeverityPointsDto;

  @ApiProperty({ type: OffenceSeveritiesDto, description: 'The severity of each offence recorded automatically (an upheld complaint carries its own)' })
  @ValidateNested()
  @Type(() => OffenceSeveritiesDto)
  severities!: OffenceSeveritiesDto;

  @ApiProperty({ minimum: 0, maximum: 100, example: 60, description: 'A submitted third-party assessment scoring below this (0–100) is a violation' })
  @IsNumber()
  @Min(0)
  @Max(100)
  lowAssessmentThreshold!: number;
}

export class ViolationRulesView {
  @ApiProperty({ type: SeverityPointsDto }) points!: Record<Severity, number>;
  @ApiProperty({ type: OffenceSeveritiesDto }) severities!: Record<Offence, Severity>;
  @ApiProperty() lowAssessmentThreshold!: number;
  @ApiProperty({ enum: ['agency', 'default'], description: "The agency's own rules, or the platform's defaults" }) source!: 'agency' | 'default';

  static of(rules: ViolationRules, source: 'agency' | 'default'): ViolationRulesView {
    return { points: { ...rules.points }, severities: Object.fromEntries(OFFENCES.map((offence) => [offence, rules.severities[offence]])) as Record<Offence, Severity>, lowAssessmentThreshold: rules.lowAssessmentThreshold, source };
  }
}

export class ViolationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "A vendor id, or 'internal-team'" }) party!: string;
  @ApiPropertyOptional({ format: 'uuid' }) vendorId?: string;
  @ApiPropertyOptional({ enum: VIOLATION_SERVICE_TYPES }) serviceType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) contractId?: string;
  @ApiProperty({ enum: VIOLATION_SOURCES }) source!: ViolationSource;
  @ApiProperty({ description: 'What it was recorded from (work order and clock, complaint, assessment, inspection, qualification and expiry date); unique per source' }) sourceRef!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty() penaltyPoints!: number;
  @ApiPropertyOptional({ enum: BREACH_KINDS, description: "The contract's breach kind that priced it" }) breach?: BreachKind;
  @ApiProperty({ description: 'Penalty in fen (分), after the monthly cap' }) penaltyAmount!: number;
  @ApiProperty({ description: 'The same in yuan, two decimals', example: '150.00' }) penaltyYuan!: string;
  @ApiProperty({ example: '2026-12' }) settlementPeriod!: string;
  @ApiProperty() description!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: [AnswerableDto] }) answerable!: Answerable[];
  @ApiProperty({ enum: VIOLATION_STATUSES }) status!: ViolationStatus;
  @ApiPropertyOptional() voidReason?: string;
  @ApiPropertyOptional() voidedBy?: string;
  @ApiPropertyOptional() voidedAt?: string;

  static of(violation: Violation): ViolationView {
    return {
      ...violation,
      penaltyYuan: fenToYuan(violation.penaltyAmount),
      occurredAt: violation.occurredAt.toISOString(),
      recordedAt: violation.recordedAt.toISOString(),
      ...(violation.voidedAt ? { voidedAt: violation.voidedAt.toISOString() } : {}),
    } as ViolationView;
  }
}

export class PenaltyLineView {
  @ApiProperty({ description: "A vendor id, or 'internal-team'" }) party!: string;
  @ApiPropertyOptional({ format: 'uuid' }) vendorId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent for the violations under no contract' }) contractId?: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Penalty points (扣分)' }) points!: number;
  @ApiProperty({ description: 'Penalty in fen (分)' }) amount!: number;
  @ApiProperty({ example: '1234.56' }) amountYuan!: string;
  @ApiProperty({ type: [ViolationView] }) items!: ViolationView[];

  static of(line: PenaltyLine): PenaltyLineView {
    return { ...line, amountYuan: fenToYuan(line.amount), items: line.items.map(ViolationView.of) };
  }
}

export class PenaltiesView {
  @ApiProperty({ example: '2026-12' }) period!: string;
  @ApiProperty({ type: [PenaltyLineView], description: 'Per party and contract; voided violations left out' }) lines!: PenaltyLineView[];
  @ApiProperty({ description: 'Fen, all lines' }) totalAmount!: number;
  @ApiProperty() totalYuan!: string;
}

/** `@Query('period', SettlementPeriodParam)`: a settlement month YYYY-MM (China Standard Time), required unless `optional`. */
@Injectable()
export class SettlementPeriodParam implements PipeTransform<unknown, string | undefined> {
  constructor(private readonly rule: { required: boolean } = { required: true }) {}

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    const field = metadata.data ?? 'period';
    if ((value === undefined || value === '') && !this.rule.required) return undefined;
    if (typeof value !== 'string' || !SETTLEMENT_PERIOD.test(value) || Number(value.slice(0, 4)) < 1970) {
      throw new RequestValidationError([{ field, rule: 'isSettlementPeriod', message: `${field} must be a settlement month YYYY-MM` }]);
    }
    return value;
  }
}

/** `@Query('from', InstantParam)`: absent, or an ISO 8601 instant with its offset. */
@Injectable()
export class InstantParam implements PipeTransform<unknown, Date | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): Date | undefined {
    if (value === undefined || value === '') return undefined;
    const field = metadata.data ?? 'instant';
    const parsed = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime())) throw new RequestValidationError([{ field, rule: 'isInstant', message: `${field} must be an ISO 8601 instant with its offset` }]);
    return parsed;
  }
}

/** `@Query('party', ViolationPartyParam)`: absent, a vendor id or 'internal-team'. */
@Injectable()
export class ViolationPartyParam implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || value === '') return undefined;
    const field = metadata.data ?? 'party';
    if (!isPartyKey(value)) throw new RequestValidationError([{ field, rule: 'isParty', message: `${field} must be a vendor id or internal-team` }]);
    return value.toLowerCase();
  }
}
