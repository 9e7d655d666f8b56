import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  EventOrigin,
  WorkOrderAccepted,
  WorkOrderAssigned,
  WorkOrderCancelled,
  WorkOrderClosed,
  WorkOrderCompleted,
  WorkOrderHeld,
  WorkOrderReopened,
  WorkOrderResumed,
  WorkOrderStarted,
  WorkOrderTriaged,
  WorkOrderVerified,
} from '@houqin/contracts';
import { BusinessRuleViolation, NotFoundError, systemClock } from '@houqin/domain';
import type { Logger } from 'pino';
import { Outbox } from '@houqin/messaging';
import { findInAgency } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { AssetRecord } from '../assets/asset.entity';
import { normaliseAssetCode } from '../assets/domain/asset';
import type { FileAttachment } from '@houqin/domain';
import { RepairRequestRecord } from '../repair-requests/repair-request.entity';
import { toDomain as repairRequestOf, toRecord as repairRequestRecord } from '../repair-requests/repair-requests.service';
import { WorkOrderCosts } from '../costs/work-order-costs';
import { SlaClockKind, targetsFor } from '../sla/domain/sla-clock';
import { SlaClockState, SlaClocks } from '../sla/sla-clocks';
import { VendorContractsService } from '../vendor-contracts/vendor-contracts.service';
import { chooseVendor } from './domain/assignment';
import {
  Assignee,
  RAISED_BY_PLATFORM,
  RaisedWork,
  WorkOrder,
  WorkOrderOrigin,
  WorkOrderStatus,
  acceptWorkOrder,
  assignWorkOrder,
  cancelWorkOrder,
  closeWorkOrder,
  completeWorkOrder,
  holdForRequester,
  raiseWorkOrder,
  reopenWorkOrder,
  requireStatus,
  resumeWorkOrder,
  startWorkOrder,
  triageRepairRequest,
  verifyWorkOrder,
  workOrderTimes,
} from './domain/work-order';
import { AssignWorkOrderDto, TriageRepairRequestDto } from './work-order.dto';
import { WorkOrderRecord } from './work-order.entity';

interface ChosenAssignee {
  assignee: Assignee;
  /** Chosen because exactly one vendor fits, rather than named. */
  automatic: boolean;
}

/** Whom raised work goes to: the internal team, a named vendor, the one vendor that fits, or a logistics manager's choice. */
export type RaisedAssignment = { kind: 'internal' } | { kind: 'vendor'; vendorId: string } | { kind: 'automatic' } | { kind: 'manual' };

export interface WorkOrderFilter {
  status?: WorkOrderStatus | undefined;
  origin?: WorkOrderOrigin | undefined;
  preventivePlanId?: string | undefined;
  vehicleId?: string | undefined;
  vendorId?: string | undefined;
}

type Step = 'accept' | 'start' | 'hold' | 'resume' | 'complete' | 'verify' | 'reopen' | 'close' | 'cancel';

/** Use cases: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class WorkOrdersService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly contracts: VendorContractsService,
    private readonly sla: SlaClocks,
    private readonly costs: WorkOrderCosts,
  ) {}

  /** The request becomes triaged and links to the new work order; with autoAssign, the one fitting vendor gets it in the same transaction (or nothing happens). */
  async triage(caller: Caller, repairRequestId: string, input: TriageRepairRequestDto): Promise<WorkOrder> {
    return this.dataSource.transaction(async (manager) => {
      const requestRecord = await findInAgency(manager, RepairRequestRecord, { id: repairRequestId, agencyId: caller.agencyId, aggregate: 'repair request', forUpdate: true });
      const request = repairRequestOf(requestRecord);
      const asset = input.assetId
        ? await findInAgency(manager, AssetRecord, { id: input.assetId, agencyId: caller.agencyId, aggregate: 'asset', forUpdate: false })
        : request.assetCode
          ? await manager.findOne(AssetRecord, { where: { agencyId: caller.agencyId, code: normaliseAssetCode(request.assetCode) } })
          : null;
      const category = input.category ?? asset?.category;
      let order = triageRepairRequest(
        request,
        { id: randomUUID(), triagedBy: caller.userId, category: category ?? 'other', ...(input.priority ? { priority: input.priority } : {}), ...(asset ? { assetId: asset.id } : {}) },
        this.clock,
      );
      if (!category) throw new BusinessRuleViolation('category-required', 'give the category of the work (no registered asset tells it)', 'category');
      await manager.insert(WorkOrderRecord, toRecord(order, 1));
      await manager.update(RepairRequestRecord, { id: request.id, version: requestRecord.version }, repairRequestRecord({ ...request, status: 'triaged', workOrderId: order.id }, requestRecord.version + 1));
      await this.outbox.append(manager, triagedEvent(order, eventOrigin(caller)));
      if (input.autoAssign) order = await this.assignIn(manager, eventOrigin(caller), caller.userId, order, 1, await this.assigneeFor(manager, order, {}));
      return order;
    });
  }

  /**
   * Work the platform raises itself (a preventive plan fell due, a vehicle is due for service), in
   * the caller's transaction: the work order starts triaged and goes at once to the assignee asked
   * for — the internal team, a named vendor, or the one vendor whose active contract covers it. When
   * that is not possible (no vendor or several fit, the named one lost its contract or standing),
   * it stays triaged for a logistics manager to assign; the reason is logged, nothing is lost.
   */
  async raise(manager: EntityManager, origin: EventOrigin, work: RaisedWork, assignment: RaisedAssignment, logger?: Logger): Promise<WorkOrder> {
    const order = raiseWorkOrder(work, this.clock);
    await manager.insert(WorkOrderRecord, toRecord(order, 1));
    await this.outbox.append(manager, triagedEvent(order, origin));
    if (assignment.kind === 'manual') return order;
    let chosen: ChosenAssignee;
    try {
      chosen = await this.assigneeFor(manager, order, assignment.kind === 'internal' ? { internal: true } : assignment.kind === 'vendor' ? { vendorId: assignment.vendorId } : {});
    } catch (error) {
      if (!(error instanceof BusinessRuleViolation)) throw error;
      logger?.info({ workOrderId: order.id, origin: order.origin, reason: error.message }, 'raised work order left for a logistics manager to assign');
      return order;
    }
    return this.assignIn(manager, origin, RAISED_BY_PLATFORM, order, 1, chosen);
  }

  async assign(caller: Caller, id: string, input: AssignWorkOrderDto): Promise<WorkOrder> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      return this.assignIn(manager, eventOrigin(caller), caller.userId, current.order, current.version, await this.assigneeFor(manager, current.order, input));
    });
  }

  /** The internal team, or the vendor asked for (or the one that fits) among those contracted for the work and in good standing. */
  private async assigneeFor(manager: EntityManager, order: WorkOrder, input: AssignWorkOrderDto): Promise<ChosenAssignee> {
    requireStatus(order, ['triaged', 'assigned'], 'assign');
    if (input.internal && input.vendorId) throw new BusinessRuleViolation('assignee-ambiguous', 'assign to a vendor or to the internal team, not both', 'internal');
    if (input.internal) return { assignee: { kind: 'internal' }, automatic: false };
    // One after another: the queries share the transaction's connection.
    const contracts = await this.contracts.contractsOf(manager, order.agencyId);
    const standings = await this.contracts.standingsOf(manager, order.agencyId);
    const choice = chooseVendor(contracts, standings, { category: order.category, building: order.location.building }, input.vendorId, this.clock.now());
    return { assignee: { kind: 'vendor', vendorId: choice.vendorId, contractId: choice.contractId }, automatic: choice.automatic };
  }

  private async assignIn(manager: EntityManager, origin: EventOrigin, assignedBy: string, order: WorkOrder, version: number, { assignee, automatic }: ChosenAssignee): Promise<WorkOrder> {
    const assigned = assignWorkOrder(order, assignee, this.clock);
    await this.save(manager, assigned, version);
    await this.startSlaClocks(manager, assigned, assignee);
    await this.outbox.append(
      manager,
      WorkOrderAssigned.create({
        subject: order.id,
        origin,
        data: { ...summary(assigned), assignee: assignee.kind, automatic, assignedBy, assignedAt: (assigned.assignedAt ?? this.clock.now()).toISOString(), reportedAt: assigned.reportedAt.toISOString() },
      }),
    );
    return assigned;
  }

  async step(caller: Caller, id: string, step: Step, input: { reason?: string; resolutionNote?: string } = {}): Promise<WorkOrder> {
    return this.dataSource.transaction(async (manager) => {
      const { order, version } = await this.load(manager, caller, id, true);
      const now = this.clock.now();
      const origin = eventOrigin(caller);
      const at = now.toISOString();
      let next: WorkOrder;
      switch (step) {
        case 'accept': {
          next = acceptWorkOrder(order, caller, this.clock);
          await this.stopSlaClock(manager, id, 'response', next.acceptedAt ?? now);
          const responseMinutes = Math.floor(((next.acceptedAt ?? now).getTime() - next.reportedAt.getTime()) / 60_000);
          await this.outbox.append(manager, WorkOrderAccepted.create({ subject: id, origin, data: { ...summary(next), acceptedBy: caller.userId, acceptedAt: at, reportedAt: next.reportedAt.toISOString(), responseMinutes } }));
          break;
        }
        case 'start':
          next = startWorkOrder(order, caller, this.clock);
          await this.outbox.append(manager, WorkOrderStarted.create({ subject: id, origin, data: { ...summary(next), startedBy: caller.userId, startedAt: at } }));
          break;
        case 'hold': {
          next = holdForRequester(order, caller, input.reason ?? '', this.clock);
          const reason = next.holdReason ?? '';
          if ((await this.sla.state(manager, id, now)).some((clock) => clock.status === 'running')) await this.sla.pause(manager, id, now, `waiting on the requester: ${reason}`);
          await this.outbox.append(manager, WorkOrderHeld.create({ subject: id, origin, data: { ...summary(next), heldBy: caller.userId, heldAt: at, reason } }));
          break;
        }
        case 'resume': {
          next = resumeWorkOrder(order, caller, this.clock);
          if ((await this.sla.state(manager, id, now)).some((clock) => clock.status === 'paused')) await this.sla.resume(manager, id, now);
          const heldAt = order.holdStartedAt ?? now;
          await this.outbox.append(
            manager,
            WorkOrderResumed.create({
              subject: id,
              origin,
              data: {
                ...summary(next),
                resumedBy: caller.userId,
                resumedAt: at,
                heldAt: heldAt.toISOString(),
                reason: order.holdReason ?? 'not recorded',
                heldMinutes: Math.floor(Math.max(0, now.getTime() - heldAt.getTime()) / 60_000),
                onHoldMinutes: Math.floor(next.onHoldMs / 60_000),
              },
            }),
          );
          break;
        }
        case 'complete':
          next = completeWorkOrder(order, caller, input.resolutionNote, this.clock);
          // The first completion stops the resolution clock; one after a reopening finds it stopped.
          await this.stopSlaClock(manager, id, 'resolution', next.completedAt ?? now);
          await this.outbox.append(
            manager,
            WorkOrderCompleted.create({ subject: id, origin, data: { ...summary(next), ...performance(next), completedBy: caller.userId, ...(next.resolutionNote ? { resolutionNote: next.resolutionNote } : {}) } }),
          );
          break;
        case 'verify':
          next = verifyWorkOrder(order, caller, this.clock);
          await this.outbox.append(
            manager,
            WorkOrderVerified.create({ subject: id, origin, data: { ...summary(next), ...performance(next), cost: await this.costs.totalsOf(manager, id), verifiedBy: caller.userId, verifiedAt: at } }),
          );
          break;
        case 'reopen':
          next = reopenWorkOrder(order, caller, input.reason ?? '');
          await this.outbox.append(
            manager,
            WorkOrderReopened.create({ subject: id, origin, data: { ...summary(next), reopenedBy: caller.userId, reopenedAt: at, reason: (input.reason ?? '').trim(), reopenCount: next.reopenCount } }),
          );
          break;
        case 'close':
          next = closeWorkOrder(order, this.clock);
          await this.outbox.append(
            manager,
            WorkOrderClosed.create({
              subject: id,
              origin,
              data: { ...summary(next), reopenCount: next.reopenCount, firstTimeFix: next.reopenCount === 0, cost: await this.costs.totalsOf(manager, id), closedBy: caller.userId, closedAt: at },
            }),
          );
          break;
        case 'cancel':
          next = cancelWorkOrder(order, input.reason ?? '', this.clock);
          await this.sla.cancel(manager, id, now);
          await this.outbox.append(
            manager,
            WorkOrderCancelled.create({ subject: id, origin, data: { ...summary(next), previousStatus: order.status, reason: next.cancellationReason ?? '', cancelledBy: caller.userId, cancelledAt: at } }),
          );
          break;
      }
      await this.save(manager, next, version);
      return next;
    });
  }

  /**
   * A vendor's work runs the SLA clocks of its contract from the moment the request was reported:
   * response and resolution targets for the work order's priority. Reassigning before acceptance
   * keeps the clocks already running; the internal team works without contractual clocks.
   */
  private async startSlaClocks(manager: EntityManager, order: WorkOrder, assignee: Assignee): Promise<void> {
    if (assignee.kind !== 'vendor' || !assignee.contractId) return;
    if ((await this.sla.state(manager, order.id)).length > 0) return;
    const terms = await this.contracts.slaTermsOf(manager, order.agencyId, assignee.contractId);
    if (!terms?.priorities) return;
    await this.sla.start(manager, {
      workOrderId: order.id,
      agencyId: order.agencyId,
      priority: order.priority,
      vendorId: assignee.vendorId,
      contractId: assignee.contractId,
      targets: targetsFor(terms, order.priority),
      startedAt: order.reportedAt,
    });
  }

  private async stopSlaClock(manager: EntityManager, id: string, kind: SlaClockKind, at: Date): Promise<void> {
    const clock = (await this.sla.state(manager, id, at)).find((candidate) => candidate.kind === kind);
    if (clock && (clock.status === 'running' || clock.status === 'paused')) await this.sla.stop(manager, id, kind, at);
  }

  async get(caller: Caller, id: string): Promise<WorkOrder> {
    return (await this.load(this.dataSource.manager, caller, id, false)).order;
  }

  /** The work order with its SLA clocks as of now (none for the internal team or before assignment) and the attachments of its repair request. */
  async getWithClocks(caller: Caller, id: string): Promise<{ order: WorkOrder; clocks: SlaClockState[]; attachments: FileAttachment[] }> {
    const manager = this.dataSource.manager;
    const { order } = await this.load(manager, caller, id, false);
    const request = order.repairRequestId ? await manager.findOne(RepairRequestRecord, { where: { id: order.repairRequestId, agencyId: caller.agencyId } }) : null;
    return { order, clocks: await this.sla.state(manager, id, this.clock.now()), attachments: request?.attachments ?? [] };
  }

  /** A vendor account lists only the work orders assigned to its vendor. */
  async list(caller: Caller, filter: WorkOrderFilter, limit: number): Promise<WorkOrder[]> {
    const actingFor = vendorActedFor(caller);
    const chosen = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    const records = await this.dataSource.manager.find(WorkOrderRecord, {
      where: { agencyId: caller.agencyId, ...chosen, ...(actingFor !== undefined ? { vendorId: actingFor } : {}) },
      order: { reportedAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  private async save(manager: EntityManager, order: WorkOrder, version: number): Promise<void> {
    const result = await manager.update(WorkOrderRecord, { id: order.id, version }, toRecord(order, version + 1));
    if (result.affected === 0) throw new NotFoundError('work order', order.id);
  }

  /** Another agency's work order, or another vendor's for a vendor account, is reported as not found. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ order: WorkOrder; version: number }> {
    const record = await findInAgency(manager, WorkOrderRecord, { id, agencyId: caller.agencyId, aggregate: 'work order', forUpdate });
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && record.vendorId !== actingFor) throw new NotFoundError('work order', id);
    return { order: toDomain(record), version: record.version };
  }
}

function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId : '00000000-0000-0000-0000-000000000000';
}

function triagedEvent(order: WorkOrder, origin: EventOrigin) {
  return WorkOrderTriaged.create({
    subject: order.id,
    origin,
    data: { ...summary(order), reportedBy: order.reportedBy, reportedAt: order.reportedAt.toISOString(), description: order.description, triagedBy: order.triagedBy, triagedAt: order.triagedAt.toISOString() },
  });
}

function summary(order: WorkOrder) {
  return {
    workOrderId: order.id,
    origin: order.origin,
    ...(order.repairRequestId ? { repairRequestId: order.repairRequestId } : {}),
    ...(order.preventivePlanId ? { preventivePlanId: order.preventivePlanId } : {}),
    ...(order.vehicleId ? { vehicleId: order.vehicleId } : {}),
    priority: order.priority,
    category: order.category,
    location: order.location,
    ...(order.assetId ? { assetId: order.assetId } : {}),
    ...(order.assignee?.kind === 'vendor' ? { vendorId: order.assignee.vendorId, contractId: order.assignee.contractId } : {}),
  };
}

function performance(order: WorkOrder) {
  const times = workOrderTimes(order);
  return {
    reportedBy: order.reportedBy,
    reportedAt: order.reportedAt.toISOString(),
    acceptedAt: (order.acceptedAt ?? order.reportedAt).toISOString(),
    completedAt: (order.completedAt ?? order.reportedAt).toISOString(),
    ...times,
    reopenCount: order.reopenCount,
  };
}

function toRecord(order: WorkOrder, version: number): WorkOrderRecord {
  return {
    id: order.id,
    agencyId: order.agencyId,
    origin: order.origin,
    repairRequestId: order.repairRequestId ?? null,
    preventivePlanId: order.preventivePlanId ?? null,
    vehicleId: order.vehicleId ?? null,
    reportedBy: order.reportedBy,
    description: order.description,
    priority: order.priority,
    category: order.category,
    location: order.location,
    assetId: order.assetId ?? null,
    status: order.status,
    assigneeKind: order.assignee?.kind ?? null,
    vendorId: order.assignee?.kind === 'vendor' ? order.assignee.vendorId : null,
    contractId: order.assignee?.kind === 'vendor' ? order.assignee.contractId : null,
    reportedAt: order.reportedAt,
    triagedBy: order.triagedBy,
    triagedAt: order.triagedAt,
    assignedAt: order.assignedAt ?? null,
    acceptedAt: order.acceptedAt ?? null,
    startedAt: order.startedAt ?? null,
    completedAt: order.completedAt ?? null,
    verifiedAt: order.verifiedAt ?? null,
    closedAt: order.closedAt ?? null,
    cancelledAt: order.cancelledAt ?? null,
    cancellationReason: order.cancellationReason ?? null,
    holdStartedAt: order.holdStartedAt ?? null,
    holdReason: order.holdReason ?? null,
    onHoldMs: order.onHoldMs,
    reopenCount: order.reopenCount,
    resolutionNote: order.resolutionNote ?? null,
    version,
  };
}

function toDomain(record: WorkOrderRecord): WorkOrder {
  const assignee: Assignee | undefined =
    record.assigneeKind === 'internal' ? { kind: 'internal' } : record.assigneeKind === 'vendor' && record.vendorId && record.contractId ? { kind: 'vendor', vendorId: record.vendorId, contractId: record.contractId } : undefined;
  const optionalDate = (key: keyof WorkOrder, value: Date | null) => (value ? { [key]: value } : {});
  return {
    id: record.id,
    agencyId: record.agencyId,
    origin: record.origin,
    ...(record.repairRequestId ? { repairRequestId: record.repairRequestId } : {}),
    ...(record.preventivePlanId ? { preventivePlanId: record.preventivePlanId } : {}),
    ...(record.vehicleId ? { vehicleId: record.vehicleId } : {}),
    reportedBy: record.reportedBy,
    description: record.description,
    priority: record.priority,
    category: record.category,
    location: record.location,
    ...(record.assetId ? { assetId: record.assetId } : {}),
    status: record.status,
    ...(assignee ? { assignee } : {}),
    reportedAt: record.reportedAt,
    triagedBy: record.triagedBy,
    triagedAt: record.triagedAt,
    ...optionalDate('assignedAt', record.assignedAt),
    ...optionalDate('acceptedAt', record.acceptedAt),
    ...optionalDate('startedAt', record.startedAt),
    ...optionalDate('completedAt', record.completedAt),
    ...optionalDate('verifiedAt', record.verifiedAt),
    ...optionalDate('closedAt', record.closedAt),
    ...optionalDate('cancelledAt', record.cancelledAt),
    ...optionalDate('holdStartedAt', record.holdStartedAt),
    ...(record.holdReason ? { holdReason: record.holdReason } : {}),
    ...(record.cancellationReason ? { cancellationReason: record.cancellationReason } : {}),
    onHoldMs: record.onHoldMs,
    reopenCount: record.reopenCount,
    ...(record.resolutionNote ? { resolutionNote: record.resolutionNote } : {}),
  };
}
