import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_FEN } from '../budgets/domain/money';
import { APPROVER_ROLES, ApprovalPolicy, ApproverRole } from './domain/approval-policy';

export class ApprovalTierDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Inclusive ceiling in fen; null for the last, open-ended tier', example: 5_000_000 })
  @ValidateIf((tier: ApprovalTierDto) => tier.upTo !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  upTo!: number | null;

  @ApiProperty({ enum: APPROVER_ROLES, isArray: true, description: 'The roles that approve, in order', example: ['approver'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(APPROVER_ROLES.length)
  @ArrayUnique()
  @IsIn(APPROVER_ROLES, { each: true })
  steps!: ApproverRole[];
}

export class MethodThresholdsDto {
  @ApiProperty({ description: 'Below this many fen: direct purchase (直接采购)', example: 5_000_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  directPurchaseBelow!: number;

  @ApiProperty({ description: 'Below this many fen: request for quotation (询价); from it on: open tender (公开招标)', example: 100_000_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  requestForQuotationBelow!: number;
}

export class ApprovalPolicyDto {
  @ApiProperty({ type: [ApprovalTierDto], description: 'Ascending ceilings; the last tier has upTo null' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ApprovalTierDto)
  tiers!: ApprovalTierDto[];

  @ApiProperty({ type: MethodThresholdsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MethodThresholdsDto)
  methodThresholds!: MethodThresholdsDto;
}

export class ApprovalPolicyView {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ type: [ApprovalTierDto] }) tiers!: ApprovalTierDto[];
  @ApiProperty({ type: MethodThresholdsDto }) methodThresholds!: MethodThresholdsDto;
  @ApiProperty({ description: 'True while the agency has set no policy of its own and the platform default applies' }) isDefault!: boolean;
  @ApiPropertyOptional() updatedBy?: string;
  @ApiPropertyOptional() updatedAt?: string;

  static of(agencyId: string, policy: ApprovalPolicy, set?: { updatedBy: string; updatedAt: Date }): ApprovalPolicyView {
    return {
      agencyId,
      tiers: policy.tiers.map((tier) => ({ upTo: tier.upTo, steps: [...tier.steps] })),
      methodThresholds: { ...policy.methodThresholds },
      isDefault: set === undefined,
      ...(set ? { updatedBy: set.updatedBy, updatedAt: set.updatedAt.toISOString() } : {}),
    };
  }
}
