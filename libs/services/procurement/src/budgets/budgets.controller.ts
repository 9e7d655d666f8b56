import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { AllocateBudgetDto, BudgetView } from './budget.dto';
import { BudgetsService } from './budgets.service';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from './domain/budget';

@ApiTags('budgets')
@Controller('budgets')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @Post()
  @ApiCreatedResponse({ type: BudgetView, description: 'The budget is allocated with nothing committed; budget.allocated is published.' })
  @ApiConflictResponse({ description: 'The agency already has a budget for this fiscal year and category' })
  async allocate(@CurrentCaller() caller: Caller, @Body() body: AllocateBudgetDto): Promise<BudgetView> {
    return BudgetView.of(await this.budgets.allocate(caller, body));
  }

  @Get()
  @ApiQuery({ name: 'fiscalYear', required: false, type: Number, description: 'Only the budgets of this fiscal year' })
  @ApiOkResponse({ type: [BudgetView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('fiscalYear', new IntegerParam({ min: MIN_FISCAL_YEAR, max: MAX_FISCAL_YEAR, default: 0 })) fiscalYear: number,
  ): Promise<BudgetView[]> {
    return (await this.budgets.list(caller, fiscalYear === 0 ? undefined : fiscalYear)).map(BudgetView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: BudgetView, description: 'Allocated, committed, spent and available, in fen' })
  @ApiNotFoundResponse({ description: "No such budget in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<BudgetView> {
    return BudgetView.of(await this.budgets.get(caller, id));
  }
}
