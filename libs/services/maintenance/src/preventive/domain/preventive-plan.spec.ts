import { FixedClock, IllegalTransitionError } from '@houqin/domain';
import { PlanAsset, PlanInput, parsePlanChanges, parsePlanDefinition } from './plan-definition';
import { PLAN_STATUSES, PlanStatus, PreventivePlan, changePlan, createPlan, pausePlan, resumePlan, retirePlan, upcomingOccurrence, workOrderDescription } from './preventive-plan';

const clock = new FixedClock(new Date('2026-03-01T02:00:00.000Z'));
const chiller: PlanAsset = { id: 'asset-1', category: 'hvac', location: { building: 'Building A', room: 'B1' }, meters: { hours: { value: 1200 } } };

const calendarInput: PlanInput = {
  name: ' Quarterly chiller service ',
  description: 'Clean the condenser, check the refrigerant.',
  checklist: ['Clean the condenser', ' Check the pressure '],
  category: 'hvac',
  location: { building: ' Building A ', floor: '' },
  assignee: { kind: 'internal' },
  trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-03-31' },
};

function fields(input: PlanInput, asset?: PlanAsset): string[] {
  return parsePlanDefinition(input, { createdBy: 'manager-1', ...(asset ? { asset } : {}) }).problems.map((problem) => problem.field);
}

function created(input: PlanInput = calendarInput, asset?: PlanAsset): PreventivePlan {
  const { definition } = parsePlanDefinition(input, { createdBy: 'manager-1', ...(asset ? { asset } : {}) });
  return createPlan({ id: 'plan-1', agencyId: 'agency-1', createdBy: 'manager-1', definition: definition! }, { today: '2026-03-01', reading: 1200 }, clock);
}

describe('preventive plan definition', () => {
  it('defines a plan with its defaults: normal priority, fixed schedule, no lead time, answerable its creator', () => {
    const { definition, problems } = parsePlanDefinition(calendarInput, { createdBy: 'manager-1' });
    expect(problems).toEqual([]);
    expect(definition).toEqual({
      name: 'Quarterly chiller service',
      description: 'Clean the condenser, check the refrigerant.',
      checklist: ['Clean the condenser', 'Check the pressure'],
      category: 'hvac',
      location: { building: 'Building A' },
      priority: 'normal',
      assignee: { kind: 'internal' },
      answerableBy: 'manager-1',
      trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-03-31', leadDays: 0 },
      schedule: 'fixed',
    });
  });

  it('takes category and location from the asset, and refuses them given beside it', () => {
    const { assetId: _none, category: _category, location: _location, ...withoutPlace } = calendarInput;
    const { definition } = parsePlanDefinition({ ...withoutPlace, assetId: 'asset-1' }, { createdBy: 'manager-1', asset: chiller });
    expect(definition).toMatchObject({ assetId: 'asset-1', category: 'hvac', location: { building: 'Building A', room: 'B1' } });
    expect(fields(calendarInput, chiller)).toEqual(['category', 'location']);
    expect(fields(withoutPlace)).toEqual(['category', 'location']);
  });

  it('names every field that is missing or wrong', () => {
    expect(fields({ ...calendarInput, name: '  ', assignee: { kind: 'vendor' }, trigger: { kind: 'calendar', every: 1.5, firstDueOn: '2026-02-30' } })).toEqual([
      'name',
      'assignee.vendorId',
      'trigger.unit',
      'trigger.firstDueOn',
    ]);
    expect(fields({ ...calendarInput, trigger: { kind: 'calendar', every: 1.5, unit: 'week', firstDueOn: '2026-03-02' } })).toEqual(['trigger.every']);
    expect(fields({ ...calendarInput, assignee: { kind: 'internal', vendorId: 'v-1' } })).toEqual(['assignee.vendorId']);
    expect(fields({ name: 'x', description: 'y', category: 'hvac', location: { building: 'A' } })).toEqual(['assignee', 'trigger']);
    expect(fields({ ...calendarInput, checklist: ['ok', ' '] })).toEqual(['checklist[1]']);
  });

  it('wants the lead time shorter than the interval, so that occurrences never overlap', () => {
    expect(fields({ ...calendarInput, trigger: { kind: 'calendar', every: 1, unit: 'week', firstDueOn: '2026-03-02', leadDays: 7 } })).toEqual(['trigger.leadDays']);
    expect(fields({ ...calendarInput, trigger: { kind: 'calendar', every: 1, unit: 'week', firstDueOn: '2026-03-02', leadDays: 6 } })).toEqual([]);
    expect(fields({ ...calendarInput, trigger: { kind: 'calendar', every: 1, unit: 'month', firstDueOn: '2026-03-02', leadDays: 28 } })).toEqual(['trigger.leadDays']);
  });

  it('reads a meter trigger on the asset, from its latest reading unless told otherwise', () => {
    const meterInput: PlanInput = { name: 'Chiller 500-hour service', description: 'Change the oil.', assetId: 'asset-1', assignee: { kind: 'automatic' }, trigger: { kind: 'meter', meterKind: 'hours', every: 500 } };
    expect(parsePlanDefinition(meterInput, { createdBy: 'manager-1', asset: chiller }).definition?.trigger).toEqual({ kind: 'meter', meterKind: 'hours', every: 500, startReading: 1200 });
    const { assetId: _asset, ...withoutAsset } = meterInput;
    expect(fields({ ...withoutAsset, category: 'hvac', location: { building: 'A' } })).toEqual(['assetId']);
    expect(fields({ ...meterInput, trigger: { kind: 'meter', meterKind: 'hours', every: 0.001, leadDays: 3 } }, chiller)).toEqual(['trigger.leadDays', 'trigger.every']);
  });

  it("refuses a plan whose work order description would pass the work order's limit", () => {
    expect(fields({ ...calendarInput, description: 'x'.repeat(1000), checklist: Array.from({ length: 30 }, () => 'y'.repeat(60)) })).toEqual(['checklist']);
  });

  it('writes the work order description from the plan and the occurrence', () => {
    const plan = created();
    expect(workOrderDescription(plan, { kind: 'calendar', dueOn: '2026-03-31' })).toBe(
      'Preventive maintenance (预防性维护): Quarterly chiller service, due 2026-03-31\nClean the condenser, check the refrigerant.\nChecklist:\n1. Clean the condenser\n2. Check the pressure',
    );
    expect(workOrderDescription({ ...plan, checklist: [], trigger: { kind: 'meter', meterKind: 'hours', every: 500, startReading: 0 } }, { kind: 'meter', threshold: 1500 })).toBe(
      'Preventive maintenance (预防性维护): Quarterly chiller service, at 1500 hours\nClean the condenser, check the refrigerant.',
    );
  });

  it('changes only what is named, and neither the asset nor a schedule without its trigger', () => {
    const plan = { ...created({ ...calendarInput, category: undefined, location: undefined, assetId: 'asset-1' } as PlanInput, chiller) };
    const problems = (input: PlanInput) => parsePlanChanges(input, plan, { asset: chiller }).problems.map((problem) => problem.field);
    expect(problems({ assetId: 'asset-2' })).toEqual(['assetId']);
    expect(problems({ category: 'it' })).toEqual(['category']);
    expect(problems({ schedule: 'from-completion' })).toEqual(['trigger']);
    expect(parsePlanChanges({ priority: 'high', answerableBy: ' staff-9 ' }, plan, { asset: chiller }).changes).toEqual({ priority: 'high', answerableBy: 'staff-9' });
  });
});

describe('preventive plan lifecycle', () => {
  it('pauses an active plan, resumes a paused one, retires either, and refuses the rest naming the state', () => {
    const plan = created();
    const paused = pausePlan(plan, ' Chiller off for the winter ', clock);
    expect(paused).toMatchObject({ status: 'paused', statusReason: 'Chiller off for the winter', pausedAt: clock.now() });
    expect(() => pausePlan(paused, undefined, clock)).toThrow(new IllegalTransitionError('preventive plan', 'paused', 'pause'));
    expect(() => resumePlan(plan, { today: '2026-03-01' })).toThrow(/preventive plan is active; cannot resume/);
    const resumed = resumePlan(paused, { today: '2026-03-01' });
    expect(resumed.status).toBe('active');
    expect(resumed.statusReason).toBeUndefined();
    const retired = retirePlan(paused, 'Chiller replaced', clock);
    expect(retired).toMatchObject({ status: 'retired', statusReason: 'Chiller replaced' });
    expect(() => retirePlan(retired, undefined, clock)).toThrow(/preventive plan is retired; cannot retire/);
    expect(() => resumePlan(retired, { today: '2026-03-01' })).toThrow(/is retired; cannot resume/);
    expect(() => changePlan(retired, { name: 'x' }, { today: '2026-03-01' }, clock)).toThrow(/is retired; cannot change/);
    expect(upcomingOccurrence(retired, undefined)).toBeUndefined();
  });

  it('shows as upcoming the due date a completed work order has already set, before the sweep records it', () => {
    const plan: PreventivePlan = { ...created(), schedule: 'from-completion', lastRaised: { occurrence: { kind: 'calendar', dueOn: '2026-03-31' }, workOrderId: 'wo-1' } };
    delete plan.next;
    expect(upcomingOccurrence(plan, { workOrderId: 'wo-1', status: 'in-progress' })).toBeUndefined();
    expect(upcomingOccurrence(plan, { workOrderId: 'wo-1', status: 'verified', closedAt: new Date('2026-04-02T03:00:00Z') })).toEqual({ kind: 'calendar', dueOn: '2026-07-02' });
  });
});

/*
 * The whole state × action table, written out from the business: a plan is paused and resumed, may
 * be changed while active or paused, and once retired raises nothing and changes no more.
 */
type PlanAction = 'change' | 'pause' | 'resume' | 'retire';
const PLAN_TABLE: Record<PlanStatus, Record<PlanAction, PlanStatus | '409'>> = {
  active: { change: 'active', pause: 'paused', resume: '409', retire: 'retired' },
  paused: { change: 'paused', pause: '409', resume: 'active', retire: 'retired' },
  retired: { change: '409', pause: '409', resume: '409', retire: '409' },
};

describe('the preventive plan state × action table', () => {
  const context = { today: '2026-03-01', reading: 1200 };
  const perform: Record<PlanAction, (plan: PreventivePlan) => PreventivePlan> = {
    change: (plan) => changePlan(plan, { name: 'Chiller service, renamed' }, context, clock).plan,
    pause: (plan) => pausePlan(plan, 'budget review', clock),
    resume: (plan) => resumePlan(plan, context),
    retire: (plan) => retirePlan(plan, 'chiller replaced', clock),
  };
  const cells = PLAN_STATUSES.flatMap((state) => (Object.keys(perform) as PlanAction[]).map((action) => [state, action, PLAN_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(PLAN_TABLE).sort()).toEqual([...PLAN_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    const plan: PreventivePlan = { ...created(), status: state };
    if (expected === '409') {
      expect(() => perform[action](plan)).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](plan).status).toBe(expected);
    }
  });
});
