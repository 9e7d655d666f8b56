import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { CANTEEN_STATUSES, Canteen, CanteenRegistration, CanteenStatus, closeCanteen, openCanteen, reopenCanteen } from './canteen';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const registration: CanteenRegistration = {
  id: '0c7e2a55-1f3b-4d2e-9b6a-5e4d3c2b1a00',
  agencyId: 'agency-a',
  openedBy: 'manager-1',
  name: ' 机关一食堂 ',
  location: { building: ' Building 2 ', floor: ' 1 ' },
  capacity: 240,
  mealPeriods: ['dinner', 'breakfast', 'lunch'],
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('opening a canteen', () => {
  it('registers an open canteen with trimmed names and the time it opened', () => {
    const canteen = openCanteen(registration, clock);
    expect(canteen).toMatchObject({ status: 'open', name: '机关一食堂', location: { building: 'Building 2', floor: '1' }, capacity: 240, openedBy: 'manager-1' });
    expect(canteen.openedAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(canteen.closure).toBeUndefined();
  });

  it('keeps the meal periods in the order of the day', () => {
    expect(openCanteen(registration, clock).mealPeriods).toEqual(['breakfast', 'lunch', 'dinner']);
  });

  it('leaves the floor out when only whitespace was given', () => {
    expect(openCanteen({ ...registration, location: { building: 'B2', floor: ' ' } }, clock).location).toEqual({ building: 'B2' });
  });

  it('requires at least one meal period', () => {
    expect(thrown(() => openCanteen({ ...registration, mealPeriods: [] }, clock))).toMatchObject({ field: 'mealPeriods' });
  });

  it('refuses a meal period listed twice', () => {
    expect(thrown(() => openCanteen({ ...registration, mealPeriods: ['lunch', 'lunch'] }, clock))).toMatchObject({ code: 'duplicate-meal-period' });
  });

  it('refuses a meal period it does not know', () => {
    expect(thrown(() => openCanteen({ ...registration, mealPeriods: ['supper'] }, clock))).toMatchObject({ code: 'unknown-meal-period' });
  });

  it.each([0, -5, 12.5, 10_001])('refuses a capacity of %p seats', (capacity) => {
    expect(thrown(() => openCanteen({ ...registration, capacity }, clock))).toMatchObject({ field: 'capacity' });
  });

  it('refuses a blank name or building', () => {
    expect(thrown(() => openCanteen({ ...registration, name: ' ' }, clock))).toBeInstanceOf(BusinessRuleViolation);
    expect(thrown(() => openCanteen({ ...registration, location: { building: ' ' } }, clock))).toMatchObject({ field: 'location.building' });
  });
});

describe('closing and reopening a canteen', () => {
  const open: Canteen = openCanteen(registration, clock);
  const closingDay = new FixedClock(new Date('2026-12-20T06:00:00Z'));
  const reopeningDay = new FixedClock(new Date('2027-01-04T06:00:00Z'));

  it('closes an open canteen with the reason, who closed it and when', () => {
    const closed = closeCanteen(open, { closedBy: 'manager-2', reason: ' kitchen renovation ' }, closingDay);
    expect(closed.status).toBe('closed');
    expect(closed.closure).toEqual({ reason: 'kitchen renovation', closedBy: 'manager-2', closedAt: new Date('2026-12-20T06:00:00Z') });
  });

  it('refuses to close a canteen that is already closed, naming the current state', () => {
    const closed = closeCanteen(open, { closedBy: 'manager-2', reason: 'kitchen renovation' }, closingDay);
    const error = thrown(() => closeCanteen(closed, { closedBy: 'manager-2', reason: 'again' }, closingDay));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe('closed');
  });

  it('requires a reason to close', () => {
    expect(thrown(() => closeCanteen(open, { closedBy: 'manager-2', reason: '  ' }, closingDay))).toMatchObject({ field: 'reason' });
  });

  it('reopens a closed canteen, ending the closure', () => {
    const closed = closeCanteen(open, { closedBy: 'manager-2', reason: 'kitchen renovation' }, closingDay);
    const reopened = reopenCanteen(closed, reopeningDay);
    expect(reopened.status).toBe('open');
    expect(reopened.closure).toBeUndefined();
    expect(reopened.reopenedAt).toEqual(new Date('2027-01-04T06:00:00Z'));
    expect(reopened.mealPeriods).toEqual(open.mealPeriods);
  });

  it('refuses to reopen a canteen that is open', () => {
    const error = thrown(() => reopenCanteen(open, reopeningDay));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe('open');
  });

  it('can close again after reopening', () => {
    const closed = closeCanteen(open, { closedBy: 'manager-2', reason: 'kitchen renovation' }, closingDay);
    const again = closeCanteen(reopenCanteen(closed, reopeningDay), { closedBy: 'manager-2', reason: 'food-safety inspection' }, reopeningDay);
    expect(again.closure?.reason).toBe('food-safety inspection');
  });
});

/*
 * The whole state × action table, written out from the business: an open canteen closes (with a
 * reason) until further notice and reopens; closing a closed one or reopening an open one is an
 * illegal transition naming the state ('409').
 */
type CanteenAction = 'close' | 'reopen';
const CANTEEN_TABLE: Record<CanteenStatus, Record<CanteenAction, CanteenStatus | '409'>> = {
  open: { close: 'closed', reopen: '409' },
  closed: { close: '409', reopen: 'open' },
};

describe('the canteen state × action table', () => {
  const opened = openCanteen(registration, clock);
  const inState: Record<CanteenStatus, () => Canteen> = {
    open: () => opened,
    closed: () => closeCanteen(opened, { closedBy: 'manager-1', reason: 'kitchen renovation' }, clock),
  };
  const perform: Record<CanteenAction, (canteen: Canteen) => Canteen> = {
    close: (canteen) => closeCanteen(canteen, { closedBy: 'manager-1', reason: 'food-safety inspection failed' }, clock),
    reopen: (canteen) => reopenCanteen(canteen, clock),
  };
  const cells = CANTEEN_STATUSES.flatMap((state) => (Object.keys(perform) as CanteenAction[]).map((action) => [state, action, CANTEEN_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(CANTEEN_TABLE).sort()).toEqual([...CANTEEN_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState[state]())).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState[state]()).status).toBe(expected);
    }
  });
});
