import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../budgets/domain/budget';
import { MAX_FEN } from '../budgets/domain/money';
import { MAX_LINES, MAX_QUANTITY } from '../requisitions/domain/requisition';
import { SERVICE_CATEGORIES, ServiceCategory } from '../vendors/domain/vendor';
import { CALENDAR_DATE, DeliveryPerformance, PURCHASE_ORDER_STATUSES, PurchaseOrder, PurchaseOrderStatus, ReceiptLine, ThreeWayMatch } from './domain/purchase-order';

const DATE_MESSAGE = { message: '$property must be a calendar date YYYY-MM-DD' };

export class OrderLineDto {
  @ApiPropertyOptional({ description: "What is ordered; the requisition's line at the same position when absent", example: 'A4 copy paper, box of 5 reams' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The inventory stock item the goods are received into' })
  @IsOptional()
  @IsUUID()
  stockItemId?: string;

  @ApiPropertyOptional({ example: 40, description: "The requisition's line quantity when absent" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;

  @ApiPropertyOptional({ description: "Fen per unit; the requisition's estimate when absent", example: 2_350 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  unitPrice?: number;

  @ApiProperty({ example: '2026-12-15', description: 'YYYY-MM-DD (China Standard Time); a receipt after it is late' })
  @Matches(CALENDAR_DATE, DATE_MESSAGE)
  expectedDeliveryDate!: string;
}

export class CreatePurchaseOrderDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An approved requisition whose procurement method is direct purchase or request for quotation; give it or tenderId' })
  @IsOptional()
  @IsUUID()
  requisitionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "An awarded tender: vendor and total from its award, its requisition (if any) ordered; give it or requisitionId" })
  @IsOptional()
  @IsUUID()
  tenderId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "An active vendor of the registry; required with requisitionId, the award's vendor with tenderId" })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ description: 'A tender without a requisition: the fiscal year whose budget pays; the current year (China Standard Time) when absent', example: 2026 })
  @IsOptional()
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear?: number;

  @ApiPropertyOptional({ type: [OrderLineDto], description: "Absent: the requisition's lines at their estimated prices, due expectedDeliveryDate" })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines?: OrderLineDto[];

  @ApiPropertyOptional({ example: '2026-12-15', description: "Delivery date of the requisition's lines when no lines are given" })
  @IsOptional()
  @Matches(CALENDAR_DATE, DATE_MESSAGE)
  expectedDeliveryDate?: string;

  @ApiPropertyOptional({ description: 'When the order costs more than the requisition and the budget cannot hold the difference: commit anyway (agency-admin), recording why' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  budgetOverrideReason?: string;
}

export class CancelPurchaseOrderDto {
  @ApiProperty({ example: 'The vendor cannot deliver before the end of the fiscal year' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ReceiptLineDto {
  @ApiProperty({ description: 'The order line, 1-based', example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_LINES)
  line!: number;

  @ApiProperty({ example: 38 })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  accepted!: number;

  @ApiProperty({ example: 2, description: 'Returned to the vendor; does not use up the order' })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  rejected!: number;

  @ApiPropertyOptional({ example: 'Two boxes water-damaged', description: 'Required when anything is rejected' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  inspectionNotes?: string;
}

export class RecordReceiptDto {
  @ApiProperty({ example: '2026-12-14', description: 'YYYY-MM-DD (China Standard Time); not after today' })
  @Matches(CALENDAR_DATE, DATE_MESSAGE)
  receivedDate!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Where accepted goods of stock-item lines are stored; required when such a line is accepted' })
  @IsOptional()
  @IsUUID()
  storeRoomId?: string;

  @ApiProperty({ type: [ReceiptLineDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => ReceiptLineDto)
  lines!: ReceiptLineDto[];
}

export class RecordInvoiceDto {
  @ApiProperty({ example: '44031234-00012345', description: "The vendor's invoice (发票) number; once per vendor" })
  @IsString()
  @Length(1, 64)
  invoiceNumber!: string;

  @ApiProperty({ description: 'Fen', example: 396_000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amount!: number;

  @ApiProperty({ example: '2026-12-20' })
  @Matches(CALENDAR_DATE, DATE_MESSAGE)
  invoiceDate!: string;
}

export class PurchaseOrderLineView {
  @ApiProperty({ description: '1-based' }) line!: number;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ format: 'uuid' }) stockItemId?: string;
  @ApiProperty() quantity!: number;
  @ApiProperty({ description: 'Fen' }) unitPrice!: number;
  @ApiProperty({ description: 'Fen: quantity × unitPrice' }) total!: number;
  @ApiProperty({ example: '2026-12-15' }) expectedDeliveryDate!: string;
  @ApiProperty({ description: 'Accepted over all receipts' }) accepted!: number;
  @ApiProperty({ description: 'Rejected over all receipts' }) rejected!: number;
}

export class CancellationView {
  @ApiProperty() cancelledBy!: string;
  @ApiProperty() cancelledAt!: string;
  @ApiProperty() reason!: string;
}

export class BudgetOverrideView {
  @ApiProperty() overriddenBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Fen beyond what the budget had available' }) overspend!: number;
}

export class PurchaseOrderView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() vendorId!: string;
  @ApiPropertyOptional() requisitionId?: string;
  @ApiPropertyOptional() tenderId?: string;
  @ApiProperty() budgetId!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ enum: SERVICE_CATEGORIES }) category!: ServiceCategory;
  @ApiProperty({ type: [PurchaseOrderLineView] }) lines!: PurchaseOrderLineView[];
  @ApiProperty({ description: 'Fen' }) total!: number;
  @ApiProperty({ description: 'Fen the budget still holds for the order' }) committed!: number;
  @ApiProperty({ description: 'Fen of accepted goods, spent on the budget' }) spent!: number;
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES }) status!: PurchaseOrderStatus;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() placedAt?: string;
  @ApiPropertyOptional({ type: CancellationView }) cancellation?: CancellationView;
  @ApiPropertyOptional({ type: BudgetOverrideView, description: 'Present when an agency admin let the order go beyond what its budget had available' }) budgetOverride?: BudgetOverrideView;

  static of(order: PurchaseOrder): PurchaseOrderView {
    return {
      id: order.id,
      agencyId: order.agencyId,
      vendorId: order.vendorId,
      ...(order.requisitionId ? { requisitionId: order.requisitionId } : {}),
      ...(order.tenderId ? { tenderId: order.tenderId } : {}),
      budgetId: order.budgetId,
      fiscalYear: order.fiscalYear,
      category: order.category,
      lines: order.lines.map((line) => ({ ...line })),
      total: order.total,
      committed: order.committed,
      spent: order.spent,
      status: order.status,
      createdBy: order.createdBy,
      createdAt: order.createdAt.toISOString(),
      ...(order.placedAt ? { placedAt: order.placedAt.toISOString() } : {}),
      ...(order.cancellation ? { cancellation: { cancelledBy: order.cancellation.by, cancelledAt: order.cancellation.at.toISOString(), reason: order.cancellation.reason } } : {}),
      ...(order.budgetOverride ? { budgetOverride: { overriddenBy: order.budgetOverride.by, reason: order.budgetOverride.reason, overspend: order.budgetOverride.overspend } } : {}),
    };
  }
}

export class ReceiptLineView {
  @ApiProperty() line!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiPropertyOptional() inspectionNotes?: string;
  @ApiPropertyOptional({ format: 'uuid' }) stockItemId?: string;
  @ApiProperty({ description: 'Fen' }) unitPrice!: number;
  @ApiProperty({ description: 'Fen: accepted × unitPrice' }) acceptedValue!: number;
  @ApiProperty() expectedDeliveryDate!: string;
  @ApiProperty({ description: 'Received on or before the expected date' }) onTime!: boolean;
}

export class ReceiptView {
  @ApiProperty() id!: string;
  @ApiProperty() purchaseOrderId!: string;
  @ApiProperty() receivedDate!: string;
  @ApiProperty() onTime!: boolean;
  @ApiProperty({ type: [ReceiptLineView] }) lines!: ReceiptLine[];
  @ApiProperty({ description: 'Fen moved from committed to spent' }) acceptedValue!: number;
  @ApiPropertyOptional({ format: 'uuid' }) storeRoomId?: string;
  @ApiProperty() receivedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: PurchaseOrderView, description: 'The order after the receipt' }) order!: PurchaseOrderView;
}

export class MatchDifferencesView {
  @ApiProperty({ description: 'Fen: invoiced − received' }) invoicedLessReceived!: number;
  @ApiProperty({ description: 'Fen: invoiced − ordered' }) invoicedLessOrdered!: number;
}

export class ThreeWayMatchView {
  @ApiProperty({ enum: ['matched', 'mismatch'] }) match!: ThreeWayMatch['match'];
  @ApiProperty({ description: "Fen: the order's total" }) ordered!: number;
  @ApiProperty({ description: 'Fen: accepted value of all receipts' }) received!: number;
  @ApiProperty({ description: "Fen: all the order's invoices, this one included" }) invoiced!: number;
  @ApiProperty({ type: MatchDifferencesView }) differences!: MatchDifferencesView;
  @ApiProperty({ type: [String], enum: ['invoiced-more-than-received', 'invoiced-less-than-received', 'invoiced-more-than-ordered'] }) reasons!: string[];
}

export class InvoiceView {
  @ApiProperty() id!: string;
  @ApiProperty() purchaseOrderId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty({ description: 'Fen' }) amount!: number;
  @ApiProperty() invoiceDate!: string;
  @ApiProperty({ enum: ['matched', 'mismatch'], description: 'The three-way match, exact to the fen' }) match!: ThreeWayMatch['match'];
  @ApiProperty({ type: ThreeWayMatchView }) matchDetail!: ThreeWayMatchView;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class DeliveryPerformanceView {
  @ApiProperty() vendorId!: string;
  @ApiProperty({ description: 'Receipts against the vendor’s orders' }) receipts!: number;
  @ApiProperty({ description: 'Receipts on or before every line’s expected date' }) onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'onTime / receipts to 4 places; null before the first receipt' }) onTimeRate!: number | null;

  static of(vendorId: string, performance: DeliveryPerformance): DeliveryPerformanceView {
    return { vendorId, ...performance };
  }
}
