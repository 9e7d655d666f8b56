import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import {
  CatalogueStockItemDto,
  IssueStockDto,
  OpenStoreRoomDto,
  ReceiveStockDto,
  StockItemDetailView,
  StockItemView,
  StockMovementView,
  StocktakeDto,
  StoreRoomView,
} from './inventory.dto';
import { InventoryService } from './inventory.service';

@ApiTags('inventory')
@Controller('store-rooms')
export class StoreRoomsController {
  constructor(private readonly inventory: InventoryService) {}

  @Post()
  @ApiCreatedResponse({ type: StoreRoomView })
  @ApiConflictResponse({ description: 'A store room with this name already exists in the agency' })
  async open(@CurrentCaller() caller: Caller, @Body() body: OpenStoreRoomDto): Promise<StoreRoomView> {
    return StoreRoomView.of(await this.inventory.openStoreRoom(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [StoreRoomView] })
  async list(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<StoreRoomView[]> {
    return (await this.inventory.listStoreRooms(caller, limit)).map(StoreRoomView.of);
  }
}

@ApiTags('inventory')
@Controller('stock-items')
export class StockItemsController {
  constructor(private readonly inventory: InventoryService) {}

  @Post()
  @ApiCreatedResponse({ type: StockItemView, description: 'The item enters the catalogue with no stock.' })
  @ApiConflictResponse({ description: 'A stock item with this code is already catalogued in the agency' })
  async catalogue(@CurrentCaller() caller: Caller, @Body() body: CatalogueStockItemDto): Promise<StockItemView> {
    return this.inventory.catalogue(caller, body);
  }

  @Get()
  @ApiOkResponse({ type: [StockItemView] })
  async list(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<StockItemView[]> {
    return this.inventory.listItems(caller, limit);
  }

  @Get(':id')
  @ApiOkResponse({ type: StockItemDetailView })
  @ApiNotFoundResponse({ description: "No such stock item in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<StockItemDetailView> {
    return this.inventory.getItem(caller, id);
  }

  @Get(':id/movements')
  @ApiOkResponse({ type: [StockMovementView], description: 'The ledger, newest first' })
  @ApiNotFoundResponse({ description: "No such stock item in the caller's agency" })
  async movements(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<StockMovementView[]> {
    return this.inventory.movements(caller, id, limit);
  }

  @Post(':id/receipts')
  @ApiCreatedResponse({ type: StockMovementView, description: '入库: stock.received is published.' })
  @ApiNotFoundResponse({ description: "No such stock item in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'unknown-store-room' })
  async receive(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReceiveStockDto): Promise<StockMovementView> {
    return this.inventory.receive(caller, id, body);
  }

  @Post(':id/issues')
  @ApiCreatedResponse({ type: StockMovementView, description: '领用: stock.issued is published, and stock-item.low-stock when stock falls below the threshold.' })
  @ApiNotFoundResponse({ description: "No such stock item in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'insufficient-stock (the detail names the quantity available), unknown-store-room' })
  async issue(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: IssueStockDto): Promise<StockMovementView> {
    return this.inventory.issue(caller, id, body);
  }

  @Post(':id/stocktakes')
  @ApiCreatedResponse({ type: StockMovementView, description: '盘点: the counted quantity becomes the balance; stock.adjusted is published.' })
  @ApiNotFoundResponse({ description: "No such stock item in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'reason-required, unknown-store-room' })
  async stocktake(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: StocktakeDto): Promise<StockMovementView> {
    return this.inventory.stocktake(caller, id, body);
  }
}
