import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FoodWasteRecorded, MealRated, MealServed } from '@houqin/contracts';
import { BusinessRuleViolation, Clock, DuplicateError, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { Outbox, recordIdempotentCommand } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { isUniqueViolation } from '@houqin/persistence';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { AccountsService } from '../accounts/accounts.service';
import { MealOutcome } from '../accounts/domain/ledger';
import { manages } from '../caller-scope';
import { CanteenSummary, CanteensRepository } from '../canteens/canteens.repository';
import { MealPeriod } from '../canteens/domain/canteen';
import { Dish } from '../menus/domain/dish';
import { MenusRepository } from '../menus/menus.repository';
import { OperatorsService } from '../operators/operators.service';
import { MealPeriodSettings, mealPeriodSettings, periodServingAt, servingTimes, settingsOrDefault } from './domain/meal-period';
import {
  BookedDish,
  Reservation,
  ReservationStatus,
  approveReception,
  book,
  cancel,
  forecast,
  markNoShow,
  mealName,
  periodFull,
  rate,
  recordWaste,
  rejectReception,
  serve,
} from './domain/reservation';
import { ReservationsRepository, WasteRecord } from './reservations.repository';

export interface BookingInput {
  date: string;
  period: MealPeriod;
  dishIds: string[];
}

export interface ReceptionInput extends BookingInput {
  departmentId: string;
  guests: number;
  hosts?: number;
  budgetLine: string;
  purpose: string;
}

export interface MealTrace {
  meal: Reservation;
  dishes: Array<Pick<Dish, 'id' | 'name' | 'allergens' | 'ingredients'>>;
}

/** Use cases of meal periods, bookings, serving, ratings and food waste. */
@Injectable()
export class ReservationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly reservations: ReservationsRepository,
    private readonly canteens: CanteensRepository,
    private readonly menus: MenusRepository,
    private readonly operators: OperatorsService,
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async setMealPeriod(caller: Caller, canteenId: string, period: MealPeriod, input: Omit<MealPeriodSettings, 'canteenId' | 'period'>): Promise<MealPeriodSettings> {
    return this.dataSource.transaction(async (manager) => {
      const canteen = await this.canteens.load(manager, caller.agencyId, canteenId, { forUpdate: true });
      if (!canteen.mealPeriods.includes(period)) throw new BusinessRuleViolation('period-not-served', `${canteen.name} does not serve ${period}`, 'period');
      const settings = mealPeriodSettings({ canteenId, period, ...input }, canteen.capacity);
      await this.reservations.saveMealPeriod(manager, caller.agencyId, settings);
      return settings;
    });
  }

  async mealPeriods(caller: Caller, canteenId: string): Promise<MealPeriodSettings[]> {
    const canteen = await this.operators.visibleCanteen(this.dataSource.manager, caller, canteenId);
    return this.settingsOf(this.dataSource.manager, canteen);
  }

  /**
   * A staff member books their own meal; its price is held on the account at booking (预授权冻结,
   * key `reservation:<id>`): it counts against the balance and the overdraft limit, and is charged
   * only when the meal is served (or not collected).
   */
  async bookMeal(caller: Caller, canteenId: string, input: BookingInput): Promise<Reservation> {
    return this.dataSource.transaction(async (manager) => {
      const prepared = await this.prepare(manager, caller, canteenId, input);
      const reservation = book({ ...prepared, kind: 'staff', dinerId: caller.userId, bookedBy: caller.userId }, this.clock.now());
      await this.takeSeats(manager, prepared.canteen, prepared.settings, reservation);
      await this.insert(manager, reservation);
      const held = await this.payOrRefuse(manager, caller.agencyId, caller.userId, {
        kind: 'hold',
        amountFen: reservation.amountFen,
        key: `reservation:${reservation.id}`,
        note: `${mealName(prepared.canteenName, reservation.serviceDate, reservation.period)}: booked (订餐冻结)`,
        by: caller.userId,
      });
      const withHold = held ? { ...reservation, chargeEntryId: held } : reservation;
      await this.reservations.save(manager, withHold, 1);
      // A booking publishes nothing: its Idempotency-Key is recorded here, so a retry Redis forgot is refused as applied.
      await recordIdempotentCommand(manager, reservation.id);
      return withHold;
    });
  }

  /** A department books a reception meal (公务接待) for its guests, against a budget line; it waits for the manager's approval. */
  async bookReception(caller: Caller, canteenId: string, input: ReceptionInput): Promise<Reservation> {
    return this.dataSource.transaction(async (manager) => {
      const prepared = await this.prepare(manager, caller, canteenId, input);
      const reservation = book(
        { ...prepared, kind: 'reception', departmentId: input.departmentId, guests: input.guests, hosts: input.hosts ?? 1, budgetLine: input.budgetLine, purpose: input.purpose, bookedBy: caller.userId },
        this.clock.now(),
      );
      await this.takeSeats(manager, prepared.canteen, prepared.settings, reservation);
      await this.insert(manager, reservation);
      await recordIdempotentCommand(manager, reservation.id);
      return reservation;
    });
  }

  async cancel(caller: Caller, id: string): Promise<Reservation> {
    return this.dataSource.transaction(async (manager) => {
      const { reservation, version } = await this.reservations.load(manager, caller.agencyId, id, true);
      const cancelled = cancel(reservation, { userId: caller.userId, manages: manages(caller) }, this.clock.now());
      await this.reservations.save(manager, cancelled, version);
      await this.reservations.releaseSeats(manager, cancelled);
      await recordIdempotentCommand(manager, cancelled.id);
      // The hold is released: that is the refund of a cancelled booking.
      return this.settle(manager, cancelled, 'cancelled', caller.userId);
    });
  }

  async decideReception(caller: Caller, id: string, approve: boolean): Promise<Reservation> {
    return this.dataSource.transaction(async (manager) => {
      const { reservation, version } = await this.reservations.load(manager, caller.agencyId, id, true);
      const now = this.clock.now();
      const decided = approve ? approveReception(reservation, caller.userId, now) : rejectReception(reservation, caller.userId, now);
      await this.reservations.save(manager, decided, version);
      if (!approve) await this.reservations.releaseSeats(manager, decided);
      return decided;
    });
  }

  async list(caller: Caller, canteenId: string, filter: { date?: string; period?: MealPeriod; status?: ReservationStatus }, limit: number): Promise<Reservation[]> {
    await this.operators.visibleCanteen(this.dataSource.manager, caller, canteenId);
    return this.reservations.list(this.dataSource.manager, { agencyId: caller.agencyId, canteenId, ...filter }, limit);
  }

  async mine(caller: Caller, limit: number): Promise<Reservation[]> {
    return this.reservations.list(this.dataSource.manager, { agencyId: caller.agencyId, person: caller.userId }, limit);
  }

  /** The kitchen's forecast for a period: its capacity, the meals taken, portions per dish. */
  async forecast(caller: Caller, canteenId: string, date: string, period: MealPeriod) {
    const manager = this.dataSource.manager;
    const canteen = await this.operators.visibleCanteen(manager, caller, canteenId);
    const settings = settingsOrDefault((await this.reservations.mealPeriods(manager, canteenId)).find((s) => s.period === period), canteen, period);
    const service = await this.reservations.service(manager, canteenId, date, period);
    const booked = await this.reservations.list(manager, { agencyId: caller.agencyId, canteenId, date, period }, 100_000);
    return { canteenId, date, period, capacity: service?.capacity ?? settings.capacity, taken: service?.taken ?? 0, dishes: forecast(booked) };
  }

  /**
   * Check-in at the counter (刷卡/扫码就餐): by QR token or staff id, in the period being served now.
   * A booking is served; without one, a walk-in with dishes is served and charged while seats are left.
   */
  async checkIn(caller: Caller, canteenId: string, input: { qrToken?: string; staffId?: string; dishIds?: string[]; idempotencyKey?: string }): Promise<Reservation> {
    if (!input.qrToken && !input.staffId) throw new BusinessRuleViolation('who-required', 'check in by QR token or staff id', 'staffId');
    return this.dataSource.transaction(async (manager) => {
      const canteen = await this.canteens.load(manager, caller.agencyId, canteenId);
      await this.operators.mustRunCanteen(manager, caller, canteenId);
      const now = this.clock.now();
      const serving = periodServingAt(await this.settingsOf(manager, canteen), now);
      if (!serving) throw new IllegalTransitionError(`canteen ${canteen.name}`, 'not serving now', 'check a diner in');
      const where = { agencyId: caller.agencyId, canteenId, date: serving.date, period: serving.settings.period };
      const found = await this.reservations.findBooked(manager, input.qrToken ? { ...where, qrToken: input.qrToken } : { ...where, dinerId: input.staffId! });
      if (found && (found.status !== 'cancelled' && found.status !== 'rejected')) {
        const served = serve(found, { by: caller.userId, servingDate: serving.date, period: serving.settings.period }, now);
        // The hold taken at booking becomes the charge (就餐扣费) in the serving's transaction.
        const charged = await this.settle(manager, served, 'served', caller.userId);
        await this.reservations.save(manager, charged, await this.versionOf(manager, caller.agencyId, served.id));
        return this.served(manager, caller, charged);
      }
      if (input.qrToken) throw new NotFoundError('reservation', 'with this QR token for the period being served');
      if (!input.dishIds || input.dishIds.length === 0) throw new BusinessRuleViolation('dishes-required', `${input.staffId} has no booking for ${serving.settings.period}; a walk-in names the dishes taken`, 'dishIds');
      return this.walkIn(manager, caller, canteen, serving, input.staffId!, input.dishIds, input.idempotencyKey);
    });
  }

  async trace(caller: Caller, id: string): Promise<MealTrace> {
    const manager = this.dataSource.manager;
    const { reservation } = await this.reservations.load(manager, caller.agencyId, id);
    if (reservation.status !== 'served') throw new IllegalTransitionError('meal', reservation.status, 'trace (only a served meal has dishes served)');
    const dishes = await this.reservations.servedDishes(manager, id);
    return { meal: reservation, dishes: dishes.map((dish) => ({ id: dish.id, name: dish.name, allergens: dish.allergens, ingredients: dish.ingredients })) };
  }

  async rate(caller: Caller, id: string, input: { score: number; comment?: string }): Promise<{ score: number; comment?: string; ratedAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      const { reservation } = await this.reservations.load(manager, caller.agencyId, id);
      const rating = rate(reservation, { by: caller.userId, ...input });
      const ratedAt = this.clock.now();
      const inserted = await this.reservations.insertRating(manager, { reservationId: id, agencyId: caller.agencyId, canteenId: reservation.canteenId, ...rating, ratedBy: caller.userId, ratedAt });
      if (!inserted) throw new DuplicateError('meal-rating', 'reservationId', 'this meal was rated already: a meal is rated once');
      await this.outbox.append(
        manager,
        MealRated.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            mealId: id,
            canteenId: reservation.canteenId,
            score: rating.score,
            ...(rating.comment ? { comment: rating.comment } : {}),
            ...operatorOf(reservation),
            ratedBy: caller.userId,
            ratedAt: ratedAt.toISOString(),
          },
        }),
      );
      return { ...rating, ratedAt };
    });
  }

  async recordWaste(caller: Caller, canteenId: string, input: { date: string; period: MealPeriod; wasteGrams: number }): Promise<WasteRecord> {
    return this.dataSource.transaction(async (manager) => {
      const canteen = await this.canteens.load(manager, caller.agencyId, canteenId);
      await this.operators.mustRunCanteen(manager, caller, canteenId);
      const settings = settingsOrDefault((await this.reservations.mealPeriods(manager, canteenId)).find((s) => s.period === input.period), canteen, input.period);
      const now = this.clock.now();
      const mealsServed = await this.reservations.servedCovers(manager, canteenId, input.date, input.period);
      recordWaste({ wasteGrams: input.wasteGrams, mealsServed, servingEndsAt: servingTimes(settings, input.date).endsAt }, now);
      const waste: WasteRecord = { id: randomUUID(), canteenId, serviceDate: input.date, period: input.period, wasteGrams: input.wasteGrams, mealsServed, recordedBy: caller.userId, recordedAt: now };
      if (!(await this.reservations.insertWaste(manager, caller.agencyId, waste))) {
        throw new DuplicateError('food-waste', 'period', `the food waste of ${canteen.name} ${input.period} on ${input.date} was recorded already`);
      }
      const operator = await this.operators.current(manager, caller.agencyId, canteenId);
      await this.outbox.append(
        manager,
        FoodWasteRecorded.create({
          subject: canteenId,
          origin: eventOrigin(caller),
          data: {
            canteenId,
            serviceDate: input.date,
            period: input.period,
            wasteGrams: input.wasteGrams,
            mealsServed,
            ...(operator ? { vendorId: operator.vendorId, contractId: operator.contractId } : {}),
            recordedBy: caller.userId,
            recordedAt: now.toISOString(),
          },
        }),
      );
      return waste;
    });
  }

  async waste(caller: Caller, canteenId: string, limit: number): Promise<WasteRecord[]> {
    await this.operators.visibleCanteen(this.dataSource.manager, caller, canteenId);
    return this.reservations.waste(this.dataSource.manager, canteenId, limit);
  }

  /**
   * One pass of the no-show sweep's claim: booked meals whose serving ended. The kitchen cooked the
   * meal, so its hold is captured as the charge (预订未就餐扣费), as at the counter.
   */
  async markNoShows(manager: EntityManager, batch: number): Promise<string[]> {
    const now = this.clock.now();
    const claimed = await this.reservations.claimNoShows(manager, now, batch);
    for (const { reservation, version } of claimed) {
      const noShow = markNoShow(reservation, now);
      if (!noShow) continue;
      await this.reservations.save(manager, await this.settle(manager, noShow, 'no-show', 'system'), version);
    }
    return claimed.map(({ reservation }) => reservation.id);
  }

  private async prepare(manager: EntityManager, caller: Caller, canteenId: string, input: BookingInput) {
    const canteen = await this.canteens.load(manager, caller.agencyId, canteenId);
    if (!canteen.mealPeriods.includes(input.period)) throw new BusinessRuleViolation('period-not-served', `${canteen.name} does not serve ${input.period}`, 'period');
    const settings = settingsOrDefault((await this.reservations.mealPeriods(manager, canteenId)).find((s) => s.period === input.period), canteen, input.period);
    const times = servingTimes(settings, input.date);
    const dishes = await this.chosenDishes(manager, canteen, input);
    const operator = await this.operators.current(manager, caller.agencyId, canteenId);
    return {
      canteen,
      settings,
      id: randomUUID(),
      agencyId: caller.agencyId,
      canteenId,
      canteenName: canteen.name,
      serviceDate: input.date,
      period: input.period,
      dishes,
      qrToken: randomBytes(18).toString('base64url'),
      cutoffAt: times.cutoffAt,
      servingEndsAt: times.endsAt,
      ...(operator ? { operator: { vendorId: operator.vendorId, contractId: operator.contractId } } : {}),
      canteenOpen: canteen.open,
    };
  }

  private async chosenDishes(manager: EntityManager, canteen: CanteenSummary, input: BookingInput): Promise<BookedDish[]> {
    const offer = await this.menus.offer(manager, canteen.id, input.date, input.period);
    const chosen = [...new Set(input.dishIds.map((id) => id.toLowerCase()))];
    const missing = chosen.find((id) => !offer.some((dish) => dish.id === id));
    if (missing) throw new BusinessRuleViolation('dish-not-on-menu', `dish ${missing} is not on the published menu of ${canteen.name} ${input.period} on ${input.date}`, 'dishIds');
    return offer.filter((dish) => chosen.includes(dish.id)).map((dish) => ({ dishId: dish.id, name: dish.name, priceFen: dish.priceFen }));
  }

  private async takeSeats(manager: EntityManager, canteen: CanteenSummary, settings: MealPeriodSettings, reservation: Reservation): Promise<void> {
    const taken = await this.reservations.takeSeats(manager, { agencyId: reservation.agencyId, canteenId: canteen.id, date: reservation.serviceDate, period: reservation.period, capacity: settings.capacity }, reservation.covers);
    if (!taken) throw periodFull(canteen.name, reservation.serviceDate, reservation.period);
  }

  private async insert(manager: EntityManager, reservation: Reservation): Promise<void> {
    try {
      await this.reservations.insert(manager, reservation);
    } catch (error) {
      if (isUniqueViolation(error, 'reservation_one_per_diner')) {
        throw new DuplicateError('reservation', 'date', `${reservation.dinerId} has a booking for ${reservation.period} on ${reservation.serviceDate} already`);
      }
      throw error;
    }
  }

  /** Holds (a booking) or charges (a walk-in) the diner's account; a meal of 0 fen takes nothing. Answers the entry's id. */
  private async payOrRefuse(
    manager: EntityManager,
    agencyId: string,
    staffId: string,
    payment: { kind: 'hold' | 'charge'; amountFen: number; key: string; note: string; by: string },
  ): Promise<string | undefined> {
    if (payment.amountFen === 0) return undefined;
    try {
      const { entry } = await this.accounts.postIn(manager, agencyId, staffId, {
        kind: payment.kind,
        amountFen: payment.amountFen,
        idempotencyKey: payment.key,
        reference: payment.key,
        note: payment.note,
        recordedBy: payment.by,
      });
      return entry.id;
    } catch (error) {
      if (error instanceof NotFoundError) throw new BusinessRuleViolation('no-meal-account', `${staffId} has no meal account to pay from`, 'staffId');
      throw error;
    }
  }

  private async walkIn(
    manager: EntityManager,
    caller: Caller,
    canteen: CanteenSummary,
    serving: { settings: MealPeriodSettings; date: string },
    staffId: string,
    dishIds: string[],
    idempotencyKey: string | undefined,
  ): Promise<Reservation> {
    const now = this.clock.now();
    const dishes = await this.chosenDishes(manager, canteen, { date: serving.date, period: serving.settings.period, dishIds });
    const operator = await this.operators.current(manager, caller.agencyId, canteen.id);
    const times = servingTimes(serving.settings, serving.date);
    const id = randomUUID();
    const amountFen = dishes.reduce((sum, dish) => sum + dish.priceFen, 0);
    const taken = await this.reservations.takeSeats(manager, { agencyId: caller.agencyId, canteenId: canteen.id, date: serving.date, period: serving.settings.period, capacity: serving.settings.capacity }, 1);
    if (!taken) throw periodFull(canteen.name, serving.date, serving.settings.period);
    const walkIn: Reservation = {
      id,
      agencyId: caller.agencyId,
      canteenId: canteen.id,
      serviceDate: serving.date,
      period: serving.settings.period,
      kind: 'walk-in',
      dinerId: staffId,
      guests: 0,
      covers: 1,
      dishes,
      amountFen,
      status: 'served',
      qrToken: randomBytes(18).toString('base64url'),
      cutoffAt: times.cutoffAt,
      servingEndsAt: times.endsAt,
      ...(operator ? { vendorId: operator.vendorId, contractId: operator.contractId } : {}),
      bookedBy: caller.userId,
      bookedAt: now,
      servedAt: now,
      servedBy: caller.userId,
    };
    await this.insert(manager, walkIn);
    const charged = await this.payOrRefuse(manager, caller.agencyId, staffId, {
      kind: 'charge',
      amountFen,
      key: idempotencyKey ?? `walk-in:${canteen.id}:${serving.date}:${serving.settings.period}:${staffId}`,
      note: `${mealName(canteen.name, serving.date, serving.settings.period)}: walk-in served (现场就餐扣费)`,
      by: caller.userId,
    });
    const withCharge = charged ? { ...walkIn, chargeEntryId: charged } : walkIn;
    await this.reservations.save(manager, withCharge, 1);
    return this.served(manager, caller, withCharge);
  }

  /** Records what was served (the dishes as they were, for traceability) and publishes meal.served. */
  private async served(manager: EntityManager, caller: Caller, meal: Reservation): Promise<Reservation> {
    const dishes = await this.menus.dishes(manager, meal.canteenId, meal.dishes.map((dish) => dish.dishId));
    await this.reservations.recordServedDishes(manager, meal.id, dishes);
    await this.outbox.append(
      manager,
      MealServed.create({
        subject: meal.id,
        origin: eventOrigin(caller),
        data: {
          mealId: meal.id,
          canteenId: meal.canteenId,
          serviceDate: meal.serviceDate,
          period: meal.period,
          kind: meal.kind,
          ...(meal.dinerId ? { dinerId: meal.dinerId } : {}),
          ...(meal.departmentId ? { departmentId: meal.departmentId } : {}),
          covers: meal.covers,
          dishIds: meal.dishes.map((dish) => dish.dishId),
          amountFen: meal.amountFen,
          ...operatorOf(meal),
          servedBy: caller.userId,
          servedAt: meal.servedAt!.toISOString(),
        },
      }),
    );
    return meal;
  }

  /**
   * Settles the meal's payment (its hold, or a charge taken at booking before holds existed); a
   * captured hold leaves the meal paid by the charge (`chargeEntryId` then names the charge).
   */
  private async settle(manager: EntityManager, meal: Reservation, outcome: MealOutcome, by: string): Promise<Reservation> {
    if (!meal.chargeEntryId || !meal.dinerId) return meal;
    const canteen = await this.canteens.load(manager, meal.agencyId, meal.canteenId);
    const paying = await this.accounts.settleMeal(manager, meal.agencyId, meal.dinerId, meal.chargeEntryId, outcome, {
      reservationId: meal.id,
      name: mealName(canteen.name, meal.serviceDate, meal.period),
      by,
    });
    return paying && paying !== meal.chargeEntryId ? { ...meal, chargeEntryId: paying } : meal;
  }

  private async versionOf(manager: EntityManager, agencyId: string, id: string): Promise<number> {
    return (await this.reservations.load(manager, agencyId, id)).version;
  }

  private async settingsOf(manager: EntityManager, canteen: CanteenSummary): Promise<MealPeriodSettings[]> {
    const own = await this.reservations.mealPeriods(manager, canteen.id);
    return canteen.mealPeriods.map((period) => settingsOrDefault(own.find((settings) => settings.period === period), canteen, period));
  }
}

function operatorOf(meal: Reservation): { vendorId?: string; contractId?: string } {
  return { ...(meal.vendorId ? { vendorId: meal.vendorId } : {}), ...(meal.contractId ? { contractId: meal.contractId } : {}) };
}
