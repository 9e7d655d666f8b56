import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BusinessRuleViolation } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, RequestValidationError, UuidParam } from '@houqin/service-kit';
import { SUMMARY_DIMENSIONS, SummaryDimension, costPeriod } from './domain/work-order-cost';
import {
  CostFiguresView,
  CostGroupView,
  CostLineView,
  CostSummaryView,
  CostTotalsView,
  RecordExtraCostDto,
  RecordLabourDto,
  RecordedCostView,
  UnmatchedPartsIssueView,
  VoidCostLineDto,
  WorkOrderCostsView,
} from './work-order-cost.dto';
import { RecordedCost, WorkOrderCostsService } from './work-order-costs.service';

const CLOSED = 'The work order is not open to costs (before acceptance, closed or cancelled): the answer names its state';
const NOT_FOUND = "No such work order in the caller's agency (or, for a vendor account, not assigned to its vendor)";

@ApiTags('work order costs')
@Controller()
export class WorkOrderCostsController {
  constructor(private readonly costs: WorkOrderCostsService) {}

  @Get('work-orders/:id/costs')
  @ApiOkResponse({ type: WorkOrderCostsView, description: '维修费用: every cost line (voided ones marked) and the totals by kind' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async list(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<WorkOrderCostsView> {
    const { order, lines, totals } = await this.costs.costsOf(caller, id);
    return {
      workOrderId: order.id,
      status: order.status,
      ...(order.assetId ? { assetId: order.assetId } : {}),
      ...(order.vendorId ? { vendorId: order.vendorId } : {}),
      lines: lines.map(CostLineView.of),
      totals: CostTotalsView.of(totals),
    };
  }

  @Post('work-orders/:id/costs/labour')
  @ApiCreatedResponse({ type: RecordedCostView, description: 'Labour recorded by the assignee or an operator; work-order-cost.recorded is published with the running totals' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CLOSED })
  @ApiUnprocessableEntityResponse({ description: 'not-assignee: neither the work order’s vendor nor an operator' })
  async recordLabour(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordLabourDto): Promise<RecordedCostView> {
    return recorded(await this.costs.recordLabour(caller, id, body));
  }

  @Post('work-orders/:id/costs/extra')
  @ApiCreatedResponse({ type: RecordedCostView, description: 'Another cost (其他费用) recorded by the assignee or an operator; work-order-cost.recorded is published with the running totals' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CLOSED })
  @ApiUnprocessableEntityResponse({ description: 'not-assignee: neither the work order’s vendor nor an operator' })
  async recordExtra(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordExtraCostDto): Promise<RecordedCostView> {
    return recorded(await this.costs.recordExtra(caller, id, body));
  }

  @Post('work-orders/:id/costs/:lineId/void')
  @HttpCode(200)
  @ApiOkResponse({ type: RecordedCostView, description: 'The line is kept, marked void with the reason, and counts in no total; work-order-cost.voided is published' })
  @ApiNotFoundResponse({ description: 'No such work order, or no such line on it' })
  @ApiConflictResponse({ description: 'The line is already voided, or the work order is closed or cancelled' })
  @ApiUnprocessableEntityResponse({ description: 'not-operator: only a logistics manager or agency admin voids' })
  async voidLine(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Param('lineId', UuidParam) lineId: string,
    @Body() body: VoidCostLineDto,
  ): Promise<RecordedCostView> {
    return recorded(await this.costs.voidLine(caller, id, lineId, body.reason));
  }

  @Get('costs/summary')
  @ApiOkResponse({ type: CostSummaryView, description: 'Costs of the agency’s work orders by asset, vendor or calendar month (Asia/Shanghai) of when each cost arose; voided lines excluded' })
  @ApiQuery({ name: 'by', required: true, enum: SUMMARY_DIMENSIONS })
  @ApiQuery({ name: 'from', required: false, description: 'First calendar day, YYYY-MM-DD (Asia/Shanghai); default: no bound' })
  @ApiQuery({ name: 'to', required: false, description: 'Last calendar day, YYYY-MM-DD, included; default: no bound' })
  @ApiBadRequestResponse({ description: 'by missing or unknown; from or to not a calendar day; to before from' })
  async summary(
    @CurrentCaller() caller: Caller,
    @Query('by', new OneOfParam<SummaryDimension>(SUMMARY_DIMENSIONS)) by: SummaryDimension | undefined,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
  ): Promise<CostSummaryView> {
    if (!by) throw new RequestValidationError([{ field: 'by', rule: 'isIn', message: `by must be one of ${SUMMARY_DIMENSIONS.join(', ')}` }]);
    const given = (value: unknown): string | undefined => (value === undefined || value === '' ? undefined : String(value));
    const [first, last] = [given(from), given(to)];
    const { groups, overall } = await this.costs.summary(caller, by, periodOf(first, last));
    return {
      by,
      ...(first !== undefined ? { from: first } : {}),
      ...(last !== undefined ? { to: last } : {}),
      groups: groups.map(CostGroupView.ofGroup),
      overall: CostFiguresView.ofFigures(overall),
    };
  }

  @Get('costs/unmatched-parts')
  @ApiOkResponse({ type: [UnmatchedPartsIssueView], description: 'Procurement issues naming a work order unknown in the agency, kept for an operator to look into; latest first' })
  async unmatched(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<UnmatchedPartsIssueView[]> {
    return (await this.costs.unmatched(caller, limit)).map((record) => ({
      movementId: record.movementId,
      workOrderId: record.workOrderId,
      stockItemId: record.stockItemId,
      code: record.itemCode,
      storeRoomId: record.storeRoomId,
      quantity: record.quantity,
      ...(record.unitCostFen !== null ? { unitCostFen: record.unitCostFen } : {}),
      ...(record.valueFen !== null ? { valueFen: record.valueFen } : {}),
      issuedBy: record.issuedBy,
      issuedAt: record.issuedAt.toISOString(),
      receivedAt: record.receivedAt.toISOString(),
    }));
  }
}

function recorded({ line, totals }: RecordedCost): RecordedCostView {
  return { line: CostLineView.of(line), totals: CostTotalsView.of(totals) };
}

/** A period the domain refuses is bad input: 400 naming the parameter. */
function periodOf(from: string | undefined, to: string | undefined): { from?: Date; until?: Date } {
  try {
    return costPeriod(from, to);
  } catch (error) {
    if (error instanceof BusinessRuleViolation && error.field) throw new RequestValidationError([{ field: error.field, rule: error.code, message: error.message }]);
    throw error;
  }
}
