import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { CancelRepairRequestDto, RepairRequestView, ReportRepairDto } from './repair-request.dto';
import { RepairRequestsService } from './repair-requests.service';

@ApiTags('repair requests')
@Controller('repair-requests')
export class RepairRequestsController {
  constructor(private readonly repairRequests: RepairRequestsService) {}

  @Post()
  @ApiCreatedResponse({ type: RepairRequestView, description: 'The request is recorded; repair-request.reported is published.' })
  async report(@CurrentCaller() caller: Caller, @Body() body: ReportRepairDto): Promise<RepairRequestView> {
    return RepairRequestView.of(await this.repairRequests.report(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [RepairRequestView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<RepairRequestView[]> {
    const requests = await this.repairRequests.list(caller, limit);
    return requests.map(RepairRequestView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: RepairRequestView })
  @ApiNotFoundResponse({ description: 'No such request in the caller\'s agency' })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<RepairRequestView> {
    return RepairRequestView.of(await this.repairRequests.get(caller, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: RepairRequestView })
  @ApiConflictResponse({ description: 'The request is no longer in the reported state' })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CancelRepairRequestDto): Promise<RepairRequestView> {
    return RepairRequestView.of(await this.repairRequests.cancel(caller, id, body));
  }
}
