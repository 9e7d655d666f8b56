import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, UuidParam } from '@houqin/service-kit';
import { WORK_ORDER_ORIGINS, WORK_ORDER_STATUSES, WorkOrderOrigin, WorkOrderStatus } from './domain/work-order';
import { AssignWorkOrderDto, CompleteWorkOrderDto, ReasonDto, SlaClockView, TriageRepairRequestDto, WorkOrderView } from './work-order.dto';
import { WorkOrdersService } from './work-orders.service';

const CONFLICT = 'The work order is in a state that does not allow this step (the answer names it)';

@ApiTags('work orders')
@Controller()
export class WorkOrdersController {
  constructor(private readonly workOrders: WorkOrdersService) {}

  @Post('repair-requests/:id/triage')
  @ApiCreatedResponse({ type: WorkOrderView, description: 'The request is triaged into a work order (assigned too, with autoAssign); work-order.triaged is published.' })
  @ApiConflictResponse({ description: 'The request is no longer reported' })
  @ApiUnprocessableEntityResponse({ description: 'No category known, or autoAssign found no single eligible vendor' })
  async triage(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: TriageRepairRequestDto): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.triage(caller, id, body));
  }

  @Get('work-orders')
  @ApiOkResponse({ type: [WorkOrderView], description: 'Latest reported first; a vendor account sees only those assigned to its vendor' })
  @ApiQuery({ name: 'status', required: false, enum: WORK_ORDER_STATUSES })
  @ApiQuery({ name: 'origin', required: false, enum: WORK_ORDER_ORIGINS })
  @ApiQuery({ name: 'preventivePlanId', required: false, description: "One preventive plan's work orders" })
  @ApiQuery({ name: 'vehicleId', required: false, description: "One vehicle's service work orders" })
  @ApiQuery({ name: 'vendorId', required: false, description: "One vendor's work orders (a vendor account sees only its own anyway)" })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<WorkOrderStatus>(WORK_ORDER_STATUSES)) status: WorkOrderStatus | undefined,
    @Query('origin', new OneOfParam<WorkOrderOrigin>(WORK_ORDER_ORIGINS)) origin: WorkOrderOrigin | undefined,
    @Query('preventivePlanId', OptionalUuidParam) preventivePlanId: string | undefined,
    @Query('vehicleId', OptionalUuidParam) vehicleId: string | undefined,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<WorkOrderView[]> {
    return (await this.workOrders.list(caller, { status, origin, preventivePlanId, vehicleId, vendorId }, limit)).map(WorkOrderView.of);
  }

  @Get('work-orders/:id')
  @ApiOkResponse({ type: WorkOrderView })
  @ApiNotFoundResponse({ description: "No such work order in the caller's agency (or, for a vendor account, not assigned to its vendor)" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderView> {
    const { order, clocks, attachments } = await this.workOrders.getWithClocks(caller, id);
    return { ...WorkOrderView.of(order), slaClocks: clocks.map(SlaClockView.of), attachments };
  }

  @Post('work-orders/:id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'No vendor, several vendors (name one), a vendor without an active covering contract, or a suspended, sanctioned or blacklisted vendor (named with the reason)' })
  async assign(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AssignWorkOrderDto): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.assign(caller, id, body));
  }

  @Post('work-orders/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  async accept(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'accept'));
  }

  @Post('work-orders/:id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  async start(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'start'));
  }

  @Post('work-orders/:id/hold')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView, description: 'On hold waiting on the requester, with the reason; the time does not count against resolution; work-order.held is published' })
  @ApiConflictResponse({ description: CONFLICT })
  async hold(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'hold', { reason: body.reason }));
  }

  @Post('work-orders/:id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView, description: 'Back to work; work-order.resumed is published with the time on hold' })
  @ApiConflictResponse({ description: CONFLICT })
  async resume(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'resume'));
  }

  @Post('work-orders/:id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  async complete(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CompleteWorkOrderDto): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'complete', body.resolutionNote !== undefined ? { resolutionNote: body.resolutionNote } : {}));
  }

  @Post('work-orders/:id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView, description: '验收 by the person who reported the fault' })
  @ApiConflictResponse({ description: CONFLICT })
  async verify(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'verify'));
  }

  @Post('work-orders/:id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView, description: 'Back in progress, counted' })
  @ApiConflictResponse({ description: CONFLICT })
  async reopen(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'reopen', { reason: body.reason }));
  }

  @Post('work-orders/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  async close(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'close'));
  }

  @Post('work-orders/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<WorkOrderView> {
    return WorkOrderView.of(await this.workOrders.step(caller, id, 'cancel', { reason: body.reason }));
  }
}
