import { IllegalTransitionError, NotPermittedError } from '@houqin/domain';
import { mealPeriodSettings, periodServingAt, servingTimes, settingsOrDefault } from './meal-period';
import { Booking, Reservation, approveReception, book, cancel, forecast, hasRoom, markNoShow, periodFull, rate, recordWaste, rejectReception, serve } from './reservation';

const lunch = mealPeriodSettings({ canteenId: 'c-1', period: 'lunch', servesFrom: '11:30', servesUntil: '13:00', cutoffMinutes: 120, capacity: 200 }, 100);
const times = servingTimes(lunch, '2026-12-07');
const dishes = [
  { dishId: 'd-1', name: '红烧肉', priceFen: 1_200 },
  { dishId: 'd-2', name: '米饭', priceFen: 100 },
];
const booking: Booking = {
  id: 'r-1',
  agencyId: 'agency-a',
  canteenId: 'c-1',
  canteenName: '机关一食堂',
  serviceDate: '2026-12-07',
  period: 'lunch',
  kind: 'staff',
  dinerId: 'staff-wang',
  dishes,
  qrToken: 'qr-token-1',
  cutoffAt: times.cutoffAt,
  servingEndsAt: times.endsAt,
  bookedBy: 'staff-wang',
  canteenOpen: true,
};
const beforeCutoff = new Date('2026-12-07T01:00:00Z'); // 09:00 CST
const atCutoff = new Date('2026-12-07T01:30:00Z'); // 09:30 CST
const serving = new Date('2026-12-07T03:40:00Z'); // 11:40 CST

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('meal periods (餐次)', () => {
  it('place serving and the cut-off in China Standard Time', () => {
    expect(times.startsAt.toISOString()).toBe('2026-12-07T03:30:00.000Z');
    expect(times.endsAt.toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(times.cutoffAt.toISOString()).toBe('2026-12-07T01:30:00.000Z');
  });

  it('refuse a window that ends before it starts, a bad time, a cut-off beyond a week', () => {
    expect(thrown(() => mealPeriodSettings({ ...lunch, servesUntil: '11:00' }, 100))).toMatchObject({ field: 'servesUntil' });
    expect(thrown(() => mealPeriodSettings({ ...lunch, servesFrom: '25:00' }, 100))).toMatchObject({ field: 'servesFrom' });
    expect(thrown(() => mealPeriodSettings({ ...lunch, cutoffMinutes: 7 * 24 * 60 + 1 }, 100))).toMatchObject({ field: 'cutoffMinutes' });
    expect(thrown(() => mealPeriodSettings({ ...lunch, capacity: 401 }, 100))).toMatchObject({ field: 'capacity' });
  });

  it('default to the canteen’s seats and the usual windows', () => {
    expect(settingsOrDefault(undefined, { id: 'c-1', capacity: 80 }, 'dinner')).toEqual({ canteenId: 'c-1', period: 'dinner', servesFrom: '17:30', servesUntil: '19:00', cutoffMinutes: 120, capacity: 80 });
  });

  it('know which period is being served at the counter', () => {
    expect(periodServingAt([lunch], serving)).toEqual({ settings: lunch, date: '2026-12-07' });
    expect(periodServingAt([lunch], new Date('2026-12-07T05:00:00Z'))).toBeUndefined();
  });
});

describe('booking a meal (订餐)', () => {
  it('books before the cut-off, pricing the dishes chosen', () => {
    expect(book(booking, beforeCutoff)).toMatchObject({ status: 'booked', covers: 1, amountFen: 1_300, dinerId: 'staff-wang' });
  });

  it('refuses a booking at or after the cut-off, 409 naming the canteen and period', () => {
    const error = thrown(() => book(booking, atCutoff));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as Error).message).toContain('机关一食堂 lunch on 2026-12-07');
  });

  it('refuses a booking in a closed canteen or without dishes', () => {
    expect(thrown(() => book({ ...booking, canteenOpen: false }, beforeCutoff))).toBeInstanceOf(IllegalTransitionError);
    expect(thrown(() => book({ ...booking, dishes: [] }, beforeCutoff))).toMatchObject({ field: 'dishIds' });
  });

  it('takes meals while the period has room, never beyond its capacity; a full period is a 409 naming it', () => {
    expect(hasRoom(200, 199, 1)).toBe(true);
    expect(hasRoom(200, 200, 1)).toBe(false);
    expect(hasRoom(200, 195, 6)).toBe(false);
    const full = periodFull('机关一食堂', '2026-12-07', 'lunch');
    expect(full).toBeInstanceOf(IllegalTransitionError);
    expect(full.message).toBe('meal period 机关一食堂 lunch on 2026-12-07 is full; cannot take another booking');
  });
});

describe('reception meals (公务接待)', () => {
  const reception: Booking = { ...booking, kind: 'reception', dinerId: undefined, departmentId: 'dept-office', guests: 4, hosts: 2, budgetLine: '2026-接待', purpose: '省厅调研', bookedBy: 'clerk-li' };

  it('are booked by a department for guests and hosts, against a budget line, pending approval', () => {
    expect(book(reception, beforeCutoff)).toMatchObject({ status: 'pending-approval', covers: 6, amountFen: 7_800, budgetLine: '2026-接待' });
  });

  it('need a department, a budget line, a purpose and 1 to 50 guests', () => {
    expect(thrown(() => book({ ...reception, budgetLine: ' ' }, beforeCutoff))).toMatchObject({ field: 'budgetLine' });
    expect(thrown(() => book({ ...reception, departmentId: undefined }, beforeCutoff))).toMatchObject({ field: 'departmentId' });
    expect(thrown(() => book({ ...reception, purpose: '' }, beforeCutoff))).toMatchObject({ field: 'purpose' });
    expect(thrown(() => book({ ...reception, guests: 51 }, beforeCutoff))).toMatchObject({ field: 'guests' });
  });

  it('are approved by the manager, never by the person who asked for them', () => {
    const pending = book(reception, beforeCutoff);
    expect(thrown(() => approveReception(pending, 'clerk-li', beforeCutoff))).toBeInstanceOf(NotPermittedError);
    expect(approveReception(pending, 'manager-1', beforeCutoff)).toMatchObject({ status: 'booked', decidedBy: 'manager-1' });
    expect(rejectReception(pending, 'manager-1', beforeCutoff).status).toBe('rejected');
    expect(thrown(() => approveReception(book(booking, beforeCutoff), 'manager-1', beforeCutoff))).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('cancelling, serving, no-shows', () => {
  const booked: Reservation = book(booking, beforeCutoff);

  it('cancels before the cut-off, by the diner or a manager only', () => {
    expect(cancel(booked, { userId: 'staff-wang', manages: false }, beforeCutoff).status).toBe('cancelled');
    expect(cancel(booked, { userId: 'manager-1', manages: true }, beforeCutoff).status).toBe('cancelled');
    expect(thrown(() => cancel(booked, { userId: 'staff-zhao', manages: false }, beforeCutoff))).toBeInstanceOf(NotPermittedError);
    expect(thrown(() => cancel(booked, { userId: 'staff-wang', manages: false }, atCutoff))).toMatchObject({ currentState: 'past its cut-off' });
  });

  it('serves a booking once, in its own period', () => {
    const served = serve(booked, { by: 'counter', servingDate: '2026-12-07', period: 'lunch' }, serving);
    expect(served).toMatchObject({ status: 'served', servedBy: 'counter', servedAt: serving });
    expect(thrown(() => serve(served, { by: 'counter', servingDate: '2026-12-07', period: 'lunch' }, serving))).toMatchObject({ currentState: 'served' });
    expect(thrown(() => serve(booked, { by: 'counter', servingDate: '2026-12-08', period: 'lunch' }, serving))).toBeInstanceOf(IllegalTransitionError);
  });

  it('marks a booked meal no-show once serving has ended, not before', () => {
    expect(markNoShow(booked, serving)).toBeUndefined();
    expect(markNoShow(booked, times.endsAt)?.status).toBe('no-show');
    expect(markNoShow({ ...booked, status: 'served' }, times.endsAt)).toBeUndefined();
  });

  it('forecasts portions per dish for the kitchen, counting every cover of a reception meal and no cancelled meal', () => {
    const reception = { ...booked, id: 'r-2', kind: 'reception' as const, covers: 6, dishes: [dishes[0]!] };
    const cancelled = { ...booked, id: 'r-3', status: 'cancelled' as const };
    expect(forecast([booked, reception, cancelled])).toEqual([
      { dishId: 'd-1', name: '红烧肉', portions: 7 },
      { dishId: 'd-2', name: '米饭', portions: 1 },
    ]);
  });
});

describe('ratings and food waste', () => {
  const served = serve(book(booking, beforeCutoff), { by: 'counter', servingDate: '2026-12-07', period: 'lunch' }, serving);

  it('rates a served meal 1–5, by the person served', () => {
    expect(rate(served, { by: 'staff-wang', score: 4, comment: ' 偏咸 ' })).toEqual({ score: 4, comment: '偏咸' });
    expect(thrown(() => rate(served, { by: 'staff-zhao', score: 4 }))).toBeInstanceOf(NotPermittedError);
    expect(thrown(() => rate(served, { by: 'staff-wang', score: 6 }))).toMatchObject({ field: 'score' });
    expect(thrown(() => rate(book(booking, beforeCutoff), { by: 'staff-wang', score: 5 }))).toBeInstanceOf(IllegalTransitionError);
  });

  it('weighs food waste only once serving has ended', () => {
    expect(() => recordWaste({ wasteGrams: 12_000, mealsServed: 150, servingEndsAt: times.endsAt }, times.endsAt)).not.toThrow();
    expect(thrown(() => recordWaste({ wasteGrams: 12_000, mealsServed: 150, servingEndsAt: times.endsAt }, serving))).toBeInstanceOf(IllegalTransitionError);
    expect(thrown(() => recordWaste({ wasteGrams: -1, mealsServed: 150, servingEndsAt: times.endsAt }, times.endsAt))).toMatchObject({ field: 'wasteGrams' });
  });
});
