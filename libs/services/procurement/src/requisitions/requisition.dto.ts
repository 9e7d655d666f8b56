import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../budgets/domain/budget';
import { MAX_FEN } from '../budgets/domain/money';
import { SERVICE_CATEGORIES, ServiceCategory } from '../vendors/domain/vendor';
import { APPROVER_ROLES, ApproverRole, PROCUREMENT_METHODS, ProcurementMethod } from './domain/approval-policy';
import { MAX_LINES, MAX_QUANTITY, REQUISITION_STATUSES, Requisition, RequisitionStatus, currentStep } from './domain/requisition';

export class RequisitionLineDto {
  @ApiPropertyOptional({ description: 'Catalogue item code; give it or a description', example: 'OFF-PAPER-A4' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  itemCode?: string;

  @ApiPropertyOptional({ description: 'What is needed, in free text; give it or an item code', example: 'A4 copy paper, 80 g/m², box of 5 reams' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiProperty({ example: 40 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;

  @ApiProperty({ description: 'Estimated price of one unit, in fen (分): 125.00 yuan is 12500', example: 12_500 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  estimatedUnitPrice!: number;
}

export class RaiseRequisitionDto {
  @ApiProperty({ example: 'Office supplies for the first quarter' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ description: 'The requesting department', example: 'general-office' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  departmentId?: string;

  @ApiPropertyOptional({ description: 'Fiscal year whose budget pays; the current year (China Standard Time) when absent', example: 2026 })
  @IsOptional()
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear?: number;

  @ApiProperty({ enum: SERVICE_CATEGORIES, description: 'The budget category that pays', example: 'supplies' })
  @IsIn(SERVICE_CATEGORIES)
  category!: ServiceCategory;

  @ApiProperty({ type: [RequisitionLineDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => RequisitionLineDto)
  lines!: RequisitionLineDto[];
}

export class ApproveRequisitionDto {
  @ApiPropertyOptional({ example: 'Within the quarterly plan' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  comment?: string;

  @ApiPropertyOptional({ description: 'Final step only: commit beyond what is left of the budget (agency-admin), recording why' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  budgetOverrideReason?: string;
}

export class RejectRequisitionDto {
  @ApiProperty({ example: 'Stock on hand covers the quarter' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class WithdrawRequisitionDto {
  @ApiPropertyOptional({ example: 'Bought through the framework agreement instead' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class RequisitionLineView {
  @ApiPropertyOptional() itemCode?: string;
  @ApiProperty() description!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ description: 'Fen' }) estimatedUnitPrice!: number;
  @ApiProperty({ description: 'Fen: quantity × estimatedUnitPrice' }) estimatedTotal!: number;
}

export class ApprovalStepView {
  @ApiProperty({ enum: APPROVER_ROLES }) role!: ApproverRole;
  @ApiPropertyOptional() approvedBy?: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional() comment?: string;
}

export class CurrentStepView {
  @ApiProperty({ description: '1-based' }) step!: number;
  @ApiProperty({ enum: APPROVER_ROLES }) role!: ApproverRole;
}

export class RejectionView {
  @ApiProperty() rejectedBy!: string;
  @ApiProperty() rejectedAt!: string;
  @ApiProperty() reason!: string;
}

export class WithdrawalView {
  @ApiProperty() withdrawnBy!: string;
  @ApiProperty() withdrawnAt!: string;
  @ApiPropertyOptional() reason?: string;
}

export class RequisitionView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() requestedBy!: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiProperty() title!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category!: ServiceCategory;
  @ApiProperty({ type: [RequisitionLineView] }) lines!: RequisitionLineView[];
  @ApiProperty({ description: 'Estimated total, in fen' }) total!: number;
  @ApiProperty({ enum: REQUISITION_STATUSES }) status!: RequisitionStatus;
  @ApiProperty({ type: [ApprovalStepView], description: 'The approval chain, fixed at submission' }) steps!: ApprovalStepView[];
  @ApiPropertyOptional({ type: CurrentStepView, description: 'The step awaiting approval, while submitted' }) currentStep?: CurrentStepView;
  @ApiPropertyOptional({ enum: PROCUREMENT_METHODS, description: 'Set on final approval, by amount' }) procurementMethod?: ProcurementMethod;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() submittedAt?: string;
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional({ type: RejectionView }) rejection?: RejectionView;
  @ApiPropertyOptional({ type: WithdrawalView }) withdrawal?: WithdrawalView;

  static of(requisition: Requisition): RequisitionView {
    const current = currentStep(requisition);
    return {
      id: requisition.id,
      agencyId: requisition.agencyId,
      requestedBy: requisition.requestedBy,
      ...(requisition.departmentId ? { departmentId: requisition.departmentId } : {}),
      title: requisition.title,
      fiscalYear: requisition.fiscalYear,
      category: requisition.category,
      lines: requisition.lines.map((line) => ({ ...line })),
      total: requisition.total,
      status: requisition.status,
      steps: requisition.steps.map((step) => ({
        role: step.role,
        ...(step.approvedBy ? { approvedBy: step.approvedBy } : {}),
        ...(step.approvedAt ? { approvedAt: step.approvedAt.toISOString() } : {}),
        ...(step.comment ? { comment: step.comment } : {}),
      })),
      ...(current ? { currentStep: { step: current.index + 1, role: current.step.role } } : {}),
      ...(requisition.procurementMethod ? { procurementMethod: requisition.procurementMethod } : {}),
      createdAt: requisition.createdAt.toISOString(),
      ...(requisition.submittedAt ? { submittedAt: requisition.submittedAt.toISOString() } : {}),
      ...(requisition.approvedAt ? { approvedAt: requisition.approvedAt.toISOString() } : {}),
      ...(requisition.rejection
        ? { rejection: { rejectedBy: requisition.rejection.by, rejectedAt: requisition.rejection.at.toISOString(), reason: requisition.rejection.reason } }
        : {}),
      ...(requisition.withdrawal
        ? {
            withdrawal: {
              withdrawnBy: requisition.withdrawal.by,
              withdrawnAt: requisition.withdrawal.at.toISOString(),
              ...(requisition.withdrawal.reason ? { reason: requisition.withdrawal.reason } : {}),
            },
          }
        : {}),
    };
  }
}
