import { BusinessRuleViolation, IllegalTransitionError, NotPermittedError } from '@houqin/domain';
import { MEAL_PERIODS, MealPeriod } from '../../canteens/domain/canteen';

/**
 * Menus (菜谱): the operator drafts a daily or weekly menu for a canteen — for each day and meal
 * period the dishes on offer — and submits it; the logistics manager approves it (it is published:
 * staff may book from it) or rejects it with a note, back to the operator to redraft.
 *
 * draft → submitted → published; submitted → rejected → (redrafted) draft.
 */
export const MENU_STATUSES = ['draft', 'submitted', 'published', 'rejected'] as const;
export type MenuStatus = (typeof MENU_STATUSES)[number];
export const MENU_KINDS = ['daily', 'weekly'] as const;
export type MenuKind = (typeof MENU_KINDS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export interface MenuDay {
  date: string;
  period: MealPeriod;
  dishIds: string[];
}

export interface Menu {
  id: string;
  agencyId: string;
  canteenId: string;
  kind: MenuKind;
  startsOn: string;
  endsOn: string;
  days: MenuDay[];
  status: MenuStatus;
  /** The operator who drafted it; absent when the agency's own people did. */
  vendorId?: string;
  draftedBy: string;
  draftedAt: Date;
  decidedBy?: string;
  decidedAt?: Date;
  decisionNote?: string;
}

export interface MenuDraft {
  id: string;
  agencyId: string;
  canteenId: string;
  kind: string;
  startsOn: string;
  days: ReadonlyArray<{ date: string; period: string; dishIds: readonly string[] }>;
  vendorId?: string;
  draftedBy: string;
  /** The canteen's meal periods and the dishes it knows. */
  mealPeriods: readonly MealPeriod[];
  knownDishIds: ReadonlySet<string>;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** A daily menu covers one date, a weekly one the seven dates from its first; every day names known dishes of a period the canteen serves. */
export function draftMenu(draft: MenuDraft, at: Date): Menu {
  if (!(MENU_KINDS as readonly string[]).includes(draft.kind)) throw new BusinessRuleViolation('unknown-menu-kind', `a menu is ${MENU_KINDS.join(' or ')}`, 'kind');
  const kind = draft.kind as MenuKind;
  if (!isDate(draft.startsOn)) throw new BusinessRuleViolation('invalid-date', 'startsOn is a date written YYYY-MM-DD', 'startsOn');
  const endsOn = kind === 'daily' ? draft.startsOn : addDays(draft.startsOn, 6);
  if (draft.days.length === 0) throw new BusinessRuleViolation('days-required', 'a menu offers dishes on at least one day', 'days');
  const seen = new Set<string>();
  const days = draft.days.map((day, index) => {
    if (!isDate(day.date) || day.date < draft.startsOn || day.date > endsOn) {
      throw new BusinessRuleViolation('day-outside-menu', `a ${kind} menu from ${draft.startsOn} covers ${draft.startsOn}${kind === 'weekly' ? ` to ${endsOn}` : ''}`, `days[${index}].date`);
    }
    if (!(draft.mealPeriods as readonly string[]).includes(day.period)) {
      throw new BusinessRuleViolation('period-not-served', `the canteen does not serve ${day.period}`, `days[${index}].period`);
    }
    const key = `${day.date}|${day.period}`;
    if (seen.has(key)) throw new BusinessRuleViolation('duplicate-day', `${day.date} ${day.period} is listed twice`, `days[${index}]`);
    seen.add(key);
    if (day.dishIds.length === 0) throw new BusinessRuleViolation('dishes-required', 'each day offers at least one dish', `days[${index}].dishIds`);
    const unknown = day.dishIds.find((dishId) => !draft.knownDishIds.has(dishId));
    if (unknown) throw new BusinessRuleViolation('unknown-dish', `dish ${unknown} is not one of the canteen's dishes`, `days[${index}].dishIds`);
    return { date: day.date, period: day.period as MealPeriod, dishIds: [...new Set(day.dishIds)] };
  });
  days.sort((a, b) => (a.date === b.date ? MEAL_PERIODS.indexOf(a.period) - MEAL_PERIODS.indexOf(b.period) : a.date < b.date ? -1 : 1));
  return {
    id: draft.id,
    agencyId: draft.agencyId,
    canteenId: draft.canteenId,
    kind,
    startsOn: draft.startsOn,
    endsOn,
    days,
    status: 'draft',
    ...(draft.vendorId ? { vendorId: draft.vendorId } : {}),
    draftedBy: draft.draftedBy,
    draftedAt: at,
  };
}

export function submitMenu(menu: Menu): Menu {
  if (menu.status !== 'draft' && menu.status !== 'rejected') throw new IllegalTransitionError('menu', menu.status, 'submit');
  return { ...menu, status: 'submitted' };
}

/** The logistics manager approves a submitted menu (it is published); the drafter never approves their own. */
export function approveMenu(menu: Menu, decision: { by: string; note?: string }, at: Date): Menu {
  if (menu.status !== 'submitted') throw new IllegalTransitionError('menu', menu.status, 'approve');
  if (decision.by === menu.draftedBy) throw new NotPermittedError('own-menu', 'the person who drafted a menu does not approve it', 'menuId');
  return { ...menu, status: 'published', decidedBy: decision.by, decidedAt: at, ...(decision.note ? { decisionNote: decision.note } : {}) };
}

export function rejectMenu(menu: Menu, decision: { by: string; note: string }, at: Date): Menu {
  if (menu.status !== 'submitted') throw new IllegalTransitionError('menu', menu.status, 'reject');
  const note = decision.note.trim();
  if (!note) throw new BusinessRuleViolation('note-required', 'say why the menu is rejected', 'note');
  return { ...menu, status: 'rejected', decidedBy: decision.by, decidedAt: at, decisionNote: note };
}
