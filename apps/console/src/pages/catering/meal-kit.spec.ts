import type { CateringMenuView } from '@houqin/api-client';
import { cstDays, dishesOnOffer, periodFigures } from './meal-kit';

function menu(id: string, decidedAt: string, days: CateringMenuView['days'], status: CateringMenuView['status'] = 'published'): CateringMenuView {
  return { id, canteenId: 'c', kind: 'daily', startsOn: days[0]!.date, endsOn: days[0]!.date, days, status, draftedBy: 'op', draftedAt: '2026-12-01T00:00:00.000Z', decidedAt };
}

describe('the staff booking page', () => {
  it('counts days in Beijing time: 23:30 UTC is already the next day there', () => {
    expect(cstDays(Date.parse('2026-12-06T23:30:00.000Z'), 3)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09']);
    expect(cstDays(Date.parse('2026-12-06T15:59:00.000Z'), 1)).toEqual(['2026-12-06']);
  });

  it('offers the dishes of the latest published menu for the day and period, never a draft’s', () => {
    const menus = [
      menu('old', '2026-12-02T00:00:00.000Z', [{ date: '2026-12-07', period: 'lunch', dishIds: ['a', 'b'] }]),
      menu('new', '2026-12-03T00:00:00.000Z', [{ date: '2026-12-07', period: 'lunch', dishIds: ['c'] }, { date: '2026-12-07', period: 'dinner', dishIds: ['d'] }]),
      menu('draft', '2026-12-04T00:00:00.000Z', [{ date: '2026-12-07', period: 'lunch', dishIds: ['x'] }], 'draft'),
    ];
    expect(dishesOnOffer(menus, '2026-12-07', 'lunch')).toEqual(['c']);
    expect(dishesOnOffer(menus, '2026-12-07', 'dinner')).toEqual(['d']);
    expect(dishesOnOffer(menus, '2026-12-08', 'lunch')).toEqual([]);
  });

  it('counts the meals a period has taken and the portions per dish, a reception meal for every cover, a cancelled one not at all', () => {
    const rice = { dishId: 'rice', name: '米饭', priceFen: 100 };
    const fish = { dishId: 'fish', name: '清蒸鱼', priceFen: 1800 };
    const figures = periodFigures(
      [
        { period: 'lunch', status: 'served', covers: 1, dishes: [rice, fish] },
        { period: 'lunch', status: 'booked', covers: 1, dishes: [rice] },
        { period: 'lunch', status: 'no-show', covers: 1, dishes: [fish] },
        { period: 'lunch', status: 'pending-approval', covers: 6, dishes: [fish] },
        { period: 'lunch', status: 'cancelled', covers: 1, dishes: [rice, fish] },
        { period: 'dinner', status: 'booked', covers: 1, dishes: [rice] },
      ],
      'lunch',
    );
    expect(figures).toEqual({ taken: 9, portions: [{ dishId: 'fish', name: '清蒸鱼', portions: 8 }, { dishId: 'rice', name: '米饭', portions: 2 }] });
  });
});
