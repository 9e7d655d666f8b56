import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller, IntegerParam, OneOfParam, UuidParam } from '@houqin/service-kit';
import { parseParty } from '../kpis/domain/evaluated-party';
import { PartyParam } from '../surveys/survey.dto';
import { RECTIFICATION_STATUSES, RectificationStatus } from './domain/rectification';
import { AnswerRectificationDto, IssueRectificationDto, RectificationView, SendBackRectificationDto, VerifyRectificationDto } from './rectification.dto';
import { RectificationsService } from './rectifications.service';

const NOT_FOUND = "No such notice in the caller's agency (a vendor account sees only its own vendor's)";
const CONFLICT = 'Not in a state that allows it (the answer names the state)';

@ApiTags('rectification notices')
@Controller('rectifications')
export class RectificationsController {
  constructor(
    private readonly rectifications: RectificationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: RectificationView, description: 'Issued (整改通知); rectification.issued is published' })
  @ApiUnprocessableEntityResponse({ description: 'A deadline not in the future, or an evidence item named twice (the field names it)' })
  async issue(@CurrentCaller() caller: Caller, @Body() body: IssueRectificationDto): Promise<RectificationView> {
    const notice = await this.rectifications.issue(caller, {
      party: parseParty(body.party),
      finding: body.finding,
      violationId: body.violationId,
      complaintId: body.complaintId,
      requiredEvidence: body.requiredEvidence,
      deadline: new Date(body.deadline),
    });
    return RectificationView.of(notice, this.clock.now());
  }

  @Get()
  @ApiOkResponse({ type: [RectificationView], description: "The agency's notices, the latest issued first; a vendor account sees its own vendor's only" })
  @ApiQuery({ name: 'status', required: false, enum: RECTIFICATION_STATUSES })
  @ApiQuery({ name: 'party', required: false, description: "A vendor id, or 'internal-team'" })
  @ApiQuery({ name: 'overdue', required: false, enum: ['true', 'false'], description: 'true: awaiting the answer past the deadline (as of now)' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status', new OneOfParam<RectificationStatus>(RECTIFICATION_STATUSES)) status: RectificationStatus | undefined,
    @Query('party', PartyParam) party: string | undefined,
    @Query('overdue', new OneOfParam<'true' | 'false'>(['true', 'false'])) overdue: 'true' | 'false' | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<RectificationView[]> {
    const now = this.clock.now();
    const notices = await this.rectifications.list(caller, { status, party, overdue: overdue === undefined ? undefined : overdue === 'true' }, limit);
    return notices.map((notice) => RectificationView.of(notice, now));
  }

  @Get(':id')
  @ApiOkResponse({ type: RectificationView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<RectificationView> {
    return RectificationView.of(await this.rectifications.get(caller, id), this.clock.now());
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: RectificationView, description: 'Answered, awaiting verification; rectification.answered is published (late when past the deadline)' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: "A required evidence item not covered (named), evidence for an item the notice does not require, or a vendor's notice answered by someone other than the vendor" })
  async answer(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AnswerRectificationDto): Promise<RectificationView> {
    const notice = await this.rectifications.answer(caller, id, { statement: body.statement, evidence: body.evidence });
    return RectificationView.of(notice, this.clock.now());
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: RectificationView, description: 'Verified and closed; rectification.verified is published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'Whoever gave the answer may not verify it' })
  async verify(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VerifyRectificationDto): Promise<RectificationView> {
    return RectificationView.of(await this.rectifications.verify(caller, id, body.note), this.clock.now());
  }

  @Post(':id/send-back')
  @HttpCode(200)
  @ApiOkResponse({ type: RectificationView, description: 'Returned (退回), awaiting a new answer; rectification.returned is published' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiUnprocessableEntityResponse({ description: 'A new deadline not in the future' })
  async sendBack(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: SendBackRectificationDto): Promise<RectificationView> {
    const notice = await this.rectifications.sendBack(caller, id, { reason: body.reason, deadline: body.deadline ? new Date(body.deadline) : undefined });
    return RectificationView.of(notice, this.clock.now());
  }
}
