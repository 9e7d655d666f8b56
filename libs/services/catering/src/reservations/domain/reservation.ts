import { BusinessRuleViolation, IllegalTransitionError, NotPermittedError } from '@houqin/domain';
import { MealPeriod } from '../../canteens/domain/canteen';

/**
 * Meal reservations (订餐). A staff member books a meal from the published menu before the
 * period's cut-off (the price is held on the account at booking, 预授权冻结) and may cancel before
 * the cut-off (the hold released: the refund). A department books a reception meal (公务接待) for
 * its guests against a budget line; the manager approves it — never the person who asked for it —
 * and it is paid from the budget line, not a meal account. At the counter a booked meal is served
 * (the hold captured as the charge); a walk-in is served (and charged) on the spot while seats are
 * left; a booked meal nobody came for is a no-show once serving ends (charged too: it was cooked).
 *
 * staff: booked → served | cancelled | no-show
 * reception: pending-approval → booked | rejected; booked → served | cancelled | no-show
 * walk-in: served
 */
export const RESERVATION_STATUSES = ['pending-approval', 'booked', 'cancelled', 'rejected', 'served', 'no-show'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
export const RESERVATION_KINDS = ['staff', 'walk-in', 'reception'] as const;
export type ReservationKind = (typeof RESERVATION_KINDS)[number];

/** A reception meal for more than this many guests is a banquet, out of the canteen's scope. */
export const MAX_GUESTS = 50;

/** A dish as booked: its price and name at the time, so later edits change no booking. */
export interface BookedDish {
  dishId: string;
  name: string;
  priceFen: number;
}

export interface Reservation {
  id: string;
  agencyId: string;
  canteenId: string;
  serviceDate: string;
  period: MealPeriod;
  kind: ReservationKind;
  /** The staff member who eats (absent for a reception meal). */
  dinerId?: string;
  departmentId?: string;
  guests: number;
  /** Meals it takes from the period's capacity. */
  covers: number;
  budgetLine?: string;
  purpose?: string;
  dishes: BookedDish[];
  /** What the meal costs: the dishes' prices times the covers. */
  amountFen: number;
  status: ReservationStatus;
  /** Shown as a QR code at the counter. */
  qrToken: string;
  cutoffAt: Date;
  servingEndsAt: Date;
  vendorId?: string;
  contractId?: string;
  /** The ledger entry paying for it: the hold taken at booking, the charge once served or not collected (a walk-in's charge). */
  chargeEntryId?: string;
  bookedBy: string;
  bookedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  cancelledAt?: Date;
  servedAt?: Date;
  servedBy?: string;
}

export interface Booking {
  id: string;
  agencyId: string;
  canteenId: string;
  canteenName: string;
  serviceDate: string;
  period: MealPeriod;
  kind: 'staff' | 'reception';
  dinerId?: string;
  departmentId?: string;
  guests?: number;
  hosts?: number;
  budgetLine?: string;
  purpose?: string;
  /** The dishes chosen, from the period's published menu. */
  dishes: BookedDish[];
  qrToken: string;
  cutoffAt: Date;
  servingEndsAt: Date;
  operator?: { vendorId: string; contractId: string };
  bookedBy: string;
  canteenOpen: boolean;
}

export function mealName(canteenName: string, date: string, period: MealPeriod): string {
  return `${canteenName} ${period} on ${date}`;
}

/** Before the cut-off only, from the published menu, in an open canteen. */
export function book(booking: Booking, at: Date): Reservation {
  const meal = mealName(booking.canteenName, booking.serviceDate, booking.period);
  if (!booking.canteenOpen) throw new IllegalTransitionError(`canteen ${booking.canteenName}`, 'closed', `take bookings for ${meal}`);
  if (at.getTime() >= booking.cutoffAt.getTime()) throw new IllegalTransitionError(`booking for ${meal}`, 'closed', `book after the cut-off at ${booking.cutoffAt.toISOString()}`);
  if (booking.dishes.length === 0) throw new BusinessRuleViolation('dishes-required', `choose at least one dish of the published menu for ${meal}`, 'dishIds');
  let covers = 1;
  if (booking.kind === 'reception') {
    const guests = booking.guests ?? 0;
    const hosts = booking.hosts ?? 1;
    if (!Number.isInteger(guests) || guests < 1 || guests > MAX_GUESTS) throw new BusinessRuleViolation('invalid-guests', `a reception meal is for 1 to ${MAX_GUESTS} guests`, 'guests');
    if (!Number.isInteger(hosts) || hosts < 1 || hosts > 10) throw new BusinessRuleViolation('invalid-hosts', 'a reception meal has 1 to 10 hosts', 'hosts');
    if (!booking.departmentId) throw new BusinessRuleViolation('department-required', 'a reception meal is booked by a department', 'departmentId');
    if (!booking.budgetLine?.trim()) throw new BusinessRuleViolation('budget-line-required', 'a reception meal is paid from a budget line (公务接待费)', 'budgetLine');
    if (!booking.purpose?.trim()) throw new BusinessRuleViolation('purpose-required', 'say whom the reception is for and why', 'purpose');
    covers = guests + hosts;
  } else if (!booking.dinerId) {
    throw new BusinessRuleViolation('diner-required', 'a staff booking names the staff member who eats', 'staffId');
  }
  const amountFen = booking.dishes.reduce((sum, dish) => sum + dish.priceFen, 0) * covers;
  return {
    id: booking.id,
    agencyId: booking.agencyId,
    canteenId: booking.canteenId,
    serviceDate: booking.serviceDate,
    period: booking.period,
    kind: booking.kind,
    ...(booking.dinerId && booking.kind === 'staff' ? { dinerId: booking.dinerId } : {}),
    ...(booking.departmentId ? { departmentId: booking.departmentId } : {}),
    guests: booking.kind === 'reception' ? (booking.guests ?? 0) : 0,
    covers,
    ...(booking.kind === 'reception' ? { budgetLine: booking.budgetLine!.trim(), purpose: booking.purpose!.trim() } : {}),
    dishes: booking.dishes,
    amountFen,
    status: booking.kind === 'reception' ? 'pending-approval' : 'booked',
    qrToken: booking.qrToken,
    cutoffAt: booking.cutoffAt,
    servingEndsAt: booking.servingEndsAt,
    ...(booking.operator ? { vendorId: booking.operator.vendorId, contractId: booking.operator.contractId } : {}),
    bookedBy: booking.bookedBy,
    bookedAt: at,
  };
}

/** Whether a period with `taken` of `capacity` meals has room for `covers` more. */
export function hasRoom(capacity: number, taken: number, covers: number): boolean {
  return taken + covers <= capacity;
}

/** The 409 of a full period, naming the canteen and the period. */
export function periodFull(canteenName: string, date: string, period: MealPeriod): IllegalTransitionError {
  return new IllegalTransitionError(`meal period ${mealName(canteenName, date, period)}`, 'full', 'take another booking');
}

/** The staff member who booked, or an operator for them, cancels before the cut-off; a reception meal also before approval. */
export function cancel(reservation: Reservation, by: { userId: string; manages: boolean }, at: Date): Reservation {
  if (reservation.status !== 'booked' && reservation.status !== 'pending-approval') throw new IllegalTransitionError('reservation', reservation.status, 'cancel');
  if (!by.manages && by.userId !== reservation.bookedBy && by.userId !== reservation.dinerId) {
    throw new NotPermittedError('not-your-booking', 'only the person who booked, or a manager, cancels a booking', 'reservationId');
  }
  if (at.getTime() >= reservation.cutoffAt.getTime()) throw new IllegalTransitionError('reservation', 'past its cut-off', 'cancel');
  return { ...reservation, status: 'cancelled', cancelledAt: at };
}

/** The manager approves a reception meal; the person who asked for it never approves it. */
export function approveReception(reservation: Reservation, by: string, at: Date): Reservation {
  if (reservation.kind !== 'reception' || reservation.status !== 'pending-approval') throw new IllegalTransitionError('reservation', reservation.status, 'approve');
  if (by === reservation.bookedBy) throw new NotPermittedError('own-request', 'a requester never approves their own reception meal', 'reservationId');
  return { ...reservation, status: 'booked', decidedBy: by, decidedAt: at };
}

export function rejectReception(reservation: Reservation, by: string, at: Date): Reservation {
  if (reservation.kind !== 'reception' || reservation.status !== 'pending-approval') throw new IllegalTransitionError('reservation', reservation.status, 'reject');
  if (by === reservation.bookedBy) throw new NotPermittedError('own-request', 'a requester never decides their own reception meal', 'reservationId');
  return { ...reservation, status: 'rejected', decidedBy: by, decidedAt: at };
}

/** Served at the counter, within the period's serving window, once. */
export function serve(reservation: Reservation, input: { by: string; servingDate: string; period: MealPeriod }, at: Date): Reservation {
  if (reservation.status !== 'booked') throw new IllegalTransitionError('reservation', reservation.status, 'serve');
  if (reservation.serviceDate !== input.servingDate || reservation.period !== input.period) {
    throw new IllegalTransitionError('reservation', `booked for ${reservation.period} on ${reservation.serviceDate}`, `serve at ${input.period} on ${input.servingDate}`);
  }
  return { ...reservation, status: 'served', servedAt: at, servedBy: input.by };
}

/** A booked meal nobody came for once serving ended. */
export function markNoShow(reservation: Reservation, at: Date): Reservation | undefined {
  if (reservation.status !== 'booked' || at.getTime() < reservation.servingEndsAt.getTime()) return undefined;
  return { ...reservation, status: 'no-show' };
}

/** The kitchen's forecast (备餐预测): booked and served covers per dish. */
export function forecast(reservations: readonly Reservation[]): Array<{ dishId: string; name: string; portions: number }> {
  const byDish = new Map<string, { dishId: string; name: string; portions: number }>();
  for (const reservation of reservations) {
    if (reservation.status !== 'booked' && reservation.status !== 'served' && reservation.status !== 'pending-approval') continue;
    for (const dish of reservation.dishes) {
      const current = byDish.get(dish.dishId) ?? { dishId: dish.dishId, name: dish.name, portions: 0 };
      byDish.set(dish.dishId, { ...current, portions: current.portions + reservation.covers });
    }
  }
  return [...byDish.values()].sort((a, b) => b.portions - a.portions || (a.name < b.name ? -1 : 1));
}

/** A rating (评价) of a served meal by the person who ate it, once, 1–5. */
export function rate(reservation: Reservation, input: { by: string; score: number; comment?: string }): { score: number; comment?: string } {
  if (reservation.status !== 'served') throw new IllegalTransitionError('meal', reservation.status, 'rate');
  if (input.by !== reservation.dinerId && input.by !== reservation.bookedBy) throw new NotPermittedError('not-your-meal', 'only the person served rates the meal', 'reservationId');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new BusinessRuleViolation('invalid-score', 'a rating is a whole number from 1 to 5', 'score');
  const comment = input.comment?.trim();
  return { score: input.score, ...(comment ? { comment } : {}) };
}

/** Food waste (餐厨浪费) of a served period, in grams, with the meals it was served over. */
export function recordWaste(input: { wasteGrams: number; mealsServed: number; servingEndsAt: Date }, at: Date): void {
  if (!Number.isInteger(input.wasteGrams) || input.wasteGrams < 0 || input.wasteGrams > 10_000_000) {
    throw new BusinessRuleViolation('invalid-waste', 'waste is whole grams from 0 to 10,000,000', 'wasteGrams');
  }
  if (at.getTime() < input.servingEndsAt.getTime()) throw new IllegalTransitionError('meal period', 'still serving', 'record its food waste');
}
