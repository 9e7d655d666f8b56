import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller } from '@houqin/service-kit';
import { ApprovalPolicyDto, ApprovalPolicyView } from './approval-policy.dto';
import { ApprovalPolicyService } from './approval-policy.service';

@ApiTags('approval-policy')
@Controller('approval-policy')
export class ApprovalPolicyController {
  constructor(private readonly policies: ApprovalPolicyService) {}

  @Get()
  @ApiOkResponse({ type: ApprovalPolicyView, description: "The agency's policy, or the platform default (isDefault) while it has none" })
  async get(@CurrentCaller() caller: Caller): Promise<ApprovalPolicyView> {
    return this.policies.get(caller);
  }

  @Put()
  @ApiOkResponse({ type: ApprovalPolicyView, description: 'The policy is replaced; approval-policy.updated is published. Submitted requisitions keep their chain.' })
  @ApiUnprocessableEntityResponse({ description: 'Ceilings not ascending, last tier not open-ended, or method thresholds not ascending' })
  async replace(@CurrentCaller() caller: Caller, @Body() body: ApprovalPolicyDto): Promise<ApprovalPolicyView> {
    return this.policies.replace(caller, body);
  }
}
