import { FixedClock } from '@houqin/domain';
import { CalendarTrigger, MeterTrigger, PreventivePlan, changePlan, createPlan, resumePlan } from './preventive-plan';
import { MAX_RECORDED_SUPERSEDED, PreviousWork, SweepDecision, SweepFacts, occurrenceKey, scheduleAfterClose, startingOccurrence, sweepPlan } from './schedule';

const clock = new FixedClock(new Date('2026-03-01T02:00:00.000Z'));

function calendar(overrides: Partial<CalendarTrigger> = {}): CalendarTrigger {
  return { kind: 'calendar', every: 1, unit: 'month', firstDueOn: '2026-03-31', leadDays: 0, ...overrides };
}

function meter(overrides: Partial<MeterTrigger> = {}): MeterTrigger {
  return { kind: 'meter', meterKind: 'hours', every: 500, startReading: 1000, ...overrides };
}

function plan(trigger: CalendarTrigger | MeterTrigger, overrides: Partial<PreventivePlan> = {}, today = '2026-03-01', reading?: number): PreventivePlan {
  const created = createPlan(
    {
      id: 'plan-1',
      agencyId: 'agency-1',
      createdBy: 'manager-1',
      definition: {
        name: 'Chiller service',
        description: 'Service the chiller',
        checklist: [],
        ...(trigger.kind === 'meter' ? { assetId: 'asset-1' } : {}),
        category: 'hvac',
        location: { building: 'Building A' },
        priority: 'normal',
        assignee: { kind: 'internal' },
        answerableBy: 'manager-1',
        trigger,
        schedule: 'fixed',
      },
    },
    { today, ...(reading !== undefined ? { reading } : {}) },
    clock,
  );
  const withSchedule = { ...created, ...overrides };
  return overrides.schedule && !('next' in overrides) ? { ...withSchedule, ...nextOf(startingOccurrence(withSchedule, { today, ...(reading !== undefined ? { reading } : {}) })) } : withSchedule;
}

function nextOf(next: PreventivePlan['next']): Partial<PreventivePlan> {
  return next ? { next } : {};
}

/** Applies a sweep's decision as the service does: the plan moves to `next`, and a raised occurrence becomes its last work. */
function apply(current: PreventivePlan, decision: SweepDecision, workOrderId = 'wo-1'): PreventivePlan {
  const moved: PreventivePlan = { ...current };
  if (decision.next) moved.next = decision.next;
  else delete moved.next;
  if (decision.raise) moved.lastRaised = { occurrence: decision.raise, workOrderId };
  return moved;
}

const keys = (decision: SweepDecision) => ({
  raise: decision.raise ? occurrenceKey(decision.raise) : undefined,
  skipped: decision.skipped.map((skip) => `${occurrenceKey(skip.occurrence)}:${skip.reason}`),
  next: decision.next ? occurrenceKey(decision.next) : undefined,
});

const open = (workOrderId = 'wo-1'): PreviousWork => ({ workOrderId, status: 'in-progress' });
const completed = (at: string, workOrderId = 'wo-1', readingAtClose?: number): PreviousWork => ({
  workOrderId,
  status: 'completed',
  closedAt: new Date(at),
  ...(readingAtClose !== undefined ? { readingAtClose } : {}),
});

describe('preventive plan schedule: calendar', () => {
  it('starts at the first due date and raises nothing before it', () => {
    const monthly = plan(calendar());
    expect(monthly.next).toEqual({ kind: 'calendar', dueOn: '2026-03-31' });
    expect(sweepPlan(monthly, { today: '2026-03-30' })).toMatchObject({ changed: false, skipped: [] });
    expect(sweepPlan(monthly, { today: '2026-03-30' }).raise).toBeUndefined();
  });

  it('raises the work order lead days before the due date, and not a day sooner', () => {
    const withLead = plan(calendar({ leadDays: 7 }));
    expect(sweepPlan(withLead, { today: '2026-03-23' }).raise).toBeUndefined();
    expect(keys(sweepPlan(withLead, { today: '2026-03-24' }))).toEqual({ raise: '2026-03-31', skipped: [], next: '2026-04-30' });
  });

  it('keeps a fixed monthly plan on its grid, the day of the month clamped to the month end', () => {
    let monthly = plan(calendar({ firstDueOn: '2026-01-31' }), {}, '2026-01-01');
    const raised: string[] = [];
    for (const today of ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']) {
      const decision = sweepPlan(monthly, { today, ...(monthly.lastRaised ? { previous: completed(`${today}T00:00:00Z`) } : {}) });
      raised.push(occurrenceKey(decision.raise!));
      monthly = apply(monthly, decision);
    }
    expect(raised).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(monthly.next).toEqual({ kind: 'calendar', dueOn: '2026-05-31' });
  });

  it('keeps a fixed plan on its grid whenever the work is completed', () => {
    let weekly = plan(calendar({ every: 2, unit: 'week', firstDueOn: '2026-03-02' }));
    weekly = apply(weekly, sweepPlan(weekly, { today: '2026-03-02' }));
    expect(weekly.next).toEqual({ kind: 'calendar', dueOn: '2026-03-16' });
    // Completed late, on the 14th: the next stays on the 16th.
    expect(keys(sweepPlan(weekly, { today: '2026-03-16', previous: completed('2026-03-14T03:00:00Z') }))).toEqual({ raise: '2026-03-16', skipped: [], next: '2026-03-30' });
  });

  it('starts a plan whose first due date is long past at the latest grid date, never with a backlog', () => {
    const daily = plan(calendar({ every: 1, unit: 'day', firstDueOn: '2025-01-01' }), {}, '2026-03-01');
    expect(daily.next).toEqual({ kind: 'calendar', dueOn: '2026-03-01' });
    expect(keys(sweepPlan(daily, { today: '2026-03-01' }))).toEqual({ raise: '2026-03-01', skipped: [], next: '2026-03-02' });
    const weekly = plan(calendar({ every: 1, unit: 'week', firstDueOn: '2026-02-02' }), {}, '2026-03-01');
    expect(weekly.next).toEqual({ kind: 'calendar', dueOn: '2026-02-23' });
  });

  it('catches up after downtime with one work order for the latest occurrence due, the missed ones recorded as skipped', () => {
    const daily = plan(calendar({ every: 1, unit: 'day', firstDueOn: '2026-03-01' }));
    // Nobody swept from the 1st to the 10th.
    const decision = sweepPlan(daily, { today: '2026-03-10' });
    expect(decision.raise).toEqual({ kind: 'calendar', dueOn: '2026-03-10' });
    expect(decision.skipped.map((skip) => [occurrenceKey(skip.occurrence), skip.reason, skip.supersededBy])).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((day) => [`2026-03-${day}`, 'superseded', '2026-03-10']),
    );
    expect(decision.superseded).toBe(9);
    expect(decision.next).toEqual({ kind: 'calendar', dueOn: '2026-03-11' });
    // The same sweep again finds nothing more.
    expect(sweepPlan(apply(daily, decision), { today: '2026-03-10', previous: open() }).changed).toBe(false);
  });

  it('counts a catch-up within the lead time: the occurrence whose work order is due to be raised is the latest', () => {
    const weekly = plan(calendar({ every: 1, unit: 'week', firstDueOn: '2026-03-02', leadDays: 3 }));
    expect(keys(sweepPlan(weekly, { today: '2026-03-13' }))).toEqual({ raise: '2026-03-16', skipped: ['2026-03-02:superseded', '2026-03-09:superseded'], next: '2026-03-23' });
  });

  it('records at most the latest hundred superseded occurrences of a very long downtime, and counts them all', () => {
    const daily = plan(calendar({ every: 1, unit: 'day', firstDueOn: '2026-03-01' }));
    const decision = sweepPlan(daily, { today: '2029-03-01' });
    expect(decision.raise).toEqual({ kind: 'calendar', dueOn: '2029-03-01' });
    expect(decision.skipped).toHaveLength(MAX_RECORDED_SUPERSEDED);
    expect(occurrenceKey(decision.skipped[0]!.occurrence)).toBe('2028-11-21');
    expect(occurrenceKey(decision.skipped.at(-1)!.occurrence)).toBe('2029-02-28');
    expect(decision.superseded).toBe(1096);
  });

  it('skips a fixed occurrence while the previous work order is still outstanding, rather than piling up a second', () => {
    let monthly = plan(calendar());
    monthly = apply(monthly, sweepPlan(monthly, { today: '2026-03-31' }), 'wo-march');
    const decision = sweepPlan(monthly, { today: '2026-04-30', previous: open('wo-march') });
    expect(decision.raise).toBeUndefined();
    expect(decision.skipped).toEqual([{ occurrence: { kind: 'calendar', dueOn: '2026-04-30' }, reason: 'previous-open', openWorkOrderId: 'wo-march' }]);
    expect(decision.next).toEqual({ kind: 'calendar', dueOn: '2026-05-31' });
    // A triaged work order nobody assigned is outstanding too; a completed one is not.
    expect(sweepPlan(monthly, { today: '2026-04-30', previous: { workOrderId: 'wo-march', status: 'triaged' } }).raise).toBeUndefined();
    expect(sweepPlan(monthly, { today: '2026-04-30', previous: completed('2026-04-29T01:00:00Z', 'wo-march') }).raise).toEqual({ kind: 'calendar', dueOn: '2026-04-30' });
    expect(sweepPlan(monthly, { today: '2026-04-30', previous: { workOrderId: 'wo-march', status: 'cancelled', closedAt: new Date('2026-04-01T00:00:00Z') } }).raise).toBeDefined();
  });

  it('counts a from-completion plan from the day the previous work order was completed', () => {
    let everyNinety = plan(calendar({ every: 90, unit: 'day', firstDueOn: '2026-03-01', leadDays: 5 }), { schedule: 'from-completion' });
    const first = sweepPlan(everyNinety, { today: '2026-03-01' });
    expect(keys(first)).toEqual({ raise: '2026-03-01', skipped: [], next: undefined });
    everyNinety = apply(everyNinety, first);
    // Waiting for the work: nothing is scheduled, whatever the day.
    expect(sweepPlan(everyNinety, { today: '2026-09-01', previous: open() })).toMatchObject({ changed: false, next: undefined });
    // Completed on 10 March, 22:00 in Beijing (14:00 UTC): 90 days from 10 March.
    const after = sweepPlan(everyNinety, { today: '2026-03-11', previous: completed('2026-03-10T14:00:00Z') });
    expect(after).toMatchObject({ changed: true, next: { kind: 'calendar', dueOn: '2026-06-08' }, skipped: [] });
    expect(after.raise).toBeUndefined();
    expect(scheduleAfterClose(everyNinety, completed('2026-03-10T16:30:00Z'))).toEqual({ kind: 'calendar', dueOn: '2026-06-09' });
  });

  it('counts a from-completion plan from the cancellation when the work order was cancelled', () => {
    const monthly = apply(plan(calendar({ firstDueOn: '2026-03-01' }), { schedule: 'from-completion' }), sweepPlan(plan(calendar({ firstDueOn: '2026-03-01' }), { schedule: 'from-completion' }), { today: '2026-03-01' }));
    const cancelled: PreviousWork = { workOrderId: 'wo-1', status: 'cancelled', closedAt: new Date('2026-01-31T02:00:00Z') };
    expect(scheduleAfterClose(monthly, cancelled)).toEqual({ kind: 'calendar', dueOn: '2026-02-28' });
    // Long overdue when the sweep sees it: raised at once, one work order.
    expect(keys(sweepPlan(monthly, { today: '2026-03-05', previous: cancelled }))).toEqual({ raise: '2026-02-28', skipped: [], next: undefined });
  });

  it('raises nothing for a paused or retired plan', () => {
    const monthly = plan(calendar({ firstDueOn: '2026-03-01' }));
    expect(sweepPlan({ ...monthly, status: 'paused' }, { today: '2026-03-10' })).toEqual({ next: monthly.next, skipped: [], superseded: 0, changed: false });
    expect(sweepPlan({ ...monthly, status: 'retired' }, { today: '2026-03-10' }).changed).toBe(false);
  });
});

describe('preventive plan schedule: meter', () => {
  it('falls due when the reading reaches start + k·every, and once per threshold', () => {
    let hours = plan(meter(), {}, '2026-03-01', 1200);
    expect(hours.next).toEqual({ kind: 'meter', threshold: 1500 });
    expect(sweepPlan(hours, { today: '2026-03-01', reading: 1499.99 }).changed).toBe(false);
    const decision = sweepPlan(hours, { today: '2026-03-01', reading: 1500 });
    expect(keys(decision)).toEqual({ raise: '1500', skipped: [], next: '2000' });
    hours = apply(hours, decision);
    expect(sweepPlan(hours, { today: '2026-03-02', reading: 1700, previous: completed('2026-03-01T08:00:00Z') }).changed).toBe(false);
  });

  it('raises the latest threshold of a reading that jumps several, the others superseded', () => {
    const hours = plan(meter(), {}, '2026-03-01', 1200);
    const decision = sweepPlan(hours, { today: '2026-03-01', reading: 2740 });
    expect(keys(decision)).toEqual({ raise: '2500', skipped: ['1500:superseded', '2000:superseded'], next: '3000' });
    expect(decision.superseded).toBe(2);
  });

  it('starts at the threshold the reading has already reached, if any', () => {
    expect(plan(meter({ startReading: 0 }), {}, '2026-03-01', 1720).next).toEqual({ kind: 'meter', threshold: 1500 });
    expect(plan(meter({ startReading: 0 }), {}, '2026-03-01', 300).next).toEqual({ kind: 'meter', threshold: 500 });
  });

  it('adds fractional intervals exactly', () => {
    const counts = plan(meter({ meterKind: 'count', every: 0.1, startReading: 0.2 }), {}, '2026-03-01', 0.2);
    expect(counts.next).toEqual({ kind: 'meter', threshold: 0.3 });
    expect(keys(sweepPlan(counts, { today: '2026-03-01', reading: 0.3 }))).toEqual({ raise: '0.3', skipped: [], next: '0.4' });
  });

  it('counts a from-completion meter plan from the latest reading when the work was completed', () => {
    let hours = plan(meter(), { schedule: 'from-completion' }, '2026-03-01', 1200);
    expect(hours.next).toEqual({ kind: 'meter', threshold: 1500 });
    const decision = sweepPlan(hours, { today: '2026-03-01', reading: 1510 });
    expect(keys(decision)).toEqual({ raise: '1500', skipped: [], next: undefined });
    hours = apply(hours, decision);
    expect(sweepPlan(hours, { today: '2026-03-02', reading: 1620, previous: completed('2026-03-02T01:00:00Z', 'wo-1', 1580.5) }).next).toEqual({ kind: 'meter', threshold: 2080.5 });
    // Without a reading known at completion, from the threshold that raised it.
    expect(scheduleAfterClose(hours, completed('2026-03-02T01:00:00Z'))).toEqual({ kind: 'meter', threshold: 2000 });
  });
});

describe('preventive plan schedule: pause and change', () => {
  it('rejoins a fixed grid on resume at the first occurrence not yet past, without the paused ones', () => {
    const weekly = { ...plan(calendar({ every: 1, unit: 'week', firstDueOn: '2026-03-02' })), status: 'paused' as const };
    expect(resumePlan(weekly, { today: '2026-04-01' }).next).toEqual({ kind: 'calendar', dueOn: '2026-04-06' });
    expect(resumePlan(weekly, { today: '2026-03-30' }).next).toEqual({ kind: 'calendar', dueOn: '2026-03-30' });
    expect(resumePlan(weekly, { today: '2026-02-20' }).next).toEqual({ kind: 'calendar', dueOn: '2026-03-02' });

    const hours = { ...plan(meter(), {}, '2026-03-01', 1200), status: 'paused' as const };
    expect(resumePlan(hours, { today: '2026-04-01', reading: 2200 }).next).toEqual({ kind: 'meter', threshold: 2500 });
    expect(resumePlan(hours, { today: '2026-04-01', reading: 1300 }).next).toEqual({ kind: 'meter', threshold: 1500 });
  });

  it('keeps the next due date of a from-completion plan on resume: overdue, it is raised at once', () => {
    const paused = { ...plan(calendar({ firstDueOn: '2026-03-10' }), { schedule: 'from-completion' }), status: 'paused' as const };
    const resumed = resumePlan(paused, { today: '2026-05-01' });
    expect(resumed.next).toEqual({ kind: 'calendar', dueOn: '2026-03-10' });
    expect(keys(sweepPlan(resumed, { today: '2026-05-01' }))).toEqual({ raise: '2026-03-10', skipped: [], next: undefined });
  });

  it('restarts a changed trigger after the occurrences already recorded', () => {
    const monthly = plan(calendar({ firstDueOn: '2026-01-31' }), {}, '2026-01-01');
    const sameStart = changePlan(monthly, { trigger: calendar({ firstDueOn: '2026-01-31', leadDays: 5 }) }, { today: '2026-03-01', lastRecorded: { dueOn: '2026-02-28' } }, clock);
    expect(sameStart.changedFields).toEqual(['trigger']);
    expect(sameStart.plan.next).toEqual({ kind: 'calendar', dueOn: '2026-03-31' });
    const weekly = changePlan(monthly, { trigger: calendar({ every: 1, unit: 'week', firstDueOn: '2026-02-02' }) }, { today: '2026-03-01', lastRecorded: { dueOn: '2026-02-28' } }, clock);
    expect(weekly.plan.next).toEqual({ kind: 'calendar', dueOn: '2026-03-02' });
    // Only the name: the schedule stays.
    const renamed = changePlan(monthly, { name: 'Chiller inspection', priority: 'normal' }, { today: '2026-03-01' }, clock);
    expect(renamed.changedFields).toEqual(['name']);
    expect(renamed.plan.next).toEqual(monthly.next);
  });

  it('waits for the last work order when a plan that raised work changes to from-completion', () => {
    const monthly = apply(plan(calendar({ firstDueOn: '2026-03-01' })), sweepPlan(plan(calendar({ firstDueOn: '2026-03-01' })), { today: '2026-03-01' }), 'wo-march');
    const changed = changePlan(monthly, { schedule: 'from-completion', trigger: calendar({ firstDueOn: '2026-03-01', every: 2 }) }, { today: '2026-03-05', lastRecorded: { dueOn: '2026-03-01' } }, clock).plan;
    expect(changed.next).toBeUndefined();
    const facts: SweepFacts = { today: '2026-03-20', previous: completed('2026-03-19T02:00:00Z', 'wo-march') };
    expect(sweepPlan(changed, facts).next).toEqual({ kind: 'calendar', dueOn: '2026-05-19' });
  });
});
