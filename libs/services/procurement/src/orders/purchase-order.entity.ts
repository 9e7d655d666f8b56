import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenColumn } from '../budgets/budget.entity';
import type { ServiceCategory } from '../vendors/domain/vendor';
import type { PurchaseOrderLine, PurchaseOrderStatus, ReceiptLine, ThreeWayMatch } from './domain/purchase-order';

/** Name of the unique index the migration creates: one order per requisition. */
export const PURCHASE_ORDER_REQUISITION_UNIQUE = 'purchase_order_requisition_unique';
/** Name of the unique index the migration creates: one order per tender. */
export const PURCHASE_ORDER_TENDER_UNIQUE = 'purchase_order_tender_unique';
/** Name of the unique index the migration creates: a vendor's invoice number once per agency. */
export const INVOICE_NUMBER_UNIQUE = 'purchase_order_invoice_number_unique';

@Entity({ name: 'purchase_order' })
@Index(PURCHASE_ORDER_REQUISITION_UNIQUE, ['requisitionId'], { unique: true })
@Index(PURCHASE_ORDER_TENDER_UNIQUE, ['tenderId'], { unique: true })
export class PurchaseOrderRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId!: string;

  @Column('uuid', { name: 'requisition_id', nullable: true })
  requisitionId!: string | null;

  @Column('uuid', { name: 'tender_id', nullable: true })
  tenderId!: string | null;

  @Column('uuid', { name: 'budget_id' })
  budgetId!: string;

  @Column('integer', { name: 'fiscal_year' })
  fiscalYear!: number;

  @Column('text')
  category!: ServiceCategory;

  @Column('jsonb')
  lines!: PurchaseOrderLine[];

  @Column('bigint', { transformer: fenColumn })
  total!: number;

  @Column('bigint', { transformer: fenColumn })
  committed!: number;

  @Column('bigint', { transformer: fenColumn })
  spent!: number;

  @Column('text')
  status!: PurchaseOrderStatus;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'placed_at', nullable: true })
  placedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  cancellation!: { by: string; at: string; reason: string } | null;

  @Column('jsonb', { name: 'budget_override', nullable: true })
  budgetOverride!: { by: string; reason: string; overspend: number } | null;

  @Column('integer', { default: 1 })
  version!: number;
}

@Entity({ name: 'purchase_order_receipt' })
export class PurchaseOrderReceiptRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'purchase_order_id' })
  purchaseOrderId!: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId!: string;

  @Column('date', { name: 'received_date' })
  receivedDate!: string;

  @Column('boolean', { name: 'on_time' })
  onTime!: boolean;

  @Column('jsonb')
  lines!: ReceiptLine[];

  @Column('bigint', { name: 'accepted_value', transformer: fenColumn })
  acceptedValue!: number;

  @Column('uuid', { name: 'store_room_id', nullable: true })
  storeRoomId!: string | null;

  @Column('text', { name: 'received_by' })
  receivedBy!: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}

@Entity({ name: 'purchase_order_invoice' })
@Index(INVOICE_NUMBER_UNIQUE, ['agencyId', 'vendorId', 'invoiceNumber'], { unique: true })
export class PurchaseOrderInvoiceRecord {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'agency_id' })
  agencyId!: string;

  @Column('uuid', { name: 'purchase_order_id' })
  purchaseOrderId!: string;

  @Column('uuid', { name: 'vendor_id' })
  vendorId!: string;

  @Column('text', { name: 'invoice_number' })
  invoiceNumber!: string;

  @Column('bigint', { transformer: fenColumn })
  amount!: number;

  @Column('date', { name: 'invoice_date' })
  invoiceDate!: string;

  @Column('text')
  match!: ThreeWayMatch['match'];

  @Column('jsonb', { name: 'match_detail' })
  matchDetail!: ThreeWayMatch;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
