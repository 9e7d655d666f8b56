import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, UuidParam } from '@houqin/service-kit';
import { PROPOSAL_STATUSES, ProposalStatus } from './domain/proposal';
import { SANCTION_STATUSES, SanctionStatus } from './domain/sanction';
import { ConfirmProposalDto, ConfirmedView, PutSanctionRulesDto, ReasonDto, SanctionProposalView, SanctionRulesView, SanctionView } from './sanction.dto';
import { SanctionsService } from './sanctions.service';

@ApiTags('sanctions')
@Controller()
export class SanctionsController {
  constructor(
    private readonly sanctions: SanctionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('sanctions/rules')
  @ApiOkResponse({ type: SanctionRulesView, description: "The agency's sanction rules, or the platform's defaults when it set none" })
  async rules(@CurrentCaller() caller: Caller): Promise<SanctionRulesView> {
    return SanctionRulesView.of(await this.sanctions.rules(caller));
  }

  @Put('sanctions/rules')
  @ApiOkResponse({ type: SanctionRulesView, description: 'Replaces the rules; applies to offences recorded from now on' })
  @ApiUnprocessableEntityResponse({ description: 'A rule given twice, or a suspension without its period (the field names it: rules[i].suspensionDays)' })
  async setRules(@CurrentCaller() caller: Caller, @Body() body: PutSanctionRulesDto): Promise<SanctionRulesView> {
    const rules = body.rules.map((rule) => ({
      offence: rule.offence,
      threshold: rule.threshold,
      windowDays: rule.windowDays,
      measure: rule.measure,
      ...(rule.suspensionDays !== undefined ? { suspensionDays: rule.suspensionDays } : {}),
    }));
    return SanctionRulesView.of(await this.sanctions.setRules(caller, { rules, ladder: { windowDays: body.ladder.windowDays, suspensionDays: body.ladder.suspensionDays }, automatic: body.automatic }));
  }

  @Get('sanctions/proposals')
  @ApiOkResponse({ type: [SanctionProposalView], description: 'Sanction proposals, open ones first, with the rule, the figure and the evidence' })
  @ApiQuery({ name: 'status', required: false, enum: PROPOSAL_STATUSES })
  @ApiQuery({ name: 'vendorId', required: false })
  async proposals(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<ProposalStatus>(PROPOSAL_STATUSES)) status: ProposalStatus | undefined,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<SanctionProposalView[]> {
    return (await this.sanctions.proposals(caller, { status, vendorId }, limit)).map(SanctionProposalView.of);
  }

  @Get('sanctions/proposals/:id')
  @ApiOkResponse({ type: SanctionProposalView })
  @ApiNotFoundResponse({ description: "No such proposal in the caller's agency" })
  async proposal(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<SanctionProposalView> {
    return SanctionProposalView.of(await this.sanctions.proposal(caller, id));
  }

  @Post('sanctions/proposals/:id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: ConfirmedView, description: 'Confirmed: a warning publishes vendor.warned, a suspension or blacklisting vendor.sanctioned' })
  @ApiNotFoundResponse({ description: "No such proposal in the caller's agency" })
  @ApiConflictResponse({ description: 'The proposal is confirmed or dismissed already (the answer names the state)' })
  @ApiUnprocessableEntityResponse({ description: "A start in the past, an end beyond the rule's period, a period for a warning or blacklisting, or a changed period without a reason (the field names it)" })
  async confirm(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ConfirmProposalDto): Promise<ConfirmedView> {
    const { proposal, sanction } = await this.sanctions.confirm(caller, id, {
      ...(body.reason !== undefined ? { reason: body.reason } : {}),
      ...(body.from !== undefined ? { from: new Date(body.from) } : {}),
      ...(body.until !== undefined ? { until: new Date(body.until) } : {}),
    });
    return { proposal: SanctionProposalView.of(proposal), sanction: SanctionView.of(sanction, this.clock.now()) };
  }

  @Post('sanctions/proposals/:id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({ type: SanctionProposalView })
  @ApiNotFoundResponse({ description: "No such proposal in the caller's agency" })
  @ApiConflictResponse({ description: 'The proposal is confirmed or dismissed already' })
  async dismiss(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<SanctionProposalView> {
    return SanctionProposalView.of(await this.sanctions.dismiss(caller, id, body.reason));
  }

  @Get('sanctions')
  @ApiOkResponse({ type: [SanctionView], description: "Sanctions, active ones first, then the latest decided; a vendor account sees its own vendor's only" })
  @ApiQuery({ name: 'status', required: false, enum: SANCTION_STATUSES })
  @ApiQuery({ name: 'vendorId', required: false })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<SanctionStatus>(SANCTION_STATUSES)) status: SanctionStatus | undefined,
    @Query('vendorId', OptionalUuidParam) vendorId: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<SanctionView[]> {
    const now = this.clock.now();
    return (await this.sanctions.sanctions(caller, { statuses: status ? [status] : undefined, vendorId }, limit)).map((sanction) => SanctionView.of(sanction, now));
  }

  @Get('sanctions/:id')
  @ApiOkResponse({ type: SanctionView })
  @ApiNotFoundResponse({ description: "No such sanction in the caller's agency, or another vendor's (for a vendor account)" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<SanctionView> {
    return SanctionView.of(await this.sanctions.sanction(caller, id), this.clock.now());
  }

  @Post('sanctions/:id/lift')
  @HttpCode(200)
  @ApiOkResponse({ type: SanctionView, description: 'Lifted early: vendor.reinstated (lifted-early) is published' })
  @ApiNotFoundResponse({ description: "No such sanction in the caller's agency" })
  @ApiConflictResponse({ description: 'The sanction is a warning, or has ended or been lifted already (the answer names the state)' })
  async lift(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<SanctionView> {
    return SanctionView.of(await this.sanctions.lift(caller, id, body.reason), this.clock.now());
  }
}
