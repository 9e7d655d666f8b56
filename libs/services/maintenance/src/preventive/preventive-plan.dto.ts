import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ASSET_CATEGORIES, AssetCategory, METER_KINDS, MeterKind } from '../assets/domain/asset';
import { LocationDto } from '../repair-requests/repair-request.dto';
import { REPAIR_PRIORITIES, RepairPriority } from '../repair-requests/domain/repair-request';
import { CALENDAR_UNITS, CalendarUnit } from './domain/calendar';
import { PLAN_ASSIGNEE_KINDS, PLAN_SCHEDULES, PLAN_STATUSES, PlanAssignee, PlanSchedule, PreventivePlan, raisedOn, triggerTerms, upcomingOccurrence } from './domain/preventive-plan';
import { Occurrence, formatReading, isOutstanding } from './domain/schedule';
import { PreventiveOccurrenceRecord } from './preventive-plan.entity';
import type { PlanDetails } from './preventive-plans.service';

export const MAX_CHECKLIST_ITEMS = 30;

export class PlanAssigneeDto {
  @ApiProperty({ enum: PLAN_ASSIGNEE_KINDS, description: 'internal team; a named vendor; automatic: the one vendor whose active contract covers the work; manual: left triaged for a logistics manager' })
  @IsIn(PLAN_ASSIGNEE_KINDS)
  kind!: PlanAssignee['kind'];

  @ApiPropertyOptional({ description: 'The vendor, for kind vendor only; it must hold an active maintenance contract covering the work when the plan is set up' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;
}

export class PlanTriggerDto {
  @ApiProperty({ enum: ['calendar', 'meter'] })
  @IsIn(['calendar', 'meter'])
  kind!: 'calendar' | 'meter';

  @ApiProperty({ description: 'Calendar: every N days, weeks or months (a whole number). Meter: every N hours or counts (two decimals at most)', example: 3 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(999_999_999_999)
  every!: number;

  @ApiPropertyOptional({ enum: CALENDAR_UNITS, description: 'Calendar only' })
  @IsOptional()
  @IsIn(CALENDAR_UNITS)
  unit?: CalendarUnit;

  @ApiPropertyOptional({
    description:
      'Calendar only: the first due date (China Standard Time). fixed: the grid starts there (months keep its day of the month, clamped to the month end); further in the past than the latest grid date on or before today, the plan starts at that latest one',
    example: '2026-01-31',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'firstDueOn must be a date (YYYY-MM-DD)' })
  firstDueOn?: string;

  @ApiPropertyOptional({ description: 'Calendar only: raise the work order this many days before each due date; shorter than the interval. Default 0', example: 7 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  leadDays?: number;

  @ApiPropertyOptional({ enum: METER_KINDS, description: 'Meter only: which meter of the asset' })
  @IsOptional()
  @IsIn(METER_KINDS)
  meterKind?: MeterKind;

  @ApiPropertyOptional({ description: "Meter only: thresholds are startReading + k·every (k ≥ 1). Default: the asset's latest reading of that meter", example: 1200 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(999_999_999_999)
  startReading?: number;
}

/** The fields of a plan; which are required when creating is checked by the plan's rules (400 naming each). */
class PlanFieldsDto {
  @ApiPropertyOptional({ example: 'Quarterly inspection of the split air conditioners' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'What to do', example: 'Clean the filters and the condensate drain, check the refrigerant pressure.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: `Steps to tick off, at most ${MAX_CHECKLIST_ITEMS}`, example: ['Clean the filters', 'Flush the drain'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CHECKLIST_ITEMS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  checklist?: string[];

  @ApiPropertyOptional({ enum: ASSET_CATEGORIES, description: 'Without an asset only (with one, its category)' })
  @IsOptional()
  @IsIn(ASSET_CATEGORIES)
  category?: AssetCategory;

  @ApiPropertyOptional({ type: LocationDto, description: 'Without an asset only (with one, its location)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ enum: REPAIR_PRIORITIES, description: "The work orders' priority. Default normal" })
  @IsOptional()
  @IsIn(REPAIR_PRIORITIES)
  priority?: RepairPriority;

  @ApiPropertyOptional({ type: PlanAssigneeDto, description: 'Who the work orders go to (required when creating)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanAssigneeDto)
  assignee?: PlanAssigneeDto;

  @ApiPropertyOptional({ description: 'The person answerable for the work: verifies (验收) the work orders. Default: the plan\'s creator', example: 'manager-1' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  answerableBy?: string;

  @ApiPropertyOptional({ type: PlanTriggerDto, description: 'When the work falls due (required when creating); changing it restarts the schedule after the occurrences already recorded' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanTriggerDto)
  trigger?: PlanTriggerDto;

  @ApiPropertyOptional({ enum: PLAN_SCHEDULES, description: 'fixed (default): due dates stay on the grid; from-completion: the next is counted from the previous work order’s completion (changing it needs the trigger too)' })
  @IsOptional()
  @IsIn(PLAN_SCHEDULES)
  schedule?: PlanSchedule;
}

export class CreatePreventivePlanDto extends PlanFieldsDto {
  @ApiPropertyOptional({ description: "The asset (then category and location are the asset's); required for a meter trigger" })
  @IsOptional()
  @IsUUID()
  assetId?: string;
}

export class ChangePreventivePlanDto extends PlanFieldsDto {
  @ApiPropertyOptional({ description: 'Cannot change: only the same asset is accepted' })
  @IsOptional()
  @IsUUID()
  assetId?: string;
}

export class PlanReasonDto {
  @ApiPropertyOptional({ example: 'The chiller is out of service until the spring overhaul.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class PlanAssigneeView {
  @ApiProperty({ enum: PLAN_ASSIGNEE_KINDS }) kind!: string;
  @ApiPropertyOptional() vendorId?: string;
}

export class PlanTriggerView {
  @ApiProperty({ enum: ['calendar', 'meter'] }) kind!: string;
  @ApiProperty() every!: number;
  @ApiPropertyOptional({ enum: CALENDAR_UNITS }) unit?: string;
  @ApiPropertyOptional() firstDueOn?: string;
  @ApiPropertyOptional() leadDays?: number;
  @ApiPropertyOptional({ enum: METER_KINDS }) meterKind?: string;
  @ApiPropertyOptional() startReading?: number;
}

export class NextOccurrenceView {
  @ApiProperty({ description: 'The due date, or the meter threshold as written in the occurrence history' }) occurrenceKey!: string;
  @ApiPropertyOptional({ description: 'Calendar: the due date' }) dueOn?: string;
  @ApiPropertyOptional({ description: 'Calendar: the day the work order is raised (the due date less the lead time)' }) raisedOn?: string;
  @ApiPropertyOptional({ description: 'Meter: the reading that raises the work order' }) threshold?: number;
  @ApiPropertyOptional({ description: "Meter: the asset's latest reading" }) reading?: number;

  static of(plan: PreventivePlan, occurrence: Occurrence, reading: number | undefined): NextOccurrenceView {
    if (occurrence.kind === 'calendar') return { occurrenceKey: occurrence.dueOn, dueOn: occurrence.dueOn, raisedOn: raisedOn(plan, occurrence) ?? occurrence.dueOn };
    return { occurrenceKey: formatReading(occurrence.threshold), threshold: occurrence.threshold, ...(reading !== undefined ? { reading } : {}) };
  }
}

export class OccurrenceView {
  @ApiProperty() occurrenceKey!: string;
  @ApiPropertyOptional() dueOn?: string;
  @ApiPropertyOptional() threshold?: number;
  @ApiProperty({ enum: ['raised', 'skipped'] }) outcome!: string;
  @ApiPropertyOptional({ description: 'raised: its work order' }) workOrderId?: string;
  @ApiPropertyOptional({ enum: ['superseded', 'previous-open'], description: 'skipped: superseded by a later occurrence due at the same time, or the previous work order was still outstanding' }) skipReason?: string;
  @ApiPropertyOptional({ description: 'previous-open: the work order still outstanding' }) openWorkOrderId?: string;
  @ApiPropertyOptional({ description: 'superseded: the occurrence that replaced it' }) supersededBy?: string;
  @ApiProperty() recordedAt!: string;
}

export class PreventivePlanView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) checklist!: string[];
  @ApiPropertyOptional() assetId?: string;
  @ApiProperty({ enum: ASSET_CATEGORIES }) category!: string;
  @ApiProperty({ type: LocationDto }) location!: LocationDto;
  @ApiProperty({ enum: REPAIR_PRIORITIES }) priority!: string;
  @ApiProperty({ type: PlanAssigneeView }) assignee!: PlanAssigneeView;
  @ApiProperty({ description: 'Verifies (验收) the work orders' }) answerableBy!: string;
  @ApiProperty({ type: PlanTriggerView }) trigger!: PlanTriggerView;
  @ApiProperty({ enum: PLAN_SCHEDULES }) schedule!: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: string;
  @ApiPropertyOptional({ description: 'Why it was paused or retired' }) statusReason?: string;
  @ApiPropertyOptional({ type: NextOccurrenceView, description: 'The upcoming occurrence; absent for a retired plan, or while a from-completion plan waits for its last work order' })
  next?: NextOccurrenceView;
  @ApiPropertyOptional({ description: 'from-completion: the work order whose completion sets the next due date' }) awaitingWorkOrderId?: string;
  @ApiPropertyOptional({ description: 'The last work order the plan raised' }) lastWorkOrderId?: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() changedAt?: string;
  @ApiPropertyOptional() pausedAt?: string;
  @ApiPropertyOptional() retiredAt?: string;
  @ApiPropertyOptional({ type: [OccurrenceView], description: 'The plan alone: its occurrence history, latest first (at most 100)' })
  occurrences?: OccurrenceView[];
}

/** The view of a plan, with its upcoming occurrence and (for one plan) its history. */
export function planView(details: PlanDetails): PreventivePlanView {
  const { plan, reading, previous, occurrences } = details;
  const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);
  const next = upcomingOccurrence(plan, previous);
  const awaiting = plan.status !== 'retired' && !plan.next && previous && isOutstanding(previous.status) ? previous.workOrderId : undefined;
  const trigger = plan.trigger;
  const view: PreventivePlanView = {
    id: plan.id,
    agencyId: plan.agencyId,
    name: plan.name,
    description: plan.description,
    checklist: plan.checklist,
    category: plan.category,
    location: plan.location,
    priority: plan.priority,
    assignee: plan.assignee,
    answerableBy: plan.answerableBy,
    trigger: triggerTerms(trigger),
    schedule: plan.schedule,
    status: plan.status,
    createdBy: plan.createdBy,
    createdAt: plan.createdAt.toISOString(),
  };
  const optional = {
    assetId: plan.assetId,
    statusReason: plan.statusReason,
    next: next ? NextOccurrenceView.of(plan, next, reading) : undefined,
    awaitingWorkOrderId: awaiting,
    lastWorkOrderId: plan.lastRaised?.workOrderId,
    changedAt: iso(plan.changedAt),
    pausedAt: iso(plan.pausedAt),
    retiredAt: iso(plan.retiredAt),
    occurrences: occurrences?.map(occurrenceView),
  };
  return Object.assign(view, Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)));
}

function occurrenceView(record: PreventiveOccurrenceRecord): OccurrenceView {
  return {
    occurrenceKey: record.occurrenceKey,
    outcome: record.outcome,
    recordedAt: record.recordedAt.toISOString(),
    ...(record.dueOn !== null ? { dueOn: record.dueOn } : {}),
    ...(record.threshold !== null ? { threshold: record.threshold } : {}),
    ...(record.workOrderId ? { workOrderId: record.workOrderId } : {}),
    ...(record.skipReason ? { skipReason: record.skipReason } : {}),
    ...(record.openWorkOrderId ? { openWorkOrderId: record.openWorkOrderId } : {}),
    ...(record.supersededBy ? { supersededBy: record.supersededBy } : {}),
  };
}
