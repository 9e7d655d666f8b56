import { BusinessRuleViolation, Clock, IllegalTransitionError } from '@houqin/domain';

/** The meal periods a canteen may serve, in the order of the day. */
export const MEAL_PERIODS = ['breakfast', 'lunch', 'dinner'] as const;
export type MealPeriod = (typeof MEAL_PERIODS)[number];

/** open ⇄ closed. A closure is temporary (renovation, inspection, holiday) and always has a reason. */
export const CANTEEN_STATUSES = ['open', 'closed'] as const;
export type CanteenStatus = (typeof CANTEEN_STATUSES)[number];

/** Seats beyond this are almost certainly a typing error, not a canteen. */
export const MAX_CANTEEN_CAPACITY = 10_000;

export interface CanteenLocation {
  building: string;
  floor?: string;
}

export interface CanteenClosure {
  reason: string;
  closedBy: string;
  closedAt: Date;
}

export interface Canteen {
  id: string;
  agencyId: string;
  name: string;
  location: CanteenLocation;
  /** Seats. */
  capacity: number;
  mealPeriods: MealPeriod[];
  status: CanteenStatus;
  openedBy: string;
  openedAt: Date;
  /** Present while the canteen is closed. */
  closure?: CanteenClosure;
  /** The last time a closure ended. */
  reopenedAt?: Date;
}

export type ClosedCanteen = Canteen & { status: 'closed'; closure: CanteenClosure };
export type ReopenedCanteen = Canteen & { status: 'open'; reopenedAt: Date };

export interface CanteenRegistration {
  id: string;
  agencyId: string;
  openedBy: string;
  name: string;
  location: CanteenLocation;
  capacity: number;
  mealPeriods: readonly string[];
}

/** A logistics manager registers a canteen (食堂); it opens at once. */
export function openCanteen(registration: CanteenRegistration, clock: Clock): Canteen {
  const name = registration.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the canteen a name', 'name');
  const building = registration.location.building.trim();
  if (!building) throw new BusinessRuleViolation('location-required', 'say which building the canteen is in', 'location.building');
  const floor = registration.location.floor?.trim();
  if (!Number.isInteger(registration.capacity) || registration.capacity < 1 || registration.capacity > MAX_CANTEEN_CAPACITY) {
    throw new BusinessRuleViolation('invalid-capacity', `capacity must be a whole number of seats from 1 to ${MAX_CANTEEN_CAPACITY}`, 'capacity');
  }
  return {
    id: registration.id,
    agencyId: registration.agencyId,
    name,
    location: { building, ...(floor ? { floor } : {}) },
    capacity: registration.capacity,
    mealPeriods: mealPeriods(registration.mealPeriods),
    status: 'open',
    openedBy: registration.openedBy,
    openedAt: clock.now(),
  };
}

/** Closes an open canteen until further notice; closing a closed one is refused (its closure stands). */
export function closeCanteen(canteen: Canteen, closure: { closedBy: string; reason: string }, clock: Clock): ClosedCanteen {
  if (canteen.status !== 'open') throw new IllegalTransitionError('canteen', canteen.status, 'close');
  const reason = closure.reason.trim();
  if (!reason) throw new BusinessRuleViolation('reason-required', 'give a reason for closing the canteen', 'reason');
  return { ...canteen, status: 'closed', closure: { reason, closedBy: closure.closedBy, closedAt: clock.now() } };
}

/** Ends a temporary closure. Only a closed canteen can reopen. */
export function reopenCanteen(canteen: Canteen, clock: Clock): ReopenedCanteen {
  if (canteen.status !== 'closed') throw new IllegalTransitionError('canteen', canteen.status, 'reopen');
  const { closure: _ended, ...rest } = canteen;
  return { ...rest, status: 'open', reopenedAt: clock.now() };
}

/** At least one meal period, each known and listed once; kept in the order of the day. */
function mealPeriods(periods: readonly string[]): MealPeriod[] {
  if (periods.length === 0) throw new BusinessRuleViolation('meal-periods-required', 'name at least one meal period served', 'mealPeriods');
  const unknown = periods.find((period) => !(MEAL_PERIODS as readonly string[]).includes(period));
  if (unknown !== undefined) {
    throw new BusinessRuleViolation('unknown-meal-period', `'${unknown}' is not one of ${MEAL_PERIODS.join(', ')}`, 'mealPeriods');
  }
  if (new Set(periods).size !== periods.length) {
    throw new BusinessRuleViolation('duplicate-meal-period', 'list each meal period once', 'mealPeriods');
  }
  return MEAL_PERIODS.filter((period) => periods.includes(period));
}
