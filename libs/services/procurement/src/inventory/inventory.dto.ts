import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MOVEMENT_KINDS, MovementKind, STOCK_ITEM_CODE, StockItem, StoreRoom } from './domain/stock';

/** Upper bound of one quantity or count; far above any store room, well inside a PostgreSQL integer. */
const MAX_QUANTITY = 1_000_000;
/** Upper bound of a unit cost: 1,000,000 yuan. */
const MAX_UNIT_COST_FEN = 100_000_000;

export class OpenStoreRoomDto {
  @ApiProperty({ description: 'Unique in the agency', example: '一号库房' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: '2号楼地下一层' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  location?: string;
}

export class CatalogueStockItemDto {
  @ApiProperty({ description: 'Unique in the agency; stored in upper case', example: 'A4-PAPER' })
  @IsString()
  @Matches(STOCK_ITEM_CODE, { message: 'code must be 1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  code!: string;

  @ApiProperty({ example: 'A4 复印纸 70g' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'The unit quantities are counted in', example: '箱' })
  @IsString()
  @Length(1, 20)
  unitOfMeasure!: string;

  @ApiProperty({ description: 'Stock on hand (all store rooms) below this is low; 0 never alerts', example: 10, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  lowStockThreshold!: number;

  @ApiProperty({ description: 'Quantity a proposed requisition asks for when stock runs low', example: 50, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  reorderQuantity!: number;
}

export class ReceiveStockDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  storeRoomId!: string;

  @ApiProperty({ example: 40, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;

  @ApiProperty({ description: 'Unit cost in fen (分)', example: 2350, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_UNIT_COST_FEN)
  unitCostFen!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The purchase order the goods were bought on, once purchase orders exist' })
  @IsOptional()
  @IsUUID()
  purchaseOrderId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The goods receipt the goods came with, once receipts exist' })
  @IsOptional()
  @IsUUID()
  receiptId?: string;
}

export class IssueStockDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  storeRoomId!: string;

  @ApiProperty({ example: 5, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity!: number;

  @ApiProperty({ description: 'The department the goods go to', example: 'general-office' })
  @IsString()
  @Length(1, 100)
  departmentId!: string;

  @ApiProperty({ description: 'Who asked for the goods (user id or name)', example: 'staff-0042' })
  @IsString()
  @Length(1, 200)
  requestedBy!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The maintenance work order the goods are for (parts, 备件): stock.issued names it and maintenance records the parts cost on it' })
  @IsOptional()
  @IsUUID()
  workOrderId?: string;
}

export class StocktakeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  storeRoomId!: string;

  @ApiProperty({ description: 'The quantity counted in the store room; becomes its balance', example: 33, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  countedQuantity!: number;

  @ApiProperty({ description: 'Why the count differs (or confirms)', example: 'Two boxes water-damaged' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class StoreRoomView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() location?: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;

  static of(room: StoreRoom): StoreRoomView {
    return {
      id: room.id,
      agencyId: room.agencyId,
      name: room.name,
      ...(room.location ? { location: room.location } : {}),
      createdBy: room.createdBy,
      createdAt: room.createdAt.toISOString(),
    };
  }
}

export class StoreRoomStockView {
  @ApiProperty() storeRoomId!: string;
  @ApiProperty() storeRoomName!: string;
  @ApiProperty() quantity!: number;
}

export class StockItemView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unitOfMeasure!: string;
  @ApiProperty() lowStockThreshold!: number;
  @ApiProperty() reorderQuantity!: number;
  @ApiProperty({ description: 'Stock over all store rooms' }) onHand!: number;
  @ApiProperty({ description: 'On hand below the low-stock threshold' }) low!: boolean;
  @ApiPropertyOptional({ description: 'Unit cost of the last receipt, in fen' }) lastUnitCostFen?: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;

  static of(item: StockItem, stock: { onHand: number; low: boolean; lastUnitCostFen?: number }): StockItemView {
    return {
      id: item.id,
      agencyId: item.agencyId,
      code: item.code,
      name: item.name,
      unitOfMeasure: item.unitOfMeasure,
      lowStockThreshold: item.lowStockThreshold,
      reorderQuantity: item.reorderQuantity,
      onHand: stock.onHand,
      low: stock.low,
      ...(stock.lastUnitCostFen !== undefined ? { lastUnitCostFen: stock.lastUnitCostFen } : {}),
      createdBy: item.createdBy,
      createdAt: item.createdAt.toISOString(),
    };
  }
}

export class StockItemDetailView extends StockItemView {
  @ApiProperty({ type: [StoreRoomStockView], description: 'Stock per store room that ever held the item' }) storeRooms!: StoreRoomStockView[];
}

export class StockMovementView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Order in the ledger' }) position!: number;
  @ApiProperty() stockItemId!: string;
  @ApiProperty() storeRoomId!: string;
  @ApiProperty({ enum: MOVEMENT_KINDS }) kind!: MovementKind;
  @ApiProperty({ description: 'Signed change of the store room balance' }) change!: number;
  @ApiProperty({ description: 'Store room balance after the movement' }) balanceAfter!: number;
  @ApiPropertyOptional({ description: "In fen: a receipt's unit cost; for an issue, the value put on each unit (the last receipt's unit cost)" }) unitCostFen?: number;
  @ApiPropertyOptional() purchaseOrderId?: string;
  @ApiPropertyOptional() receiptId?: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiPropertyOptional() requestedBy?: string;
  @ApiPropertyOptional({ description: 'For an issue: the maintenance work order the parts were for (its parts cost there)' }) workOrderId?: string;
  @ApiPropertyOptional() countedQuantity?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}
