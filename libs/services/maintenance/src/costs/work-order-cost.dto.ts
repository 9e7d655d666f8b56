import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { WORK_ORDER_STATUSES } from '../work-orders/domain/work-order';
import {
  COST_KINDS,
  CostFigures,
  CostGroup,
  CostLine,
  CostTotals,
  MAX_EXTRA_AMOUNT_FEN,
  MAX_HOURLY_RATE_FEN,
  MAX_LABOUR_MINUTES,
  SUMMARY_DIMENSIONS,
  SummaryDimension,
  lineFigures,
} from './domain/work-order-cost';

const NOT_BLANK = /\S/;

export class RecordLabourDto {
  @ApiProperty({ description: 'The person or role who did the work', example: '张师傅 (refrigeration technician)', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'worker must not be blank' })
  worker!: string;

  @ApiProperty({ description: 'Whole minutes worked (1.5 h is 90)', example: 90, minimum: 1, maximum: MAX_LABOUR_MINUTES })
  @IsInt()
  @Min(1)
  @Max(MAX_LABOUR_MINUTES)
  minutes!: number;

  @ApiProperty({ description: 'Hourly rate in fen (分); the amount is minutes × rate / 60, rounded half up to the fen', example: 10_000, minimum: 0, maximum: MAX_HOURLY_RATE_FEN })
  @IsInt()
  @Min(0)
  @Max(MAX_HOURLY_RATE_FEN)
  hourlyRateFen!: number;

  @ApiPropertyOptional({ example: 'Refilled refrigerant, replaced the drain pump', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RecordExtraCostDto {
  @ApiProperty({ description: 'What the cost is for (其他费用)', example: 'Scaffolding hire, one day', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  description!: string;

  @ApiProperty({ description: 'Amount in fen (分)', example: 35_000, minimum: 1, maximum: MAX_EXTRA_AMOUNT_FEN })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTRA_AMOUNT_FEN)
  amountFen!: number;
}

export class VoidCostLineDto {
  @ApiProperty({ example: 'Recorded twice; the first line stands.', maxLength: 1000 })
  @IsString()
  @Length(1, 1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class LabourDetailView {
  @ApiProperty() worker!: string;
  @ApiProperty() minutes!: number;
  @ApiProperty() hourlyRateFen!: number;
}

export class PartsDetailView {
  @ApiProperty({ description: "Procurement's stock movement (the issue)" }) movementId!: string;
  @ApiProperty() stockItemId!: string;
  @ApiProperty({ description: 'Item code' }) code!: string;
  @ApiProperty() storeRoomId!: string;
  @ApiProperty() quantity!: number;
  @ApiPropertyOptional({ description: "The item's last receipt price, as procurement valued the issue; absent when it could not (then the amount is 0)" }) unitCostFen?: number;
}

export class CostLineView {
  @ApiProperty() id!: string;
  @ApiProperty() workOrderId!: string;
  @ApiProperty({ enum: COST_KINDS }) kind!: string;
  @ApiProperty({ description: 'Labour: the worker; parts: the item code; extra: what the cost is for' }) description!: string;
  @ApiProperty({ description: 'In fen' }) amountFen!: number;
  @ApiPropertyOptional({ type: LabourDetailView }) labour?: LabourDetailView;
  @ApiPropertyOptional({ type: PartsDetailView }) parts?: PartsDetailView;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'Who recorded it; for parts, who issued them in procurement' }) recordedBy!: string;
  @ApiProperty({ description: 'When the cost arose: the recording, or the issue for parts' }) incurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'Voided lines count in no total' }) voided!: boolean;
  @ApiPropertyOptional() voidedBy?: string;
  @ApiPropertyOptional() voidedAt?: string;
  @ApiPropertyOptional() voidReason?: string;

  static of(line: CostLine): CostLineView {
    return {
      id: line.id,
      workOrderId: line.workOrderId,
      ...lineFigures(line),
      ...(line.note ? { note: line.note } : {}),
      recordedBy: line.recordedBy,
      incurredAt: line.incurredAt.toISOString(),
      recordedAt: line.recordedAt.toISOString(),
      voided: line.voided !== undefined,
      ...(line.voided ? { voidedBy: line.voided.by, voidedAt: line.voided.at.toISOString(), voidReason: line.voided.reason } : {}),
    };
  }
}

export class CostTotalsView {
  @ApiProperty({ description: 'In fen' }) labourFen!: number;
  @ApiProperty({ description: 'In fen' }) partsFen!: number;
  @ApiProperty({ description: 'In fen' }) extraFen!: number;
  @ApiProperty({ description: 'In fen: labour + parts + extra' }) totalFen!: number;

  static of(totals: CostTotals): CostTotalsView {
    return { labourFen: totals.labourFen, partsFen: totals.partsFen, extraFen: totals.extraFen, totalFen: totals.totalFen };
  }
}

export class WorkOrderCostsView {
  @ApiProperty() workOrderId!: string;
  @ApiProperty({ enum: WORK_ORDER_STATUSES }) status!: string;
  @ApiPropertyOptional() assetId?: string;
  @ApiPropertyOptional({ description: 'Absent for the internal team' }) vendorId?: string;
  @ApiProperty({ type: [CostLineView], description: 'Every line, voided ones included, in the order recorded' }) lines!: CostLineView[];
  @ApiProperty({ type: CostTotalsView, description: 'Over the lines not voided' }) totals!: CostTotalsView;
}

export class RecordedCostView {
  @ApiProperty({ type: CostLineView }) line!: CostLineView;
  @ApiProperty({ type: CostTotalsView, description: "The work order's running totals after the change" }) totals!: CostTotalsView;
}

export class CostFiguresView extends CostTotalsView {
  @ApiProperty({ description: 'Work orders with at least one cost counted' }) workOrders!: number;
  @ApiProperty({ description: 'totalFen / workOrders, rounded half up to the fen' }) costPerWorkOrderFen!: number;

  static ofFigures(figures: CostFigures): CostFiguresView {
    return { ...CostTotalsView.of(figures), workOrders: figures.workOrders, costPerWorkOrderFen: figures.costPerWorkOrderFen };
  }
}

export class CostGroupView extends CostFiguresView {
  @ApiProperty({ type: String, nullable: true, description: 'The asset id, the vendor id or the month (YYYY-MM, Asia/Shanghai); null for work orders without an asset, or the internal team' })
  key!: string | null;

  static ofGroup(group: CostGroup): CostGroupView {
    return { key: group.key, ...CostFiguresView.ofFigures(group) };
  }
}

export class CostSummaryView {
  @ApiProperty({ enum: SUMMARY_DIMENSIONS }) by!: SummaryDimension;
  @ApiPropertyOptional({ description: 'First calendar day counted (Asia/Shanghai)' }) from?: string;
  @ApiPropertyOptional({ description: 'Last calendar day counted (Asia/Shanghai)' }) to?: string;
  @ApiProperty({ type: [CostGroupView], description: 'By key; null (no asset, the internal team) last' }) groups!: CostGroupView[];
  @ApiProperty({ type: CostFiguresView, description: 'Every group together; a work order counts once however many groups it appears in' }) overall!: CostFiguresView;
}

export class UnmatchedPartsIssueView {
  @ApiProperty({ description: "Procurement's stock movement (the issue)" }) movementId!: string;
  @ApiProperty({ description: 'The work order the issue named, unknown in this agency' }) workOrderId!: string;
  @ApiProperty() stockItemId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() storeRoomId!: string;
  @ApiProperty() quantity!: number;
  @ApiPropertyOptional() unitCostFen?: number;
  @ApiPropertyOptional() valueFen?: number;
  @ApiProperty() issuedBy!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ description: 'When maintenance received the event' }) receivedAt!: string;
}
