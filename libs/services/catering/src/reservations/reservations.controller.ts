import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, OneOfParam, RequestValidationError, UuidParam } from '@houqin/service-kit';
import { MEAL_PERIODS, MealPeriod } from '../canteens/domain/canteen';
import { RESERVATION_STATUSES, ReservationStatus } from './domain/reservation';
import {
  BookMealDto,
  BookReceptionDto,
  CheckInDto,
  ForecastView,
  MealPeriodDto,
  MealPeriodView,
  MealTraceView,
  RateMealDto,
  RatingView,
  RecordWasteDto,
  ReservationView,
  WasteView,
} from './reservation.dto';
import { ReservationsService } from './reservations.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateQuery(value: unknown, required: boolean): string | undefined {
  if ((value === undefined || value === '') && !required) return undefined;
  if (typeof value !== 'string' || !DATE.test(value)) throw new RequestValidationError([{ field: 'date', rule: 'isDate', message: 'date must be a date written YYYY-MM-DD' }]);
  return value;
}

@ApiTags('reservations and serving')
@Controller()
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Put('canteens/:id/meal-periods/:period')
  @ApiOkResponse({ type: MealPeriodView, description: 'The serving window, the booking cut-off and the capacity of one meal period' })
  async setMealPeriod(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Param('period') period: string, @Body() body: MealPeriodDto): Promise<MealPeriodView> {
    if (!(MEAL_PERIODS as readonly string[]).includes(period)) throw new RequestValidationError([{ field: 'period', rule: 'isIn', message: `period must be one of ${MEAL_PERIODS.join(', ')}` }]);
    return MealPeriodView.of(await this.reservations.setMealPeriod(caller, id, period as MealPeriod, body));
  }

  @Get('canteens/:id/meal-periods')
  @ApiOkResponse({ type: [MealPeriodView], description: 'Every period the canteen serves, its own settings or the defaults' })
  async mealPeriods(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<MealPeriodView[]> {
    return (await this.reservations.mealPeriods(caller, id)).map(MealPeriodView.of);
  }

  @Post('canteens/:id/reservations')
  @ApiCreatedResponse({ type: ReservationView, description: "The caller's meal, booked and charged to their meal account" })
  @ApiConflictResponse({ description: 'The period is full (naming the canteen and period), booking has closed, or the caller has booked it already' })
  @ApiUnprocessableEntityResponse({ description: 'A dish not on the published menu, no meal account, or not enough balance' })
  async book(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: BookMealDto): Promise<ReservationView> {
    return ReservationView.of(await this.reservations.bookMeal(caller, id, body));
  }

  @Post('canteens/:id/reception-meals')
  @ApiCreatedResponse({ type: ReservationView, description: 'A reception meal (公务接待), waiting for the manager’s approval' })
  async bookReception(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: BookReceptionDto): Promise<ReservationView> {
    return ReservationView.of(await this.reservations.bookReception(caller, id, body));
  }

  @Get('canteens/:id/reservations')
  @ApiOkResponse({ type: [ReservationView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Query('date') date: unknown,
    @Query('period', new OneOfParam(MEAL_PERIODS)) period: MealPeriod | undefined,
    @Query('status', new OneOfParam(RESERVATION_STATUSES)) status: ReservationStatus | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 1000, default: 200 })) limit: number,
  ): Promise<ReservationView[]> {
    const on = dateQuery(date, false);
    return (await this.reservations.list(caller, id, { ...(on ? { date: on } : {}), ...(period ? { period } : {}), ...(status ? { status } : {}) }, limit)).map(ReservationView.of);
  }

  @Get('canteens/:id/forecast')
  @ApiOkResponse({ type: ForecastView, description: "The kitchen's headcount forecast per dish (备餐)" })
  async forecast(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Query('date') date: unknown, @Query('period', new OneOfParam(MEAL_PERIODS)) period: MealPeriod | undefined): Promise<ForecastView> {
    // The canteen first: another agency's answers 404 whatever the query says.
    await this.reservations.mealPeriods(caller, id);
    if (!period) throw new RequestValidationError([{ field: 'period', rule: 'isIn', message: `period must be one of ${MEAL_PERIODS.join(', ')}` }]);
    return this.reservations.forecast(caller, id, dateQuery(date, true)!, period);
  }

  @Get('reservations/mine')
  @ApiOkResponse({ type: [ReservationView], description: "The caller's own bookings and meals, latest first" })
  async mine(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<ReservationView[]> {
    return (await this.reservations.mine(caller, limit)).map(ReservationView.of);
  }

  @Post('reservations/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: ReservationView, description: 'Cancelled before the cut-off; the charge is refunded' })
  @ApiConflictResponse({ description: 'Past the cut-off, or not booked' })
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ReservationView> {
    return ReservationView.of(await this.reservations.cancel(caller, id));
  }

  @Post('reservations/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ReservationView })
  @ApiForbiddenResponse({ description: 'The requester never approves their own reception meal' })
  async approve(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ReservationView> {
    return ReservationView.of(await this.reservations.decideReception(caller, id, true));
  }

  @Post('reservations/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ReservationView })
  async reject(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<ReservationView> {
    return ReservationView.of(await this.reservations.decideReception(caller, id, false));
  }

  @Post('canteens/:id/check-ins')
  @ApiCreatedResponse({ type: ReservationView, description: 'Served: a booking, or a walk-in charged at the counter; meal.served is published' })
  @ApiConflictResponse({ description: 'Not serving now, served already, or the period is full' })
  @ApiNotFoundResponse({ description: 'No booking with that QR token for the period being served' })
  async checkIn(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: CheckInDto): Promise<ReservationView> {
    return ReservationView.of(await this.reservations.checkIn(caller, id, body));
  }

  @Get('meals/:id/trace')
  @ApiOkResponse({ type: MealTraceView, description: 'From a served meal to its dishes and the supplier batches of their ingredients' })
  async trace(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<MealTraceView> {
    return MealTraceView.of(await this.reservations.trace(caller, id));
  }

  @Post('meals/:id/rating')
  @ApiCreatedResponse({ type: RatingView, description: 'Once per served meal, by the person served; meal.rated is published' })
  @ApiConflictResponse({ description: 'Rated already, or not served' })
  async rate(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RateMealDto): Promise<RatingView> {
    const rating = await this.reservations.rate(caller, id, body);
    return { score: rating.score, ...(rating.comment ? { comment: rating.comment } : {}), ratedAt: rating.ratedAt.toISOString() };
  }

  @Post('canteens/:id/food-waste')
  @ApiCreatedResponse({ type: WasteView, description: 'Weighed after serving ended, once per period; food-waste.recorded is published' })
  async recordWaste(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordWasteDto): Promise<WasteView> {
    return WasteView.of(await this.reservations.recordWaste(caller, id, body));
  }

  @Get('canteens/:id/food-waste')
  @ApiOkResponse({ type: [WasteView] })
  async waste(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number): Promise<WasteView[]> {
    return (await this.reservations.waste(caller, id, limit)).map(WasteView.of);
  }
}
