import type { AssetCategory, MeterKind } from '../../assets/domain/asset';
import type { Location, RepairPriority } from '../../repair-requests/domain/repair-request';
import { CalendarUnit, MAX_EVERY, isLocalDate, shortestSpanInDays } from './calendar';
import { PlanAssignee, PlanChanges, PlanDefinition, PlanSchedule, PlanTrigger, PreventivePlan, WORK_ORDER_DESCRIPTION_MAX, workOrderDescription } from './preventive-plan';

/**
 * A plan as a logistics manager writes it, checked field by field. Every problem names its field
 * and rule (the HTTP edge answers 400 with all of them); nothing is half-accepted.
 */
export interface PlanProblem {
  field: string;
  rule: string;
  message: string;
}

export interface TriggerInput {
  kind: 'calendar' | 'meter';
  every?: number;
  unit?: CalendarUnit;
  firstDueOn?: string;
  leadDays?: number;
  meterKind?: MeterKind;
  startReading?: number;
}

export interface AssigneeInput {
  kind: PlanAssignee['kind'];
  vendorId?: string;
}

export interface PlanInput {
  name?: string;
  description?: string;
  checklist?: string[];
  assetId?: string;
  category?: AssetCategory;
  location?: Location;
  priority?: RepairPriority;
  assignee?: AssigneeInput;
  answerableBy?: string;
  trigger?: TriggerInput;
  schedule?: PlanSchedule;
}

/** What the plan needs of its asset: category and location come from it, meters are read on it. */
export interface PlanAsset {
  id: string;
  category: AssetCategory;
  location: Location;
  meters: Partial<Record<MeterKind, { value: number }>>;
}

/** The longest the number of days before the due date can be. */
export const MAX_LEAD_DAYS = 365;

class Problems {
  readonly list: PlanProblem[] = [];
  add(field: string, rule: string, message: string): void {
    this.list.push({ field, rule, message });
  }
}

export function parsePlanDefinition(input: PlanInput, context: { createdBy: string; asset?: PlanAsset }): { definition?: PlanDefinition; problems: PlanProblem[] } {
  const problems = new Problems();
  const name = requiredText(input.name, 'name', problems);
  const description = requiredText(input.description, 'description', problems);
  const checklist = parseChecklist(input.checklist, problems);
  const asset = context.asset;
  let category: AssetCategory | undefined;
  let location: Location | undefined;
  if (asset) {
    if (input.category !== undefined) problems.add('category', 'from-asset', 'category comes from the asset: leave it out, or leave out assetId');
    if (input.location !== undefined) problems.add('location', 'from-asset', 'location comes from the asset: leave it out, or leave out assetId');
    category = asset.category;
    location = asset.location;
  } else {
    if (input.category === undefined) problems.add('category', 'required', 'category is required without an assetId');
    else category = input.category;
    if (input.location === undefined) problems.add('location', 'required', 'location is required without an assetId');
    else location = parseLocation(input.location, problems);
  }
  const assignee = input.assignee === undefined ? missing('assignee', problems) : parseAssignee(input.assignee, problems);
  const trigger = input.trigger === undefined ? missing('trigger', problems) : parseTrigger(input.trigger, asset, problems);
  const answerableBy = input.answerableBy === undefined ? context.createdBy : requiredText(input.answerableBy, 'answerableBy', problems);
  if (name !== undefined && description !== undefined && trigger) checkDescriptionLength({ name, description, checklist, trigger }, problems);
  if (problems.list.length > 0 || !name || !description || !category || !location || !assignee || !trigger || !answerableBy) return { problems: problems.list };
  return {
    definition: {
      name,
      description,
      checklist,
      ...(asset ? { assetId: asset.id } : {}),
      category,
      location,
      priority: input.priority ?? 'normal',
      assignee,
      answerableBy,
      trigger,
      schedule: input.schedule ?? 'fixed',
    },
    problems: [],
  };
}

/** A change names only what changes. The asset stays; a new schedule comes with its trigger. */
export function parsePlanChanges(input: PlanInput, plan: PreventivePlan, context: { asset?: PlanAsset }): { changes?: PlanChanges; problems: PlanProblem[] } {
  const problems = new Problems();
  const changes: PlanChanges = {};
  if (input.assetId !== undefined && input.assetId !== plan.assetId) problems.add('assetId', 'immutable', "a plan's asset does not change: retire the plan and create another for the other asset");
  if (input.name !== undefined) assign(changes, 'name', requiredText(input.name, 'name', problems));
  if (input.description !== undefined) assign(changes, 'description', requiredText(input.description, 'description', problems));
  if (input.checklist !== undefined) changes.checklist = parseChecklist(input.checklist, problems);
  if (plan.assetId && (input.category !== undefined || input.location !== undefined)) {
    problems.add(input.category !== undefined ? 'category' : 'location', 'from-asset', "the plan's category and location come from its asset");
  } else {
    if (input.category !== undefined) changes.category = input.category;
    if (input.location !== undefined) assign(changes, 'location', parseLocation(input.location, problems));
  }
  if (input.priority !== undefined) changes.priority = input.priority;
  if (input.assignee !== undefined) assign(changes, 'assignee', parseAssignee(input.assignee, problems));
  if (input.answerableBy !== undefined) assign(changes, 'answerableBy', requiredText(input.answerableBy, 'answerableBy', problems));
  if (input.schedule !== undefined && input.trigger === undefined) problems.add('trigger', 'required', 'a new schedule restarts the plan: give the trigger with it');
  if (input.schedule !== undefined) changes.schedule = input.schedule;
  if (input.trigger !== undefined) assign(changes, 'trigger', parseTrigger(input.trigger, context.asset, problems));
  const merged = { ...plan, ...changes };
  checkDescriptionLength(merged, problems);
  return problems.list.length > 0 ? { problems: problems.list } : { changes, problems: [] };
}

function assign<K extends keyof PlanChanges>(changes: PlanChanges, key: K, value: PlanChanges[K] | undefined): void {
  if (value !== undefined) changes[key] = value;
}

function missing(field: string, problems: Problems): undefined {
  problems.add(field, 'required', `${field} is required`);
  return undefined;
}

function requiredText(value: string | undefined, field: string, problems: Problems): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    problems.add(field, 'required', `${field} must not be blank`);
    return undefined;
  }
  return trimmed;
}

function parseChecklist(items: string[] | undefined, problems: Problems): string[] {
  const checklist = (items ?? []).map((item) => item.trim());
  checklist.forEach((item, index) => {
    if (!item) problems.add(`checklist[${index}]`, 'required', 'a checklist item must not be blank');
  });
  return checklist;
}

function parseLocation(location: Location, problems: Problems): Location | undefined {
  const building = location.building.trim();
  if (!building) {
    problems.add('location.building', 'required', 'say which building the work is in');
    return undefined;
  }
  const floor = location.floor?.trim();
  const room = location.room?.trim();
  return { building, ...(floor ? { floor } : {}), ...(room ? { room } : {}) };
}

function parseAssignee(input: AssigneeInput, problems: Problems): PlanAssignee | undefined {
  if (input.kind === 'vendor') {
    if (!input.vendorId) {
      problems.add('assignee.vendorId', 'required', 'name the vendor (vendorId) for a vendor assignee');
      return undefined;
    }
    return { kind: 'vendor', vendorId: input.vendorId.toLowerCase() };
  }
  if (input.vendorId !== undefined) {
    problems.add('assignee.vendorId', 'vendor-only', `vendorId is for a vendor assignee, not ${input.kind}`);
    return undefined;
  }
  return { kind: input.kind };
}

function parseTrigger(input: TriggerInput, asset: PlanAsset | undefined, problems: Problems): PlanTrigger | undefined {
  const before = problems.list.length;
  const not = (field: keyof TriggerInput, kind: string) => {
    if (input[field] !== undefined) problems.add(`trigger.${field}`, 'not-applicable', `${field} is not part of a ${kind} trigger`);
  };
  const every = input.every;
  if (every === undefined) problems.add('trigger.every', 'required', 'every is required');
  if (input.kind === 'calendar') {
    not('meterKind', 'calendar');
    not('startReading', 'calendar');
    const unit = input.unit;
    if (unit === undefined) problems.add('trigger.unit', 'required', 'unit (day, week or month) is required for a calendar trigger');
    if (every !== undefined && unit !== undefined && (!Number.isInteger(every) || every < 1 || every > MAX_EVERY[unit])) {
      problems.add('trigger.every', 'range', `every must be a whole number of ${unit}s from 1 to ${MAX_EVERY[unit]}`);
    }
    const firstDueOn = input.firstDueOn;
    if (firstDueOn === undefined) problems.add('trigger.firstDueOn', 'required', 'firstDueOn is required for a calendar trigger');
    else if (!isLocalDate(firstDueOn)) problems.add('trigger.firstDueOn', 'date', 'firstDueOn must be a calendar date YYYY-MM-DD');
    const leadDays = input.leadDays ?? 0;
    if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > MAX_LEAD_DAYS) {
      problems.add('trigger.leadDays', 'range', `leadDays must be a whole number of days from 0 to ${MAX_LEAD_DAYS}`);
    } else if (every !== undefined && unit !== undefined && problems.list.length === before && leadDays >= shortestSpanInDays({ every, unit })) {
      problems.add('trigger.leadDays', 'shorter-than-interval', `leadDays must be shorter than the interval (${shortestSpanInDays({ every, unit })} days at the least), or occurrences would overlap`);
    }
    if (problems.list.length > before || every === undefined || unit === undefined || firstDueOn === undefined) return undefined;
    return { kind: 'calendar', every, unit, firstDueOn, leadDays };
  }
  not('unit', 'meter');
  not('firstDueOn', 'meter');
  not('leadDays', 'meter');
  if (!asset) problems.add('assetId', 'required', 'a meter trigger reads the meter of an asset: give assetId');
  const meterKind = input.meterKind;
  if (meterKind === undefined) problems.add('trigger.meterKind', 'required', 'meterKind (hours or count) is required for a meter trigger');
  if (every !== undefined && !(every > 0 && isHundredths(every))) problems.add('trigger.every', 'range', 'every must be a positive number with at most two decimals');
  const startReading = input.startReading ?? (meterKind ? asset?.meters[meterKind]?.value : undefined) ?? 0;
  if (!(startReading >= 0 && isHundredths(startReading))) problems.add('trigger.startReading', 'range', 'startReading must be zero or more, with at most two decimals');
  if (problems.list.length > before || every === undefined || meterKind === undefined) return undefined;
  return { kind: 'meter', meterKind, every, startReading };
}

function isHundredths(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

function checkDescriptionLength(plan: Pick<PlanDefinition, 'name' | 'description' | 'checklist' | 'trigger'>, problems: Problems): void {
  // The longest occurrence line: a meter threshold of twelve digits and two decimals.
  const longest = workOrderDescription(plan, plan.trigger.kind === 'calendar' ? { kind: 'calendar', dueOn: '2000-01-01' } : { kind: 'meter', threshold: 999_999_999_999.99 });
  if (longest.length > WORK_ORDER_DESCRIPTION_MAX) {
    problems.add('checklist', 'too-long', `name, description and checklist together make the work order's description, at most ${WORK_ORDER_DESCRIPTION_MAX} characters: ${longest.length} here`);
  }
}
