import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BusinessRuleViolation } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { TRIP_STATUSES, TripStatus } from './domain/trip';
import { ApprovalPolicyDto, ApprovalPolicyView, CancelTripDto, DecideTripDto, EndTripDto, RateTripDto, RentalConfirmationDto, RequestTripDto, StartTripDto, TripView } from './trip.dto';
import { TripsService } from './trips.service';

function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new BusinessRuleViolation(`invalid-${field}`, `${field} must be an ISO 8601 instant`, field);
  return at;
}

@ApiTags('trips')
@Controller()
export class TripsController {
  constructor(private readonly trips: TripsService) {}

  @Post('trips')
  @ApiCreatedResponse({ type: TripView, description: 'Approved at once when no rule of the agency policy asks for an approver; otherwise pending-approval with the reasons' })
  @ApiUnprocessableEntityResponse({ description: 'A window that ends before it starts, starts in the past or books more than 72 hours (naming startsAt or endsAt)' })
  async request(@CurrentCaller() caller: Caller, @Body() body: RequestTripDto): Promise<TripView> {
    return TripView.of(await this.trips.request(caller, body));
  }

  @Get('trips')
  @ApiOkResponse({ type: [TripView], description: "Staff see the trips they requested or drive; a vendor account its vendor's rental trips; approvers and operators the agency's; latest start first" })
  @ApiQuery({ name: 'status', required: false, enum: TRIP_STATUSES })
  @ApiQuery({ name: 'from', required: false, description: 'Trips ending after this instant' })
  @ApiQuery({ name: 'to', required: false, description: 'Trips starting before this instant' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('status') status: string | undefined,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<TripView[]> {
    if (status !== undefined && !TRIP_STATUSES.includes(status as TripStatus)) throw new BusinessRuleViolation('invalid-status', `status is one of ${TRIP_STATUSES.join(', ')}`, 'status');
    const fromAt = instant(from, 'from');
    const toAt = instant(to, 'to');
    const trips = await this.trips.list(caller, { ...(status ? { status: status as TripStatus } : {}), ...(fromAt ? { from: fromAt } : {}), ...(toAt ? { to: toAt } : {}), limit });
    return trips.map(TripView.of);
  }

  @Get('trips/:id')
  @ApiOkResponse({ type: TripView })
  @ApiNotFoundResponse({ description: "No such trip in the caller's agency (for a vendor account: no such rental trip of its vendor)" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<TripView> {
    return TripView.of(await this.trips.get(caller, id));
  }

  @Post('trips/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView })
  @ApiForbiddenResponse({ description: 'The approver requested the trip (own-trip)' })
  @ApiConflictResponse({ description: 'The trip is not pending approval' })
  async approve(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DecideTripDto): Promise<TripView> {
    return TripView.of(await this.trips.approve(caller, id, body));
  }

  @Post('trips/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView })
  @ApiForbiddenResponse({ description: 'The approver requested the trip (own-trip)' })
  @ApiConflictResponse({ description: 'The trip is not pending approval' })
  async reject(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DecideTripDto): Promise<TripView> {
    return TripView.of(await this.trips.reject(caller, id, body));
  }

  @Post('trips/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: 'The vehicle and driver are free again; trip.cancelled is published' })
  @ApiConflictResponse({ description: 'The trip has started or ended' })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CancelTripDto): Promise<TripView> {
    return TripView.of(await this.trips.cancel(caller, id, body));
  }

  @Post('trips/:id/no-show')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: 'The passengers never came (空跑); trip.cancelled (outcome no-show) is published' })
  @ApiConflictResponse({ description: 'The trip is not dispatched' })
  async noShow(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CancelTripDto): Promise<TripView> {
    return TripView.of(await this.trips.noShow(caller, id, body));
  }

  @Post('trips/:id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: 'Departure with the odometer; punctuality against the requested start' })
  @ApiConflictResponse({ description: 'The trip is not dispatched' })
  @ApiUnprocessableEntityResponse({ description: 'An odometer below the vehicle’s last reading (odometerKm), or too early' })
  async start(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: StartTripDto): Promise<TripView> {
    return TripView.of(await this.trips.start(caller, id, body));
  }

  @Post('trips/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: 'Return with the odometer and costs; trip.completed is published (and vehicle.service-due when the reading reaches it)' })
  @ApiConflictResponse({ description: 'The trip is not in progress' })
  @ApiUnprocessableEntityResponse({ description: 'An odometer below the start, or an implausible distance (odometerKm)' })
  async end(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: EndTripDto): Promise<TripView> {
    return TripView.of(await this.trips.end(caller, id, body));
  }

  @Post('trips/:id/rental-confirmation')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: "The rental vendor confirms the vehicle and driver it sends, within the contract's response time or late; trip.rental-confirmed is published (after trip.rental-response-breached when late and not yet announced)" })
  @ApiForbiddenResponse({ description: 'Not a vendor account' })
  @ApiNotFoundResponse({ description: "No such trip dispatched to the caller's vendor" })
  @ApiConflictResponse({ description: 'Already confirmed, or the trip is not dispatched' })
  @ApiUnprocessableEntityResponse({ description: 'A plate, driver or phone that is not one (naming the field)' })
  async confirmRental(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RentalConfirmationDto): Promise<TripView> {
    return TripView.of(await this.trips.confirmRental(caller, id, body));
  }

  @Post('trips/:id/rating')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: 'The requester rated the trip, once; trip.rated is published' })
  @ApiConflictResponse({ description: 'Not completed, or already rated' })
  async rate(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RateTripDto): Promise<TripView> {
    return TripView.of(await this.trips.rate(caller, id, body));
  }

  @Get('trip-approval-policy')
  @ApiOkResponse({ type: ApprovalPolicyView, description: "The agency's rules for when a trip needs an approver (the platform's defaults until set)" })
  async policy(@CurrentCaller() caller: Caller): Promise<ApprovalPolicyView> {
    return ApprovalPolicyView.of(await this.trips.policy(caller));
  }

  @Put('trip-approval-policy')
  @ApiOkResponse({ type: ApprovalPolicyView })
  async setPolicy(@CurrentCaller() caller: Caller, @Body() body: ApprovalPolicyDto): Promise<ApprovalPolicyView> {
    return ApprovalPolicyView.of(await this.trips.setPolicy(caller, body));
  }
}
