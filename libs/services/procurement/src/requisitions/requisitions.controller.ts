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
import { CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { REQUISITION_STATUSES, RequisitionStatus } from './domain/requisition';
import { ApproveRequisitionDto, RaiseRequisitionDto, RejectRequisitionDto, RequisitionView, WithdrawRequisitionDto } from './requisition.dto';
import { RequisitionsService } from './requisitions.service';

@ApiTags('requisitions')
@Controller('requisitions')
export class RequisitionsController {
  constructor(private readonly requisitions: RequisitionsService) {}

  @Post()
  @ApiCreatedResponse({ type: RequisitionView, description: 'A draft requisition of the caller; its total is the sum of its lines' })
  @ApiUnprocessableEntityResponse({ description: 'A line names neither an item code nor a description' })
  async raise(@CurrentCaller() caller: Caller, @Body() body: RaiseRequisitionDto): Promise<RequisitionView> {
    return RequisitionView.of(await this.requisitions.raise(caller, body));
  }

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: REQUISITION_STATUSES })
  @ApiOkResponse({ type: [RequisitionView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam(REQUISITION_STATUSES)) status: RequisitionStatus | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<RequisitionView[]> {
    return (await this.requisitions.list(caller, status, limit)).map(RequisitionView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: RequisitionView })
  @ApiNotFoundResponse({ description: "No such requisition in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<RequisitionView> {
    return RequisitionView.of(await this.requisitions.get(caller, id));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: RequisitionView, description: "Submitted with the approval chain the agency's policy sets for its amount; requisition.submitted is published." })
  @ApiConflictResponse({ description: 'The requisition is not a draft (names the current state)' })
  @ApiUnprocessableEntityResponse({ description: 'Only the requester may submit' })
  async submit(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<RequisitionView> {
    return RequisitionView.of(await this.requisitions.submit(caller, id));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({
    type: RequisitionView,
    description: 'The current step is approved (requisition.step-approved); the last one approves the requisition, commits its budget and sets its procurement method (requisition.approved, budget.committed).',
  })
  @ApiConflictResponse({ description: 'The requisition is not awaiting approval (names the current state)' })
  @ApiUnprocessableEntityResponse({ description: 'The requester approving their own requisition, a role other than the current step’s, or the budget exceeded (names what is available)' })
  async approve(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ApproveRequisitionDto): Promise<RequisitionView> {
    return RequisitionView.of(await this.requisitions.approve(caller, id, body));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RequisitionView, description: 'The requisition is rejected with a reason; requisition.rejected is published.' })
  @ApiConflictResponse({ description: 'The requisition is not awaiting approval (names the current state)' })
  async reject(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RejectRequisitionDto): Promise<RequisitionView> {
    return RequisitionView.of(await this.requisitions.reject(caller, id, body));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: RequisitionView, description: 'The requester withdraws it before final approval; requisition.withdrawn is published.' })
  @ApiConflictResponse({ description: 'Already approved, rejected or withdrawn (names the current state)' })
  async withdraw(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: WithdrawRequisitionDto): Promise<RequisitionView> {
    return RequisitionView.of(await this.requisitions.withdraw(caller, id, body));
  }
}
