import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam } from '@houqin/service-kit';
import { ChargeDto, LedgerEntryView, MealAccountView, MovementResultView, OpenMealAccountDto, RefundDto, SubsidyRuleView, SubsidyRulesDto, TopUpDto } from './account.dto';
import { AccountsService } from './accounts.service';

@ApiTags('meal accounts')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('meal-accounts')
  @ApiCreatedResponse({ type: MealAccountView, description: 'One account per staff member, balance 0' })
  @ApiConflictResponse({ description: 'The staff member has an account already' })
  async open(@CurrentCaller() caller: Caller, @Body() body: OpenMealAccountDto): Promise<MealAccountView> {
    const { account, balanceFen, heldFen } = await this.accounts.open(caller, body);
    return MealAccountView.of(account, balanceFen, heldFen);
  }

  @Get('meal-accounts')
  @ApiOkResponse({ type: [MealAccountView] })
  async list(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number): Promise<MealAccountView[]> {
    return (await this.accounts.list(caller, limit)).map((account) => MealAccountView.of(account, account.balanceFen, account.heldFen));
  }

  @Get('meal-accounts/:staffId')
  @ApiOkResponse({ type: MealAccountView })
  @ApiNotFoundResponse({ description: "No such account, or another person's (balances are private)" })
  async get(@CurrentCaller() caller: Caller, @Param('staffId') staffId: string): Promise<MealAccountView> {
    const { account, balanceFen, heldFen } = await this.accounts.get(caller, staffId);
    return MealAccountView.of(account, balanceFen, heldFen);
  }

  @Get('meal-accounts/:staffId/entries')
  @ApiOkResponse({ type: [LedgerEntryView], description: 'Latest first' })
  async entries(
    @CurrentCaller() caller: Caller,
    @Param('staffId') staffId: string,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<LedgerEntryView[]> {
    return (await this.accounts.entries(caller, staffId, limit)).map(LedgerEntryView.of);
  }

  @Post('meal-accounts/:staffId/top-ups')
  @ApiCreatedResponse({ type: MovementResultView })
  async topUp(@CurrentCaller() caller: Caller, @Param('staffId') staffId: string, @Body() body: TopUpDto): Promise<MovementResultView> {
    return MovementResultView.of(await this.accounts.topUp(caller, staffId, body));
  }

  @Post('meal-accounts/:staffId/charges')
  @ApiCreatedResponse({ type: MovementResultView })
  @ApiUnprocessableEntityResponse({ description: 'The charge would take the balance beyond the overdraft limit' })
  @ApiConflictResponse({ description: 'The idempotency key was used for another movement' })
  async charge(@CurrentCaller() caller: Caller, @Param('staffId') staffId: string, @Body() body: ChargeDto): Promise<MovementResultView> {
    return MovementResultView.of(await this.accounts.charge(caller, staffId, body));
  }

  @Post('meal-accounts/:staffId/refunds')
  @ApiCreatedResponse({ type: MovementResultView })
  @ApiUnprocessableEntityResponse({ description: 'Not a charge of this account, or more than is left of it' })
  async refund(@CurrentCaller() caller: Caller, @Param('staffId') staffId: string, @Body() body: RefundDto): Promise<MovementResultView> {
    return MovementResultView.of(await this.accounts.refund(caller, staffId, { ...body, refundsEntryId: body.refundsEntryId.toLowerCase() }));
  }

  @Get('meal-subsidies/rules')
  @ApiOkResponse({ type: [SubsidyRuleView] })
  async rules(@CurrentCaller() caller: Caller): Promise<SubsidyRuleView[]> {
    return (await this.accounts.rules(caller)).map(SubsidyRuleView.of);
  }

  @Put('meal-subsidies/rules')
  @ApiOkResponse({ type: [SubsidyRuleView], description: "The agency's monthly subsidy per staff category, replacing the previous rules from the next month's credit" })
  async replaceRules(@CurrentCaller() caller: Caller, @Body() body: SubsidyRulesDto): Promise<SubsidyRuleView[]> {
    return (await this.accounts.replaceRules(caller, body.rules)).map(SubsidyRuleView.of);
  }
}
