import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, UuidParam } from '@houqin/service-kit';
import { CanteenOperatorResponse, CateringContractView, OperatorPeriodView, StartOperatorPeriodDto } from './operator.dto';
import { OperatorsService } from './operators.service';

@ApiTags('canteen operators')
@Controller()
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get('catering-contracts')
  @ApiOkResponse({ type: [CateringContractView], description: "Procurement's catering contracts as catering knows them, with the vendor's standing" })
  async contracts(@CurrentCaller() caller: Caller): Promise<CateringContractView[]> {
    return (await this.operators.contracts(caller)).map(CateringContractView.of);
  }

  @Post('canteens/:id/operator-periods')
  @ApiCreatedResponse({ type: OperatorPeriodView, description: "The contract's vendor runs the canteen from now (or the contract's start) to the contract's end, against its SLA terms as targets." })
  @ApiNotFoundResponse({ description: "No such canteen in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'Unknown or ended contract, an operator barred or sanctioned, or an overlapping period' })
  async startPeriod(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: StartOperatorPeriodDto): Promise<OperatorPeriodView> {
    return OperatorPeriodView.of(await this.operators.startPeriod(caller, id, body.contractId.toLowerCase()));
  }

  @Get('canteens/:id/operator')
  @ApiOkResponse({ type: CanteenOperatorResponse })
  @ApiNotFoundResponse({ description: "No such canteen in the caller's agency" })
  async operator(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<CanteenOperatorResponse> {
    return CanteenOperatorResponse.of(await this.operators.operatorOf(caller, id));
  }
}
