import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CostKind } from './domain/work-order-cost';

/** PostgreSQL bigint arrives as a string; amounts stay far inside Number.MAX_SAFE_INTEGER. */
const fen = { to: (value: number | null) => value, from: (value: string | number | null) => (value === null ? null : Number(value)) };

/** One cost line of a work order; never deleted, voided with a reason instead (a trigger enforces both). */
@Entity({ name: 'work_order_cost_line' })
export class WorkOrderCostLineRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'work_order_id' }) workOrderId!: string;
  @Column('text') kind!: CostKind;
  @Column('text') description!: string;
  @Column('bigint', { name: 'amount_fen', transformer: fen }) amountFen!: number;
  @Column('text', { nullable: true }) worker!: string | null;
  @Column('integer', { nullable: true }) minutes!: number | null;
  @Column('integer', { name: 'hourly_rate_fen', nullable: true }) hourlyRateFen!: number | null;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('uuid', { name: 'movement_id', nullable: true }) movementId!: string | null;
  @Column('uuid', { name: 'stock_item_id', nullable: true }) stockItemId!: string | null;
  @Column('text', { name: 'item_code', nullable: true }) itemCode!: string | null;
  @Column('uuid', { name: 'store_room_id', nullable: true }) storeRoomId!: string | null;
  @Column('integer', { nullable: true }) quantity!: number | null;
  @Column('bigint', { name: 'unit_cost_fen', nullable: true, transformer: fen }) unitCostFen!: number | null;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'incurred_at' }) incurredAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('text', { name: 'voided_by', nullable: true }) voidedBy!: string | null;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt!: Date | null;
  @Column('text', { name: 'void_reason', nullable: true }) voidReason!: string | null;
}

/**
 * A procurement issue naming a work order maintenance does not know in the issuing agency: kept
 * here (not lost, never dead-lettered) for an operator to look into.
 */
@Entity({ name: 'work_order_cost_unmatched_issue' })
export class UnmatchedPartsIssueRecord {
  @PrimaryColumn('uuid', { name: 'movement_id' }) movementId!: string;
  @Column('text', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'work_order_id' }) workOrderId!: string;
  @Column('uuid', { name: 'stock_item_id' }) stockItemId!: string;
  @Column('text', { name: 'item_code' }) itemCode!: string;
  @Column('uuid', { name: 'store_room_id' }) storeRoomId!: string;
  @Column('integer') quantity!: number;
  @Column('bigint', { name: 'unit_cost_fen', nullable: true, transformer: fen }) unitCostFen!: number | null;
  @Column('bigint', { name: 'value_fen', nullable: true, transformer: fen }) valueFen!: number | null;
  @Column('text', { name: 'issued_by' }) issuedBy!: string;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
}
