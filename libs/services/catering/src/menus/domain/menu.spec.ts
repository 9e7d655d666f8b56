import { IllegalTransitionError, NotPermittedError } from '@houqin/domain';
import { ALLERGENS, DishInput, declareDish } from './dish';
import { MenuDraft, approveMenu, draftMenu, rejectMenu, submitMenu } from './menu';

const at = new Date('2026-12-04T08:00:00Z');
const dish: DishInput = {
  id: 'd-1',
  agencyId: 'agency-a',
  canteenId: 'c-1',
  name: ' 红烧肉 ',
  priceFen: 1_200,
  allergens: ['soybeans', 'gluten'],
  nutrition: { energyKcal: 620, proteinG: 28, fatG: 22, carbohydrateG: 75, sodiumMg: 1_100 },
  ingredients: [{ name: '猪五花肉', supplierName: '京郊肉联厂', batch: 'PK-20261206-03' }],
  createdBy: 'vendor-user',
};
const draft: MenuDraft = {
  id: 'm-1',
  agencyId: 'agency-a',
  canteenId: 'c-1',
  kind: 'weekly',
  startsOn: '2026-12-07',
  days: [
    { date: '2026-12-08', period: 'lunch', dishIds: ['d-1', 'd-2'] },
    { date: '2026-12-07', period: 'lunch', dishIds: ['d-1'] },
  ],
  vendorId: 'v-1',
  draftedBy: 'vendor-user',
  mealPeriods: ['lunch', 'dinner'],
  knownDishIds: new Set(['d-1', 'd-2']),
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('dishes', () => {
  it('are declared with a whole-fen price, the allergens of the 14 groups in their order, and traceable ingredients', () => {
    expect(ALLERGENS).toHaveLength(14);
    expect(declareDish(dish, at)).toMatchObject({ name: '红烧肉', priceFen: 1_200, allergens: ['gluten', 'soybeans'] });
  });

  it('refuse an allergen outside the 14 groups, a price in fractions of a fen, an ingredient without its batch', () => {
    expect(thrown(() => declareDish({ ...dish, allergens: ['msg'] }, at))).toMatchObject({ code: 'unknown-allergen' });
    expect(thrown(() => declareDish({ ...dish, priceFen: 12.5 }, at))).toMatchObject({ field: 'priceFen' });
    expect(thrown(() => declareDish({ ...dish, ingredients: [{ name: '猪肉', supplierName: '京郊肉联厂', batch: ' ' }] }, at))).toMatchObject({ field: 'ingredients[0].batch' });
    expect(thrown(() => declareDish({ ...dish, ingredients: [] }, at))).toMatchObject({ field: 'ingredients' });
    expect(thrown(() => declareDish({ ...dish, nutrition: { ...dish.nutrition, fatG: -1 } }, at))).toMatchObject({ field: 'nutrition.fatG' });
  });
});

describe('menus (菜谱)', () => {
  it('cover one day (daily) or seven (weekly), days in order', () => {
    const menu = draftMenu(draft, at);
    expect(menu).toMatchObject({ status: 'draft', endsOn: '2026-12-13', vendorId: 'v-1' });
    expect(menu.days.map((day) => day.date)).toEqual(['2026-12-07', '2026-12-08']);
    expect(draftMenu({ ...draft, kind: 'daily', days: [draft.days[1]!] }, at).endsOn).toBe('2026-12-07');
  });

  it('refuse a day outside the menu, a period the canteen does not serve, an unknown dish, a day listed twice', () => {
    expect(thrown(() => draftMenu({ ...draft, kind: 'daily' }, at))).toMatchObject({ code: 'day-outside-menu', field: 'days[0].date' });
    expect(thrown(() => draftMenu({ ...draft, days: [{ date: '2026-12-07', period: 'breakfast', dishIds: ['d-1'] }] }, at))).toMatchObject({ code: 'period-not-served' });
    expect(thrown(() => draftMenu({ ...draft, days: [{ date: '2026-12-07', period: 'lunch', dishIds: ['d-9'] }] }, at))).toMatchObject({ code: 'unknown-dish' });
    expect(thrown(() => draftMenu({ ...draft, days: [draft.days[1]!, draft.days[1]!] }, at))).toMatchObject({ code: 'duplicate-day' });
  });

  it('are submitted by the operator and approved (published) by the manager, never by their drafter', () => {
    const submitted = submitMenu(draftMenu(draft, at));
    expect(thrown(() => approveMenu(submitted, { by: 'vendor-user' }, at))).toBeInstanceOf(NotPermittedError);
    expect(approveMenu(submitted, { by: 'manager-1' }, at)).toMatchObject({ status: 'published', decidedBy: 'manager-1' });
  });

  it('go back to the operator when rejected with a note, and may be submitted again', () => {
    const rejected = rejectMenu(submitMenu(draftMenu(draft, at)), { by: 'manager-1', note: '缺少素菜' }, at);
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '缺少素菜' });
    expect(submitMenu(rejected).status).toBe('submitted');
    expect(thrown(() => rejectMenu(submitMenu(draftMenu(draft, at)), { by: 'manager-1', note: ' ' }, at))).toMatchObject({ field: 'note' });
  });

  it('cannot be approved unless submitted, nor submitted once published', () => {
    expect(thrown(() => approveMenu(draftMenu(draft, at), { by: 'manager-1' }, at))).toMatchObject({ currentState: 'draft' });
    const published = approveMenu(submitMenu(draftMenu(draft, at)), { by: 'manager-1' }, at);
    expect(thrown(() => submitMenu(published))).toBeInstanceOf(IllegalTransitionError);
  });
});
