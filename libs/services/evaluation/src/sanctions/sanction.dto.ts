import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { OFFENCE_KINDS, OffenceKind } from './domain/offence';
import { PROPOSAL_STATUSES, ProposalStatus, SanctionProposal } from './domain/proposal';
import { REINSTATEMENT_CAUSES, ReinstatementCause, SANCTION_STATUSES, Sanction, SanctionStatus, inForce } from './domain/sanction';
import { MAX_SUSPENSION_DAYS, MAX_WINDOW_DAYS, SANCTION_MEASURES, SanctionMeasure, SanctionRule, ruleKey } from './domain/sanction-rules';
import type { RuleSetView } from './sanctions.service';

export class SanctionRuleDto {
  @ApiProperty({ enum: OFFENCE_KINDS, description: 'What is counted: penalty points summed, or failing scorecards, overdue rectifications, upheld complaints counted' })
  @IsIn(OFFENCE_KINDS)
  offence!: OffenceKind;

  @ApiProperty({ description: 'N: the rule fires at N or more in the window (N − 1 does not)', minimum: 1, example: 12 })
  @IsInt()
  @Min(1)
  @Max(10000)
  threshold!: number;

  @ApiProperty({ description: 'D: the rolling window (t − D days, t], in days', minimum: 1, maximum: MAX_WINDOW_DAYS, example: 365 })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  windowDays!: number;

  @ApiProperty({ enum: SANCTION_MEASURES, description: 'What the rule proposes (the ladder may raise it one step)' })
  @IsIn(SANCTION_MEASURES)
  measure!: SanctionMeasure;

  @ApiPropertyOptional({ description: "P: a suspension's period in days (suspension only)", minimum: 1, maximum: MAX_SUSPENSION_DAYS, example: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SUSPENSION_DAYS)
  suspensionDays?: number;
}

export class SanctionLadderDto {
  @ApiProperty({ description: 'A sanction decided within this many days raises the next proposal one step (警告 → 暂停 → 黑名单)', example: 365 })
  @IsInt()
  @Min(1)
  @Max(MAX_WINDOW_DAYS)
  windowDays!: number;

  @ApiProperty({ description: 'The period of a suspension the ladder raised a warning to, in days', example: 30 })
  @IsInt()
  @Min(1)
  @Max(MAX_SUSPENSION_DAYS)
  suspensionDays!: number;
}

export class PutSanctionRulesDto {
  @ApiProperty({ type: [SanctionRuleDto], description: 'The rules; an empty list proposes nothing' })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => SanctionRuleDto)
  rules!: SanctionRuleDto[];

  @ApiProperty({ type: SanctionLadderDto })
  @ValidateNested()
  @Type(() => SanctionLadderDto)
  ladder!: SanctionLadderDto;

  @ApiProperty({ description: "Opt in to sanctions applied without a human: every proposal is confirmed at once by 'system'" })
  @IsBoolean()
  automatic!: boolean;
}

export class ConfirmProposalDto {
  @ApiPropertyOptional({ description: 'Why (required when the period is changed)', example: '首次暂停，缩短为 7 天。' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;

  @ApiPropertyOptional({ description: "Suspension only: its start (default now; never in the past)", example: '2026-12-07T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: "Suspension only: its end (default the start plus the rule's period; never later)", example: '2026-12-14T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

export class ReasonDto {
  @ApiProperty({ example: '两次超时因大楼停电，非供应商责任。' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class SanctionRuleView {
  @ApiProperty({ description: "The rule's stable name, e.g. penalty-points>=12/365d:suspension-30d" }) key!: string;
  @ApiProperty({ enum: OFFENCE_KINDS }) offence!: OffenceKind;
  @ApiProperty() threshold!: number;
  @ApiProperty() windowDays!: number;
  @ApiProperty({ enum: SANCTION_MEASURES }) measure!: SanctionMeasure;
  @ApiPropertyOptional() suspensionDays?: number;

  static of(rule: SanctionRule): SanctionRuleView {
    return { key: ruleKey(rule), ...rule };
  }
}

export class SanctionRulesView {
  @ApiProperty({ type: [SanctionRuleView] }) rules!: SanctionRuleView[];
  @ApiProperty({ type: SanctionLadderDto }) ladder!: SanctionLadderDto;
  @ApiProperty() automatic!: boolean;
  @ApiProperty({ enum: ['agency', 'default'], description: "The agency's own rules, or the platform's defaults" }) source!: 'agency' | 'default';
  @ApiPropertyOptional() updatedBy?: string;
  @ApiPropertyOptional() updatedAt?: string;

  static of(view: RuleSetView): SanctionRulesView {
    return {
      rules: view.rules.map(SanctionRuleView.of),
      ladder: view.ladder,
      automatic: view.automatic,
      source: view.source,
      ...(view.updatedBy ? { updatedBy: view.updatedBy } : {}),
      ...(view.updatedAt ? { updatedAt: view.updatedAt.toISOString() } : {}),
    };
  }
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) offenceId!: string;
  @ApiProperty({ enum: OFFENCE_KINDS }) kind!: OffenceKind;
  @ApiProperty({ description: 'What the offence was recorded from: the violation, the notice, the complaint, or the scorecard series (serviceType:period)' }) sourceRef!: string;
  @ApiProperty({ description: 'Penalty points, or 1' }) weight!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() description!: string;
}

export class SanctionProposalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) vendorId!: string;
  @ApiProperty({ type: SanctionRuleView }) rule!: SanctionRuleView;
  @ApiProperty({ enum: SANCTION_MEASURES }) measure!: SanctionMeasure;
  @ApiPropertyOptional() suspensionDays?: number;
  @ApiPropertyOptional({ enum: SANCTION_MEASURES, description: "The earlier sanction that raised the rule's measure one step" }) escalatedFrom?: SanctionMeasure;
  @ApiProperty({ description: 'The measured figure: points summed or offences counted in the window' }) figure!: number;
  @ApiProperty() threshold!: number;
  @ApiProperty() windowDays!: number;
  @ApiProperty({ type: [EvidenceView] }) evidence!: EvidenceView[];
  @ApiProperty({ format: 'uuid', description: 'The offence that made the figure reach the threshold' }) triggeredBy!: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: ProposalStatus;
  @ApiProperty() proposedAt!: string;
  @ApiPropertyOptional({ description: "A user id, or 'system' for an agency with automatic sanctions" }) decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decisionReason?: string;
  @ApiPropertyOptional({ format: 'uuid' }) sanctionId?: string;

  static of(proposal: SanctionProposal): SanctionProposalView {
    return {
      id: proposal.id,
      vendorId: proposal.vendorId,
      rule: SanctionRuleView.of(proposal.rule),
      measure: proposal.measure,
      ...(proposal.suspensionDays !== undefined ? { suspensionDays: proposal.suspensionDays } : {}),
      ...(proposal.escalatedFrom ? { escalatedFrom: proposal.escalatedFrom } : {}),
      figure: proposal.figure,
      threshold: proposal.threshold,
      windowDays: proposal.windowDays,
      evidence: proposal.evidence.map((item) => ({ ...item, occurredAt: item.occurredAt.toISOString() })),
      triggeredBy: proposal.triggeredBy,
      status: proposal.status,
      proposedAt: proposal.proposedAt.toISOString(),
      ...(proposal.decidedBy ? { decidedBy: proposal.decidedBy } : {}),
      ...(proposal.decidedAt ? { decidedAt: proposal.decidedAt.toISOString() } : {}),
      ...(proposal.decisionReason ? { decisionReason: proposal.decisionReason } : {}),
      ...(proposal.sanctionId ? { sanctionId: proposal.sanctionId } : {}),
    };
  }
}

export class SanctionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) vendorId!: string;
  @ApiProperty({ format: 'uuid' }) proposalId!: string;
  @ApiProperty() rule!: string;
  @ApiProperty({ enum: SANCTION_MEASURES }) measure!: SanctionMeasure;
  @ApiProperty() reason!: string;
  @ApiProperty() from!: string;
  @ApiPropertyOptional({ description: 'Suspension only' }) until?: string;
  @ApiProperty({ enum: SANCTION_STATUSES, description: 'issued (a warning), active, ended (its period ran out) or lifted (early)' }) status!: SanctionStatus;
  @ApiProperty({ description: 'Whether it bars the vendor now (a suspension past its end no longer does, even before the sweep records it)' }) inForce!: boolean;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ type: [String], description: 'The offences it punished' }) evidence!: string[];
  @ApiPropertyOptional() endedAt?: string;
  @ApiPropertyOptional({ enum: REINSTATEMENT_CAUSES }) endCause?: ReinstatementCause;
  @ApiPropertyOptional() liftedBy?: string;
  @ApiPropertyOptional() liftReason?: string;

  static of(sanction: Sanction, now: Date): SanctionView {
    return {
      id: sanction.id,
      vendorId: sanction.vendorId,
      proposalId: sanction.proposalId,
      rule: sanction.ruleKey,
      measure: sanction.measure,
      reason: sanction.reason,
      from: sanction.from.toISOString(),
      ...(sanction.until ? { until: sanction.until.toISOString() } : {}),
      status: sanction.status,
      inForce: inForce(sanction, now),
      decidedBy: sanction.decidedBy,
      decidedAt: sanction.decidedAt.toISOString(),
      evidence: sanction.evidence,
      ...(sanction.endedAt ? { endedAt: sanction.endedAt.toISOString() } : {}),
      ...(sanction.endCause ? { endCause: sanction.endCause } : {}),
      ...(sanction.liftedBy ? { liftedBy: sanction.liftedBy } : {}),
      ...(sanction.liftReason ? { liftReason: sanction.liftReason } : {}),
    };
  }
}

export class ConfirmedView {
  @ApiProperty({ type: SanctionProposalView }) proposal!: SanctionProposalView;
  @ApiProperty({ type: SanctionView }) sanction!: SanctionView;
}
