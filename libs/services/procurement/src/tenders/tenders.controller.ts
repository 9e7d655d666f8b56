import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import {
  AppointCommitteeDto,
  BidReceiptView,
  BidView,
  CreateTenderDto,
  RankedBidView,
  ReasonDto,
  ResolveObjectionDto,
  ScoreBidDto,
  SubmitBidDto,
  TenderView,
} from './tender.dto';
import { TendersService } from './tenders.service';

const NOT_FOUND = "No such tender in the caller's agency (a draft, for a vendor account)";
const ILLEGAL = 'The tender is not in a state that allows this; the answer names the current state';

@ApiTags('tenders')
@Controller('tenders')
export class TendersController {
  constructor(private readonly tenders: TendersService) {}

  @Post()
  @ApiCreatedResponse({ type: TenderView, description: 'The tender is drafted: criteria, dates and ceiling fixed.' })
  @ApiUnprocessableEntityResponse({ description: 'Weights not summing to 100 (criteria), opening before the deadline, a deadline in the past' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateTenderDto): Promise<TenderView> {
    return TenderView.of(await this.tenders.create(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [TenderView] })
  async list(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<TenderView[]> {
    return (await this.tenders.list(caller, limit)).map(TenderView.of);
  }

  @Get(':id')
  @ApiOkResponse({ type: TenderView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<TenderView> {
    return TenderView.of(await this.tenders.get(caller, id));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'Published; tender.published is published.' })
  @ApiConflictResponse({ description: ILLEGAL })
  async publish(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<TenderView> {
    return TenderView.of(await this.tenders.publish(caller, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'Cancelled; tender.cancelled is published.' })
  @ApiConflictResponse({ description: ILLEGAL })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<TenderView> {
    return TenderView.of(await this.tenders.cancel(caller, id, body.reason));
  }

  @Post(':id/bids')
  @ApiCreatedResponse({ type: BidReceiptView, description: 'The bid is sealed (encrypted at rest); the receipt gives its digest. A later bid of the same vendor replaces it.' })
  @ApiUnprocessableEntityResponse({ description: 'Not a vendor account, the vendor not eligible (every reason named), or the deadline passed' })
  @ApiConflictResponse({ description: ILLEGAL })
  async submitBid(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: SubmitBidDto): Promise<BidReceiptView> {
    return this.tenders.submitBid(caller, id, body);
  }

  @Get(':id/bids')
  @ApiOkResponse({ type: [BidView], description: 'Sealed metadata (bidder, time, digest) until opening; content afterwards for the committee, operators and overseers. A vendor account sees its own bids only.' })
  async listBids(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<BidView[]> {
    return this.tenders.listBids(caller, id);
  }

  @Get(':id/bids/:bidId')
  @ApiOkResponse({ type: BidView })
  @ApiNotFoundResponse({ description: 'No such bid (or another vendor’s, for a vendor account)' })
  async getBid(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Param('bidId', UuidParam) bidId: string): Promise<BidView> {
    return this.tenders.getBid(caller, id, bidId);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'Bids unsealed; tender.bids-opened is published with their prices.' })
  @ApiUnprocessableEntityResponse({ description: 'The opening time has not come' })
  @ApiConflictResponse({ description: ILLEGAL })
  async open(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<TenderView> {
    return TenderView.of(await this.tenders.open(caller, id));
  }

  @Post(':id/committee')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'The evaluation committee (评标委员会) with each member’s declared links to vendors.' })
  @ApiConflictResponse({ description: ILLEGAL })
  async appointCommittee(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AppointCommitteeDto): Promise<TenderView> {
    return TenderView.of(await this.tenders.appointCommittee(caller, id, body));
  }

  @Post(':id/scores')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'The score is recorded (a second one by the same member revises it); the tender is scored once complete.' })
  @ApiUnprocessableEntityResponse({ description: 'Not a committee member, a member linked to a bidder (conflict-of-interest), points out of range' })
  @ApiConflictResponse({ description: ILLEGAL })
  async score(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ScoreBidDto): Promise<TenderView> {
    return TenderView.of(await this.tenders.score(caller, id, body));
  }

  @Get(':id/ranking')
  @ApiOkResponse({ type: [RankedBidView], description: 'Valid bids by weighted total, best first (ties: technical score, then lower price, then earlier bid)' })
  @ApiConflictResponse({ description: 'Not opened yet' })
  async ranking(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<RankedBidView[]> {
    return (await this.tenders.ranking(caller, id)).map(RankedBidView.of);
  }

  @Post(':id/propose-award')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'The best bid is proposed; the publication period starts; tender.award-proposed is published.' })
  @ApiConflictResponse({ description: ILLEGAL })
  async proposeAward(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<TenderView> {
    return TenderView.of(await this.tenders.proposeAward(caller, id));
  }

  @Post(':id/objections')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'The objection (质疑) is recorded and suspends the award until resolved.' })
  @ApiUnprocessableEntityResponse({ description: 'The publication period is over' })
  @ApiConflictResponse({ description: ILLEGAL })
  async raiseObjection(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReasonDto): Promise<TenderView> {
    return TenderView.of(await this.tenders.raiseObjection(caller, id, body.reason));
  }

  @Post(':id/objections/:objectionId/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'upheld cancels the tender (tender.cancelled); dismissed lets the award continue once no objection is open.' })
  @ApiConflictResponse({ description: 'The objection is already resolved, or the tender is not suspended' })
  async resolveObjection(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Param('objectionId', UuidParam) objectionId: string,
    @Body() body: ResolveObjectionDto,
  ): Promise<TenderView> {
    return TenderView.of(await this.tenders.resolveObjection(caller, id, objectionId, body));
  }

  @Post(':id/finalise-award')
  @HttpCode(200)
  @ApiOkResponse({ type: TenderView, description: 'Awarded (中标); tender.awarded is published.' })
  @ApiUnprocessableEntityResponse({ description: 'The publication period is still running' })
  @ApiConflictResponse({ description: 'Not award-proposed — award-suspended while an objection is open' })
  async finaliseAward(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<TenderView> {
    return TenderView.of(await this.tenders.finaliseAward(caller, id));
  }
}
