import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { SERVICE_CATEGORIES, ServiceCategory } from '../vendors/domain/vendor';
import { RankedBid } from './domain/scoring';
import { MAX_PUBLICATION_DAYS, SUB_CRITERION_KINDS, SubCriterionKind, TENDER_METHODS, TENDER_STATUSES, Tender, TenderMethod, TenderStatus } from './domain/tender';

export class SubCriterionDto {
  @ApiProperty({ example: 'staffing plan' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxPoints!: number;

  @ApiPropertyOptional({
    enum: SUB_CRITERION_KINDS,
    description: "committee (default): the committee scores it; past-performance (履约评价): the vendor's latest published scorecard score as a share of maxPoints (half of them without one), nobody scores it",
  })
  @IsOptional()
  @IsIn(SUB_CRITERION_KINDS)
  kind?: SubCriterionKind;
}

export class WeightsDto {
  @ApiProperty({ example: 40 }) @IsInt() @Min(0) @Max(100) price!: number;
  @ApiProperty({ example: 45 }) @IsInt() @Min(0) @Max(100) technical!: number;
  @ApiProperty({ example: 15 }) @IsInt() @Min(0) @Max(100) service!: number;
}

export class CriteriaDto {
  @ApiProperty({ type: WeightsDto, description: 'Whole points of 100: the three weights must sum to 100' })
  @IsDefined()
  @ValidateNested()
  @Type(() => WeightsDto)
  weights!: WeightsDto;

  @ApiProperty({ type: [SubCriterionDto], description: 'Technical sub-criteria the committee scores (needed when the technical weight is above 0)' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SubCriterionDto)
  technical!: SubCriterionDto[];

  @ApiProperty({ type: [SubCriterionDto], description: 'Service sub-criteria the committee scores (needed when the service weight is above 0)' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SubCriterionDto)
  service!: SubCriterionDto[];
}

export class CreateTenderDto {
  @ApiProperty({ example: '2027 年度办公楼保洁服务' }) @IsString() @Length(1, 200) title!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES, example: 'cleaning' }) @IsIn(SERVICE_CATEGORIES) category!: ServiceCategory;
  @ApiProperty({ enum: TENDER_METHODS, example: 'open-tender' }) @IsIn(TENDER_METHODS) method!: TenderMethod;
  @ApiPropertyOptional({ description: 'The approved requisition this tender buys for (kept for reference)' }) @IsOptional() @IsUUID() requisitionId?: string;

  @ApiProperty({ description: 'Budget ceiling (预算上限) in fen; bids above it are invalid', example: 100000000 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  budgetCeiling!: number;

  @ApiProperty({ type: CriteriaDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CriteriaDto)
  criteria!: CriteriaDto;

  @ApiProperty({ description: 'Bids are accepted until this instant (ISO 8601)', example: '2026-12-20T09:00:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  bidDeadline!: string;

  @ApiProperty({ description: 'Bids are opened (开标) at or after this instant, never before; at or after bidDeadline', example: '2026-12-20T10:00:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  openingAt!: string;

  @ApiProperty({ description: 'Publication period (公示期) of the proposed award, in days', example: 3 })
  @IsInt()
  @Min(0)
  @Max(MAX_PUBLICATION_DAYS)
  publicationDays!: number;
}

export class ReasonDto {
  @ApiProperty({ example: 'Requirements changed' }) @IsString() @Length(1, 1000) reason!: string;
}

export class SubmitBidDto {
  @ApiProperty({ description: 'Price in fen', example: 88000000 }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) price!: number;
  @ApiProperty({ description: 'Technical proposal (技术方案)', example: '12 cleaners on two shifts; HEPA vacuums; 30-minute response' })
  @IsString()
  @Length(1, 20000)
  technicalProposal!: string;
}

export class CommitteeMemberDto {
  @ApiProperty({ example: 'expert-zhang' }) @IsString() @Length(1, 200) userId!: string;
  @ApiProperty({ type: [String], description: 'Vendors the member declares a link to; a member linked to a bidder may score no bid of the tender' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  conflicts!: string[];
}

export class AppointCommitteeDto {
  @ApiProperty({ type: [CommitteeMemberDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => CommitteeMemberDto)
  members!: CommitteeMemberDto[];
}

export class ScoreBidDto {
  @ApiProperty() @IsUUID() bidId!: string;
  @ApiProperty({ description: 'Points per technical sub-criterion, by name', example: { 'staffing plan': 18, equipment: 8 } })
  @IsObject()
  technical!: Record<string, number>;
  @ApiProperty({ description: 'Points per service sub-criterion, by name', example: { 'response commitment': 9 } })
  @IsObject()
  service!: Record<string, number>;
}

export class ResolveObjectionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'], description: 'upheld cancels the tender; dismissed lets the award continue' })
  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';
  @ApiProperty({ example: 'The staff roster was checked against social insurance records' }) @IsString() @Length(1, 2000) note!: string;
}

export class CommitteeMemberView {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: [String] }) conflicts!: string[];
}

export class AwardView {
  @ApiProperty() bidId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty({ description: 'fen' }) price!: number;
  @ApiProperty() total!: number;
  @ApiProperty() proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty() publicationEndsAt!: string;
  @ApiPropertyOptional() awardedBy?: string;
  @ApiPropertyOptional() awardedAt?: string;
}

export class ObjectionView {
  @ApiProperty() id!: string;
  @ApiProperty() raisedBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() raisedAt!: string;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status!: string;
  @ApiPropertyOptional() resolvedBy?: string;
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional() resolvedAt?: string;
}

export class TenderView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category!: ServiceCategory;
  @ApiProperty({ enum: TENDER_METHODS }) method!: TenderMethod;
  @ApiPropertyOptional() requisitionId?: string;
  @ApiProperty({ description: 'fen' }) budgetCeiling!: number;
  @ApiProperty({ type: CriteriaDto }) criteria!: CriteriaDto;
  @ApiProperty() bidDeadline!: string;
  @ApiProperty() openingAt!: string;
  @ApiProperty() publicationDays!: number;
  @ApiProperty({ enum: TENDER_STATUSES }) status!: TenderStatus;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() publishedAt?: string;
  @ApiPropertyOptional() openedAt?: string;
  @ApiProperty({ type: [CommitteeMemberView] }) committee!: CommitteeMemberView[];
  @ApiPropertyOptional({ type: AwardView }) award?: AwardView;
  @ApiProperty({ type: [ObjectionView] }) objections!: ObjectionView[];
  @ApiPropertyOptional() cancellationReason?: string;

  static of(tender: Tender): TenderView {
    return {
      id: tender.id,
      agencyId: tender.agencyId,
      title: tender.title,
      category: tender.category,
      method: tender.method,
      ...(tender.requisitionId ? { requisitionId: tender.requisitionId } : {}),
      budgetCeiling: tender.budgetCeiling,
      criteria: tender.criteria,
      bidDeadline: tender.bidDeadline.toISOString(),
      openingAt: tender.openingAt.toISOString(),
      publicationDays: tender.publicationDays,
      status: tender.status,
      createdBy: tender.createdBy,
      createdAt: tender.createdAt.toISOString(),
      ...(tender.publishedAt ? { publishedAt: tender.publishedAt.toISOString() } : {}),
      ...(tender.openedAt ? { openedAt: tender.openedAt.toISOString() } : {}),
      committee: tender.committee,
      ...(tender.award
        ? {
            award: {
              bidId: tender.award.bidId,
              vendorId: tender.award.vendorId,
              price: tender.award.price,
              total: tender.award.total,
              proposedBy: tender.award.proposedBy,
              proposedAt: tender.award.proposedAt.toISOString(),
              publicationEndsAt: tender.award.publicationEndsAt.toISOString(),
              ...(tender.award.awardedBy ? { awardedBy: tender.award.awardedBy } : {}),
              ...(tender.award.awardedAt ? { awardedAt: tender.award.awardedAt.toISOString() } : {}),
            },
          }
        : {}),
      objections: tender.objections.map((objection) => ({
        id: objection.id,
        raisedBy: objection.raisedBy,
        reason: objection.reason,
        raisedAt: objection.raisedAt.toISOString(),
        status: objection.status,
        ...(objection.resolution ? { resolvedBy: objection.resolution.by, resolution: objection.resolution.note, resolvedAt: objection.resolution.at.toISOString() } : {}),
      })),
      ...(tender.cancellation ? { cancellationReason: tender.cancellation.reason } : {}),
    };
  }
}

export class BidReceiptView {
  @ApiProperty() bidId!: string;
  @ApiProperty() tenderId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of salt + "\\n" + JSON {price, technicalProposal}: keep it to prove what was sealed' }) digest!: string;
  @ApiProperty({ description: 'The salt of the digest; shown to the bidder only, at submission' }) salt!: string;
  @ApiProperty({ description: 'True when this bid replaced the vendor’s earlier one' }) replaced!: boolean;
}

export class BidView {
  @ApiProperty() id!: string;
  @ApiProperty() tenderId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty() digest!: string;
  @ApiProperty({ description: 'False until the tender is opened, and for readers not entitled to the content' }) contentVisible!: boolean;
  @ApiPropertyOptional({ description: 'fen; only once opened, for entitled readers' }) price?: number;
  @ApiPropertyOptional({ description: 'Only once opened, for entitled readers' }) technicalProposal?: string;
}

export class RankedBidView {
  @ApiProperty() rank!: number;
  @ApiProperty() bidId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty({ description: 'fen' }) price!: number;
  @ApiProperty() priceScore!: number;
  @ApiProperty() technicalScore!: number;
  @ApiProperty() serviceScore!: number;
  @ApiProperty() total!: number;
  @ApiPropertyOptional({ description: "With a past-performance sub-criterion: the vendor's latest published scorecard score used (null: none published, half the points) and the points it gave" })
  pastPerformance?: { score: number | null; points: number };

  static of(row: RankedBid): RankedBidView {
    return {
      rank: row.rank,
      bidId: row.bidId,
      vendorId: row.vendorId,
      price: row.price,
      priceScore: row.priceScore,
      technicalScore: row.technicalScore,
      serviceScore: row.serviceScore,
      total: row.total,
      ...(row.pastPerformance ? { pastPerformance: row.pastPerformance } : {}),
    };
  }
}
