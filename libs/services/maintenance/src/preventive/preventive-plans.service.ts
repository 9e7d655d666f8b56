import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import {
  EventEnvelope,
  PreventivePlanChanged,
  PreventivePlanCreated,
  PreventivePlanOccurrenceRaised,
  PreventivePlanOccurrenceSkipped,
  PreventivePlanPaused,
  PreventivePlanResumed,
  PreventivePlanRetired,
} from '@houqin/contracts';
import { BusinessRuleViolation, IllegalTransitionError, NotFoundError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { findInAgency } from '@houqin/persistence';
import { RequestValidationError, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import { AssetRecord } from '../assets/asset.entity';
import { toDomain as assetOf } from '../assets/assets.service';
import { Asset } from '../assets/domain/asset';
import { VendorContractsService } from '../vendor-contracts/vendor-contracts.service';
import { chooseVendor } from '../work-orders/domain/assignment';
import { WorkOrderRecord } from '../work-orders/work-order.entity';
import { WorkOrdersService } from '../work-orders/work-orders.service';
import { LocalDate, localDateOf } from './domain/calendar';
import { PlanAsset, PlanInput, parsePlanChanges, parsePlanDefinition } from './domain/plan-definition';
import {
  PlanDefinition,
  PlanStatus,
  PreventivePlan,
  ScheduleContext,
  changePlan,
  createPlan,
  pausePlan,
  raisedOn,
  resumePlan,
  retirePlan,
  triggerTerms,
  workOrderDescription,
} from './domain/preventive-plan';
import { Occurrence, PreviousWork, SkippedOccurrence, isOutstanding, occurrenceKey, sweepPlan } from './domain/schedule';
import { PreventiveOccurrenceRecord, PreventivePlanRecord } from './preventive-plan.entity';

/** A plan with what its view shows beside it. */
export interface PlanDetails {
  plan: PreventivePlan;
  /** The asset's latest reading of the plan's meter. */
  reading?: number;
  /** The plan's last work order as it stands. */
  previous?: PreviousWork;
  occurrences?: PreventiveOccurrenceRecord[];
}

export interface PlanFilter {
  status?: PlanStatus | undefined;
  assetId?: string | undefined;
}

/** What the sweep did with one plan. */
export interface PlanSweepOutcome {
  raised: Array<{ planId: string; occurrenceKey: string; workOrderId: string }>;
  skipped: Array<{ planId: string; occurrenceKey: string; reason: SkippedOccurrence['reason'] }>;
  /** The plan's schedule moved without an occurrence (a from-completion plan's work order completed). */
  rescheduled: boolean;
}

const HISTORY = 100;

/** Use cases of preventive plans: load, apply the plan's rules, save the change and its event in one transaction. */
@Injectable()
export class PreventivePlansService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly contracts: VendorContractsService,
    private readonly workOrders: WorkOrdersService,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async create(caller: Caller, input: PlanInput): Promise<PlanDetails> {
    return this.dataSource.transaction(async (manager) => {
      const asset = input.assetId ? await this.assetIn(manager, caller.agencyId, input.assetId) : undefined;
      const { definition, problems } = parsePlanDefinition(input, { createdBy: caller.userId, ...(asset ? { asset: planAsset(asset) } : {}) });
      if (!definition) throw new RequestValidationError(problems);
      requireMeter(definition, asset);
      if (definition.assignee.kind === 'vendor') await this.requireEligibleVendor(manager, caller.agencyId, definition);
      const context = await this.scheduleContext(manager, definition, asset);
      const plan = createPlan({ id: randomUUID(), agencyId: caller.agencyId, createdBy: caller.userId, definition }, context, this.clock);
      await manager.insert(PreventivePlanRecord, toRecord(plan, 1));
      await this.outbox.append(
        manager,
        PreventivePlanCreated.create({
          subject: plan.id,
          origin: eventOrigin(caller),
          data: { ...summary(plan), ...nextOf(plan), description: plan.description, createdBy: caller.userId, createdAt: plan.createdAt.toISOString() },
        }),
      );
      return { plan, ...readingOf(plan, asset) };
    });
  }

  async change(caller: Caller, id: string, input: PlanInput): Promise<PlanDetails> {
    return this.dataSource.transaction(async (manager) => {
      const { plan, version } = await this.load(manager, caller, id, true);
      if (plan.status === 'retired') throw new IllegalTransitionError('preventive plan', plan.status, 'change');
      const asset = plan.assetId ? await this.assetIn(manager, caller.agencyId, plan.assetId) : undefined;
      const { changes, problems } = parsePlanChanges(input, plan, { ...(asset ? { asset: planAsset(asset) } : {}) });
      if (!changes) throw new RequestValidationError(problems);
      const merged: PlanDefinition = { ...plan, ...changes };
      if (changes.trigger) requireMeter(merged, asset);
      if (merged.assignee.kind === 'vendor' && (changes.assignee || changes.category || changes.location)) await this.requireEligibleVendor(manager, caller.agencyId, merged);
      const restarts = changes.trigger !== undefined || changes.schedule !== undefined;
      const context = await this.scheduleContext(manager, merged, asset, restarts ? plan.id : undefined);
      const { plan: changed, changedFields } = changePlan(plan, changes, context, this.clock);
      if (changedFields.length === 0) return { plan, ...readingOf(plan, asset) };
      await this.save(manager, changed, version);
      await this.outbox.append(
        manager,
        PreventivePlanChanged.create({
          subject: plan.id,
          origin: eventOrigin(caller),
          data: { ...summary(changed), ...nextOf(changed), changedFields, changedBy: caller.userId, changedAt: (changed.changedAt ?? this.clock.now()).toISOString() },
        }),
      );
      return { plan: changed, ...readingOf(changed, asset) };
    });
  }

  async pause(caller: Caller, id: string, reason: string | undefined): Promise<PlanDetails> {
    return this.dataSource.transaction(async (manager) => {
      const { plan, version } = await this.load(manager, caller, id, true);
      const paused = pausePlan(plan, reason, this.clock);
      await this.save(manager, paused, version);
      await this.outbox.append(
        manager,
        PreventivePlanPaused.create({
          subject: id,
          origin: eventOrigin(caller),
          data: { ...summary(paused), ...(paused.statusReason ? { reason: paused.statusReason } : {}), pausedBy: caller.userId, pausedAt: (paused.pausedAt ?? this.clock.now()).toISOString() },
        }),
      );
      return { plan: paused };
    });
  }

  async resume(caller: Caller, id: string): Promise<PlanDetails> {
    return this.dataSource.transaction(async (manager) => {
      const { plan, version } = await this.load(manager, caller, id, true);
      const asset = plan.assetId ? await this.assetIn(manager, caller.agencyId, plan.assetId) : undefined;
      const resumed = resumePlan(plan, await this.scheduleContext(manager, plan, asset));
      await this.save(manager, resumed, version);
      await this.outbox.append(
        manager,
        PreventivePlanResumed.create({ subject: id, origin: eventOrigin(caller), data: { ...summary(resumed), ...nextOf(resumed), resumedBy: caller.userId, resumedAt: this.clock.now().toISOString() } }),
      );
      return { plan: resumed, ...readingOf(resumed, asset) };
    });
  }

  async retire(caller: Caller, id: string, reason: string | undefined): Promise<PlanDetails> {
    return this.dataSource.transaction(async (manager) => {
      const { plan, version } = await this.load(manager, caller, id, true);
      const retired = retirePlan(plan, reason, this.clock);
      await this.save(manager, retired, version);
      await this.outbox.append(
        manager,
        PreventivePlanRetired.create({
          subject: id,
          origin: eventOrigin(caller),
          data: { ...summary(retired), ...(retired.statusReason ? { reason: retired.statusReason } : {}), retiredBy: caller.userId, retiredAt: (retired.retiredAt ?? this.clock.now()).toISOString() },
        }),
      );
      return { plan: retired };
    });
  }

  /** The plan, its upcoming occurrence (with the meter's reading and the last work order) and its occurrence history. */
  async get(caller: Caller, id: string): Promise<PlanDetails> {
    const manager = this.dataSource.manager;
    const { plan } = await this.load(manager, caller, id, false);
    const asset = plan.assetId ? await manager.findOne(AssetRecord, { where: { id: plan.assetId } }) : null;
    const previous = await this.previousWork(manager, plan);
    const occurrences = await manager.find(PreventiveOccurrenceRecord, {
      where: { planId: plan.id },
      order: { recordedAt: 'DESC', dueOn: 'DESC', threshold: 'DESC' },
      take: HISTORY,
    });
    return { plan, ...readingOf(plan, asset ? assetOf(asset) : undefined), ...(previous ? { previous } : {}), occurrences };
  }

  async list(caller: Caller, filter: PlanFilter, limit: number): Promise<PlanDetails[]> {
    const chosen = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    const records = await this.dataSource.manager.find(PreventivePlanRecord, { where: { agencyId: caller.agencyId, ...chosen }, order: { createdAt: 'DESC' }, take: limit });
    return records.map((record) => ({ plan: toDomain(record) }));
  }

  /**
   * One sweep step for a plan the sweep has claimed (and locked) in `manager`'s transaction, at the
   * database's `now`: raises the occurrence due through the work orders, records the occurrences
   * and advances the plan, or does nothing when nothing is due.
   */
  async sweepOne(manager: EntityManager, planId: string, now: Date): Promise<PlanSweepOutcome> {
    const outcome: PlanSweepOutcome = { raised: [], skipped: [], rescheduled: false };
    const record = await manager.findOne(PreventivePlanRecord, { where: { id: planId } });
    if (!record) return outcome;
    const plan = toDomain(record);
    const asset = plan.assetId ? await manager.findOne(AssetRecord, { where: { id: plan.assetId } }) : null;
    const { reading } = readingOf(plan, asset ? assetOf(asset) : undefined);
    const previous = await this.previousWork(manager, plan);
    const decision = sweepPlan(plan, { today: localDateOf(now), ...(reading !== undefined ? { reading } : {}), ...(previous ? { previous } : {}) });
    if (!decision.changed) return outcome;

    const origin = eventOrigin({ agencyId: plan.agencyId });
    const events: EventEnvelope[] = [];
    const rows: PreventiveOccurrenceRecord[] = [];
    for (const skipped of decision.skipped) {
      const key = occurrenceKey(skipped.occurrence);
      rows.push({ ...occurrenceColumns(plan, skipped.occurrence, now), outcome: 'skipped', workOrderId: null, skipReason: skipped.reason, openWorkOrderId: skipped.openWorkOrderId ?? null, supersededBy: skipped.supersededBy ?? null });
      events.push(
        PreventivePlanOccurrenceSkipped.create({
          subject: plan.id,
          origin,
          data: {
            ...occurrenceData(plan, skipped.occurrence),
            reason: skipped.reason,
            ...(skipped.openWorkOrderId ? { openWorkOrderId: skipped.openWorkOrderId } : {}),
            ...(skipped.supersededBy ? { supersededBy: skipped.supersededBy } : {}),
            skippedAt: now.toISOString(),
          },
        }),
      );
      outcome.skipped.push({ planId: plan.id, occurrenceKey: key, reason: skipped.reason });
    }
    let advanced: PreventivePlan = { ...plan };
    if (decision.next) advanced.next = decision.next;
    else delete advanced.next;
    if (decision.raise) {
      const occurrence = decision.raise;
      // The work order's own events (triaged, assigned) go first, in this transaction.
      const order = await this.workOrders.raise(
        manager,
        origin,
        {
          id: randomUUID(),
          agencyId: plan.agencyId,
          origin: 'preventive-plan',
          preventivePlanId: plan.id,
          reportedBy: plan.answerableBy,
          description: workOrderDescription(plan, occurrence),
          priority: plan.priority,
          category: plan.category,
          location: plan.location,
          ...(plan.assetId ? { assetId: plan.assetId } : {}),
        },
        plan.assignee,
        this.logger,
      );
      rows.push({ ...occurrenceColumns(plan, occurrence, now), outcome: 'raised', workOrderId: order.id, skipReason: null, openWorkOrderId: null, supersededBy: null });
      events.push(
        PreventivePlanOccurrenceRaised.create({
          subject: plan.id,
          origin,
          data: {
            ...occurrenceData(plan, occurrence),
            workOrderId: order.id,
            workOrderStatus: order.status === 'assigned' ? 'assigned' : 'triaged',
            assignee: plan.assignee,
            ...(occurrence.kind === 'meter' && reading !== undefined ? { reading } : {}),
            supersededCount: decision.superseded,
            raisedAt: now.toISOString(),
          },
        }),
      );
      advanced = { ...advanced, lastRaised: { occurrence, workOrderId: order.id } };
      outcome.raised.push({ planId: plan.id, occurrenceKey: occurrenceKey(occurrence), workOrderId: order.id });
    }
    // The primary key (plan, occurrence) is the last guard: a second record of one occurrence fails the whole step.
    if (rows.length > 0) await manager.insert(PreventiveOccurrenceRecord, rows);
    await this.save(manager, advanced, record.version);
    await this.outbox.append(manager, events);
    outcome.rescheduled = rows.length === 0;
    return outcome;
  }

  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ plan: PreventivePlan; version: number }> {
    const record = await findInAgency(manager, PreventivePlanRecord, { id, agencyId: caller.agencyId, aggregate: 'preventive plan', forUpdate });
    return { plan: toDomain(record), version: record.version };
  }

  private async save(manager: EntityManager, plan: PreventivePlan, version: number): Promise<void> {
    const result = await manager.update(PreventivePlanRecord, { id: plan.id, version }, toRecord(plan, version + 1));
    if (result.affected === 0) throw new NotFoundError('preventive plan', plan.id);
  }

  /** Another agency's asset answers like a missing one. */
  private async assetIn(manager: EntityManager, agencyId: string, id: string): Promise<Asset> {
    return assetOf(await findInAgency(manager, AssetRecord, { id, agencyId, aggregate: 'asset', forUpdate: false }));
  }

  /** Today and the meter's reading by the database's clock, and the occurrences already recorded when the schedule restarts. */
  private async scheduleContext(manager: EntityManager, plan: Pick<PlanDefinition, 'trigger'>, asset: Asset | undefined, restartingPlanId?: string): Promise<ScheduleContext> {
    const [{ now }] = (await manager.query(`SELECT now() AS now`)) as [{ now: Date }];
    const reading = plan.trigger.kind === 'meter' ? asset?.meters[plan.trigger.meterKind]?.value : undefined;
    const context: ScheduleContext = { today: localDateOf(now), ...(reading !== undefined ? { reading } : {}) };
    if (restartingPlanId) {
      const [last] = (await manager.query(`SELECT to_char(max(due_on), 'YYYY-MM-DD') AS due_on, max(threshold) AS threshold FROM preventive_occurrence WHERE plan_id = $1`, [restartingPlanId])) as Array<{
        due_on: LocalDate | null;
        threshold: string | null;
      }>;
      context.lastRecorded = { ...(last?.due_on ? { dueOn: last.due_on } : {}), ...(last?.threshold !== null && last?.threshold !== undefined ? { threshold: Number(last.threshold) } : {}) };
    }
    return context;
  }

  /** The plan's last work order: open, or closed with when (and the meter's reading then). */
  private async previousWork(manager: EntityManager, plan: PreventivePlan): Promise<PreviousWork | undefined> {
    const workOrderId = plan.lastRaised?.workOrderId;
    if (!workOrderId) return undefined;
    const order = await manager.findOne(WorkOrderRecord, { where: { id: workOrderId } });
    if (!order) return undefined;
    const closedAt = isOutstanding(order.status) ? null : (order.completedAt ?? order.cancelledAt);
    const previous: PreviousWork = { workOrderId, status: order.status, ...(closedAt ? { closedAt } : {}) };
    if (closedAt && plan.trigger.kind === 'meter' && plan.assetId) {
      const [row] = (await manager.query(`SELECT max(value) AS value FROM asset_meter_reading WHERE asset_id = $1 AND kind = $2 AND read_at <= $3`, [plan.assetId, plan.trigger.meterKind, closedAt])) as Array<{
        value: string | null;
      }>;
      if (row?.value !== null && row?.value !== undefined) previous.readingAtClose = Number(row.value);
    }
    return previous;
  }

  /** A named vendor must hold an active contract covering the plan's work today (it is checked again at each occurrence). */
  private async requireEligibleVendor(manager: EntityManager, agencyId: string, definition: PlanDefinition): Promise<void> {
    if (definition.assignee.kind !== 'vendor') return;
    // One after another: the queries share the transaction's connection.
    const contracts = await this.contracts.contractsOf(manager, agencyId);
    const standings = await this.contracts.standingsOf(manager, agencyId);
    try {
      chooseVendor(contracts, standings, { category: definition.category, building: definition.location.building }, definition.assignee.vendorId, this.clock.now());
    } catch (error) {
      if (error instanceof BusinessRuleViolation) throw new BusinessRuleViolation(error.code, error.message, 'assignee.vendorId');
      throw error;
    }
  }
}

/** A meter plan reads a meter the asset has: one with a reading recorded. */
function requireMeter(definition: Pick<PlanDefinition, 'trigger'>, asset: Asset | undefined): void {
  const trigger = definition.trigger;
  if (trigger.kind !== 'meter' || !asset || asset.meters[trigger.meterKind]) return;
  throw new BusinessRuleViolation('asset-meter-unknown', `asset ${asset.code} has no ${trigger.meterKind} meter reading yet: record one before planning by its meter`, 'trigger.meterKind');
}

function planAsset(asset: Asset): PlanAsset {
  return { id: asset.id, category: asset.category, location: asset.location, meters: asset.meters };
}

function readingOf(plan: PreventivePlan, asset: Asset | undefined): { reading?: number } {
  if (plan.trigger.kind !== 'meter') return {};
  const reading = asset?.meters[plan.trigger.meterKind]?.value;
  return reading !== undefined ? { reading } : {};
}

function summary(plan: PreventivePlan) {
  const trigger = plan.trigger;
  return {
    preventivePlanId: plan.id,
    name: plan.name,
    ...(plan.assetId ? { assetId: plan.assetId } : {}),
    category: plan.category,
    location: plan.location,
    priority: plan.priority,
    assignee: plan.assignee,
    answerableBy: plan.answerableBy,
    trigger: triggerTerms(trigger),
    schedule: plan.schedule,
    status: plan.status,
  };
}

function nextOf(plan: PreventivePlan) {
  const next = plan.next;
  if (!next) return {};
  if (next.kind === 'meter') return { nextThreshold: next.threshold };
  return { nextDueOn: next.dueOn, nextRaisedOn: raisedOn(plan, next) ?? next.dueOn };
}

function occurrenceData(plan: PreventivePlan, occurrence: Occurrence) {
  return {
    preventivePlanId: plan.id,
    occurrenceKey: occurrenceKey(occurrence),
    ...(occurrence.kind === 'calendar' ? { dueOn: occurrence.dueOn } : { threshold: occurrence.threshold }),
    ...(plan.trigger.kind === 'meter' ? { meterKind: plan.trigger.meterKind } : {}),
    ...(plan.assetId ? { assetId: plan.assetId } : {}),
  };
}

function occurrenceColumns(plan: PreventivePlan, occurrence: Occurrence, now: Date) {
  return {
    planId: plan.id,
    occurrenceKey: occurrenceKey(occurrence),
    agencyId: plan.agencyId,
    dueOn: occurrence.kind === 'calendar' ? occurrence.dueOn : null,
    threshold: occurrence.kind === 'meter' ? occurrence.threshold : null,
    recordedAt: now,
  };
}

export function toRecord(plan: PreventivePlan, version: number): PreventivePlanRecord {
  const trigger = plan.trigger;
  const next = plan.next;
  const raised = plan.lastRaised;
  return {
    id: plan.id,
    agencyId: plan.agencyId,
    name: plan.name,
    description: plan.description,
    checklist: plan.checklist,
    assetId: plan.assetId ?? null,
    category: plan.category,
    location: plan.location,
    priority: plan.priority,
    assigneeKind: plan.assignee.kind,
    vendorId: plan.assignee.kind === 'vendor' ? plan.assignee.vendorId : null,
    answerableBy: plan.answerableBy,
    triggerKind: trigger.kind,
    every: trigger.every,
    unit: trigger.kind === 'calendar' ? trigger.unit : null,
    firstDueOn: trigger.kind === 'calendar' ? trigger.firstDueOn : null,
    leadDays: trigger.kind === 'calendar' ? trigger.leadDays : 0,
    meterKind: trigger.kind === 'meter' ? trigger.meterKind : null,
    startReading: trigger.kind === 'meter' ? trigger.startReading : null,
    schedule: plan.schedule,
    status: plan.status,
    statusReason: plan.statusReason ?? null,
    nextDueOn: next?.kind === 'calendar' ? next.dueOn : null,
    raiseOn: next?.kind === 'calendar' ? (raisedOn(plan, next) ?? next.dueOn) : null,
    nextThreshold: next?.kind === 'meter' ? next.threshold : null,
    lastWorkOrderId: raised?.workOrderId ?? null,
    lastRaisedDueOn: raised?.occurrence.kind === 'calendar' ? raised.occurrence.dueOn : null,
    lastRaisedThreshold: raised?.occurrence.kind === 'meter' ? raised.occurrence.threshold : null,
    createdBy: plan.createdBy,
    createdAt: plan.createdAt,
    changedAt: plan.changedAt ?? null,
    pausedAt: plan.pausedAt ?? null,
    retiredAt: plan.retiredAt ?? null,
    version,
  };
}

export function toDomain(record: PreventivePlanRecord): PreventivePlan {
  const trigger: PreventivePlan['trigger'] =
    record.triggerKind === 'calendar'
      ? { kind: 'calendar', every: record.every, unit: record.unit ?? 'day', firstDueOn: record.firstDueOn ?? '', leadDays: record.leadDays }
      : { kind: 'meter', meterKind: record.meterKind ?? 'hours', every: record.every, startReading: record.startReading ?? 0 };
  const next: Occurrence | undefined =
    record.nextDueOn !== null ? { kind: 'calendar', dueOn: record.nextDueOn } : record.nextThreshold !== null ? { kind: 'meter', threshold: record.nextThreshold } : undefined;
  const raisedOccurrence: Occurrence | undefined =
    record.lastRaisedDueOn !== null ? { kind: 'calendar', dueOn: record.lastRaisedDueOn } : record.lastRaisedThreshold !== null ? { kind: 'meter', threshold: record.lastRaisedThreshold } : undefined;
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    description: record.description,
    checklist: record.checklist,
    ...(record.assetId ? { assetId: record.assetId } : {}),
    category: record.category,
    location: record.location,
    priority: record.priority,
    assignee: record.assigneeKind === 'vendor' ? { kind: 'vendor', vendorId: record.vendorId ?? '' } : { kind: record.assigneeKind },
    answerableBy: record.answerableBy,
    trigger,
    schedule: record.schedule,
    status: record.status,
    ...(record.statusReason ? { statusReason: record.statusReason } : {}),
    ...(next ? { next } : {}),
    ...(raisedOccurrence && record.lastWorkOrderId ? { lastRaised: { occurrence: raisedOccurrence, workOrderId: record.lastWorkOrderId } } : {}),
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    ...(record.changedAt ? { changedAt: record.changedAt } : {}),
    ...(record.pausedAt ? { pausedAt: record.pausedAt } : {}),
    ...(record.retiredAt ? { retiredAt: record.retiredAt } : {}),
  };
}
