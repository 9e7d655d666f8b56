import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, UuidParam } from '@houqin/service-kit';
import { PURCHASE_ORDER_STATUSES, PurchaseOrderStatus } from './domain/purchase-order';
import {
  CancelPurchaseOrderDto,
  CreatePurchaseOrderDto,
  DeliveryPerformanceView,
  InvoiceView,
  PurchaseOrderView,
  ReceiptView,
  RecordInvoiceDto,
  RecordReceiptDto,
} from './purchase-order.dto';
import { PurchaseOrdersService } from './purchase-orders.service';

@ApiTags('purchase-orders')
@Controller('purchase-orders')
export class PurchaseOrdersController {
  constructor(private readonly orders: PurchaseOrdersService) {}

  @Post()
  @ApiCreatedResponse({
    type: PurchaseOrderView,
    description:
      "A draft order for an approved requisition (the budget's commitment moves from its estimate to the order's total) or an awarded tender (vendor and total from the award; committed in full when the tender has no requisition)",
  })
  @ApiConflictResponse({ description: 'The requisition or the tender already has an order' })
  @ApiUnprocessableEntityResponse({
    description:
      'Requisition not approved or calling for an open tender, tender not awarded, lines not adding up to the award, vendor not active or not the awarded one, unknown stock item, or the budget cannot hold the increase (names what is available)',
  })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreatePurchaseOrderDto): Promise<PurchaseOrderView> {
    return PurchaseOrderView.of(await this.orders.create(caller, body));
  }

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: PURCHASE_ORDER_STATUSES })
  @ApiQuery({ name: 'vendorId', required: false })
  @ApiOkResponse({ type: [PurchaseOrderView], description: "A vendor account sees its own vendor's orders only" })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam(PURCHASE_ORDER_STATUSES)) status: PurchaseOrderStatus | undefined,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<PurchaseOrderView[]> {
    return (await this.orders.list(caller, { ...(status ? { status } : {}), ...(vendorId ? { vendorId } : {}) }, limit)).map(PurchaseOrderView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiNotFoundResponse({ description: "No such order in the caller's agency, or another vendor's" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<PurchaseOrderView> {
    return PurchaseOrderView.of(await this.orders.get(caller, id));
  }

  @Post(':id/place')
  @HttpCode(200)
  @ApiOkResponse({ type: PurchaseOrderView, description: 'Placed with the vendor; purchase-order.placed is published.' })
  @ApiConflictResponse({ description: 'The order is not a draft (names the current state)' })
  async place(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<PurchaseOrderView> {
    return PurchaseOrderView.of(await this.orders.place(caller, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: PurchaseOrderView, description: 'Cancelled; what the budget still held for it is released (purchase-order.cancelled).' })
  @ApiConflictResponse({ description: 'Already received or cancelled (names the current state)' })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CancelPurchaseOrderDto): Promise<PurchaseOrderView> {
    return PurchaseOrderView.of(await this.orders.cancel(caller, id, body));
  }

  @Post(':id/receipts')
  @ApiCreatedResponse({
    type: ReceiptView,
    description: '验收: accepted value moves from committed to spent, stock-item lines go into the store room, on-time is recorded (purchase-order.received).',
  })
  @ApiConflictResponse({ description: 'The order is not placed or partially received (names the current state)' })
  @ApiUnprocessableEntityResponse({ description: 'More than is outstanding on a line (names the line), a rejection without notes, or a stock-item line without a store room' })
  async receive(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordReceiptDto): Promise<ReceiptView> {
    return this.orders.receive(caller, id, body);
  }

  @Get(':id/receipts')
  @ApiOkResponse({ type: [ReceiptView] })
  async receipts(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ReceiptView[]> {
    return this.orders.receipts(caller, id);
  }

  @Post(':id/invoices')
  @ApiCreatedResponse({
    type: InvoiceView,
    description: 'The invoice with its three-way match (exact to the fen); a mismatch is recorded and purchase-order.invoice-mismatch is published.',
  })
  @ApiConflictResponse({ description: "A draft order, or the vendor's invoice number is already recorded" })
  async invoice(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordInvoiceDto): Promise<InvoiceView> {
    return this.orders.invoice(caller, id, body);
  }
}

@ApiTags('purchase-orders')
@Controller('vendors')
export class VendorDeliveryController {
  constructor(private readonly orders: PurchaseOrdersService) {}

  @Get(':id/delivery-performance')
  @ApiOkResponse({ type: DeliveryPerformanceView, description: "On-time delivery over all receipts against the vendor's orders" })
  @ApiNotFoundResponse({ description: "No such vendor in the caller's agency, or another vendor's" })
  async deliveryPerformance(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<DeliveryPerformanceView> {
    return DeliveryPerformanceView.of(id, await this.orders.deliveryPerformance(caller, id));
  }
}
