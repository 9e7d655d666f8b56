import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { INTERNAL_TEAM, SERVICE_TYPES, ServiceType, partyKey } from '../kpis/domain/evaluated-party';
import { PERIOD_KEY_PATTERN } from '../kpis/domain/period';
import type { Scorecard, ScorecardContent } from './domain/scorecard';
import { STANDINGS, ScorecardPolicy, Standing } from './domain/scorecard-policy';

const PARTY_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|internal-team)$/i;

export class WeightsDto {
  @ApiProperty({ example: 60, description: 'KPIs from the events (whole points)' }) @IsInt() @Min(0) @Max(100) kpi!: number;
  @ApiProperty({ example: 25, description: 'Satisfaction surveys' }) @IsInt() @Min(0) @Max(100) survey!: number;
  @ApiProperty({ example: 15, description: 'Third-party assessments' }) @IsInt() @Min(0) @Max(100) thirdParty!: number;
}

export class ThresholdsDto {
  @ApiProperty({ example: 90, description: 'Lowest score that is excellent (优秀)' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) excellent!: number;
  @ApiProperty({ example: 75, description: 'Lowest score that is good (良好)' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) good!: number;
  @ApiProperty({ example: 60, description: 'Lowest score that is a warning (预警); below it is failing (不合格)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  warning!: number;
}

export class ScorecardPolicyDto {
  @ApiPropertyOptional({ type: WeightsDto, description: 'Must sum to 100; absent: unchanged' }) @IsOptional() @ValidateNested() @Type(() => WeightsDto) weights?: WeightsDto;
  @ApiPropertyOptional({ type: ThresholdsDto, description: 'Strictly descending; absent: unchanged' }) @IsOptional() @ValidateNested() @Type(() => ThresholdsDto) thresholds?: ThresholdsDto;
}

export class ScorecardPolicyView {
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty({ type: WeightsDto }) weights!: WeightsDto;
  @ApiProperty({ type: ThresholdsDto }) thresholds!: ThresholdsDto;
  @ApiProperty({ enum: ['default', 'agency'], description: "default: the platform's, the agency set none" }) source!: 'default' | 'agency';

  static of(policy: ScorecardPolicy): ScorecardPolicyView {
    return { serviceType: policy.serviceType, weights: policy.weights, thresholds: policy.thresholds, source: policy.source };
  }
}

export class PublishScorecardDto {
  @ApiProperty({ description: `A vendor id or '${INTERNAL_TEAM}'` }) @IsString() @Matches(PARTY_PATTERN, { message: `party must be a vendor id or '${INTERNAL_TEAM}'` }) party!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) @IsIn(SERVICE_TYPES) serviceType!: ServiceType;
  @ApiProperty({ example: '2026-11', description: 'YYYY-MM, YYYY-Qn or YYYY' }) @IsString() @Matches(PERIOD_KEY_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn or YYYY' }) period!: string;
}

export class CorrectScorecardDto {
  @ApiProperty({ example: 'A third-party assessment submitted late now counts' }) @IsString() @Length(1, 2000) reason!: string;
}

export class KpiLineView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'] }) direction!: string;
  @ApiProperty() target!: number;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty() sampleSize!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'How far the target was reached, 0–100' }) attainment!: number | null;
}

export class KpiComponentView {
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: [KpiLineView] }) lines!: KpiLineView[];
}

export class SurveyComponentView {
  @ApiProperty({ type: Number, nullable: true, description: 'The 1–5 mean as 0–100' }) score!: number | null;
  @ApiProperty() issued!: number;
  @ApiProperty() answered!: number;
  @ApiProperty({ type: Number, nullable: true }) responseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanScore!: number | null;
}

export class AssessmentScoreView {
  @ApiProperty() assessmentId!: string;
  @ApiProperty() score!: number;
}

export class ThirdPartyComponentView {
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: [AssessmentScoreView] }) assessments!: AssessmentScoreView[];
}

export class TrendPointView {
  @ApiProperty() period!: string;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ enum: STANDINGS, nullable: true }) standing!: Standing | null;
  @ApiProperty({ description: 'false: the draft of that period (nothing published)' }) published!: boolean;
}

export class TrendView {
  @ApiProperty({ enum: ['up', 'down', 'flat'], nullable: true }) direction!: 'up' | 'down' | 'flat' | null;
  @ApiProperty({ type: Number, nullable: true }) change!: number | null;
  @ApiProperty({ type: String, nullable: true }) comparedWith!: string | null;
  @ApiProperty({ type: [TrendPointView], description: 'Most recent first' }) previous!: TrendPointView[];
}

export class ScorecardDraftView {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ description: `A vendor id or '${INTERNAL_TEAM}'` }) party!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiProperty() period!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The weighted composite 0–100; null when no input had figures' }) score!: number | null;
  @ApiProperty({ enum: STANDINGS, nullable: true }) standing!: Standing | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Competition rank among the vendors of the service type (1, 1, 3); null for the internal team or without a score' })
  rank!: number | null;
  @ApiProperty() rankedAmong!: number;
  @ApiProperty({ type: KpiComponentView }) kpi!: KpiComponentView;
  @ApiProperty({ type: SurveyComponentView }) survey!: SurveyComponentView;
  @ApiProperty({ type: ThirdPartyComponentView }) thirdParty!: ThirdPartyComponentView;
  @ApiProperty({ type: WeightsDto }) weights!: WeightsDto;
  @ApiProperty({ type: WeightsDto, description: 'Scaled over the components that had figures' }) appliedWeights!: WeightsDto;
  @ApiProperty({ type: [String], description: 'Components without figures (not counted)' }) missing!: string[];
  @ApiProperty({ type: ThresholdsDto }) thresholds!: ThresholdsDto;
  @ApiProperty({ type: TrendView }) trend!: TrendView;
  @ApiProperty() computedAt!: string;
}

export class ScorecardView extends ScorecardDraftView {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['published', 'superseded'] }) status!: 'published' | 'superseded';
  @ApiProperty() publishedBy!: string;
  @ApiProperty() publishedAt!: string;
  @ApiPropertyOptional({ description: 'The version this one corrects' }) correctionOf?: string;
  @ApiPropertyOptional({ description: 'Why it was corrected' }) reason?: string;
  @ApiPropertyOptional() supersededBy?: string;
  @ApiPropertyOptional() supersededAt?: string;
}

export function draftView(content: ScorecardContent): ScorecardDraftView {
  return {
    agencyId: content.agencyId,
    party: partyKey(content.party),
    serviceType: content.serviceType,
    period: content.period.key,
    score: content.score,
    standing: content.standing,
    rank: content.rank,
    rankedAmong: content.rankedAmong,
    kpi: content.kpi,
    survey: content.survey,
    thirdParty: content.thirdParty,
    weights: content.weights,
    appliedWeights: content.appliedWeights,
    missing: content.missing,
    thresholds: content.thresholds,
    trend: content.trend,
    computedAt: content.computedAt.toISOString(),
  };
}

export function scorecardView(scorecard: Scorecard): ScorecardView {
  return {
    id: scorecard.id,
    ...draftView(scorecard),
    version: scorecard.version,
    status: scorecard.status,
    publishedBy: scorecard.publishedBy,
    publishedAt: scorecard.publishedAt.toISOString(),
    ...(scorecard.correctionOf ? { correctionOf: scorecard.correctionOf } : {}),
    ...(scorecard.reason ? { reason: scorecard.reason } : {}),
    ...(scorecard.supersededBy ? { supersededBy: scorecard.supersededBy } : {}),
    ...(scorecard.supersededAt ? { supersededAt: scorecard.supersededAt.toISOString() } : {}),
  };
}
