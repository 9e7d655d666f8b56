import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RequisitionApproved, RequisitionRejected, RequisitionStepApproved, RequisitionSubmitted, RequisitionWithdrawn } from '@houqin/contracts';
import { businessDay, systemClock } from '@houqin/domain';
import { Outbox, recordIdempotentCommand } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { findInAgency } from '@houqin/persistence';
import { eventOrigin } from '@houqin/service-kit';
import { BudgetsService } from '../budgets/budgets.service';
import { ApprovalPolicyService } from './approval-policy.service';
import { ApproverRole } from './domain/approval-policy';
import {
  Requisition,
  RequisitionStatus,
  approveRequisition,
  draftRequisition,
  rejectRequisition,
  submitRequisition,
  withdrawRequisition,
} from './domain/requisition';
import { ApproveRequisitionDto, RaiseRequisitionDto, RejectRequisitionDto, WithdrawRequisitionDto } from './requisition.dto';
import { RequisitionRecord } from './requisition.entity';

/** Use cases of requisitions: load with a row lock, apply the domain rule, save with its events in one transaction. */
@Injectable()
export class RequisitionsService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly policies: ApprovalPolicyService,
    private readonly budgets: BudgetsService,
  ) {}

  /** A draft is the requester's own work in progress: no event until it is submitted. */
  async raise(caller: Caller, input: RaiseRequisitionDto): Promise<Requisition> {
    const requisition = draftRequisition(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        requestedBy: caller.userId,
        ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
        title: input.title,
        fiscalYear: input.fiscalYear ?? Number(businessDay(this.clock.now()).date.slice(0, 4)),
        category: input.category,
        lines: input.lines,
      },
      this.clock,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(RequisitionRecord, toRecord(requisition, 1));
      await recordIdempotentCommand(manager, requisition.id);
    });
    return requisition;
  }

  async submit(caller: Caller, id: string): Promise<Requisition> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const submitted = submitRequisition(current.requisition, caller, await this.policies.policyFor(manager, caller.agencyId), this.clock);
      await this.save(manager, submitted, current.version);
      await this.outbox.append(
        manager,
        RequisitionSubmitted.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(submitted),
            title: submitted.title,
            lineCount: submitted.lines.length,
            steps: submitted.steps.map((step) => step.role),
            submittedAt: (submitted.submittedAt as Date).toISOString(),
          },
        }),
      );
      return submitted;
    });
  }

  /**
   * The last approval commits the budget in the same transaction; the budget row lock makes
   * concurrent final approvals against one budget queue, and a refusal rolls the approval back.
   */
  async approve(caller: Caller, id: string, input: ApproveRequisitionDto): Promise<Requisition> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const policy = await this.policies.policyFor(manager, caller.agencyId);
      const outcome = approveRequisition(
        current.requisition,
        { userId: caller.userId, roles: caller.roles, ...(input.comment !== undefined ? { comment: input.comment } : {}) },
        policy,
        this.clock,
      );
      const { requisition } = outcome;
      const step = requisition.steps[outcome.step] as { role: ApproverRole; approvedBy: string; approvedAt: Date };
      if (!outcome.final) {
        await this.save(manager, requisition, current.version);
        await this.outbox.append(
          manager,
          RequisitionStepApproved.create({
            subject: id,
            origin: eventOrigin(caller),
            data: {
              ...summary(requisition),
              step: outcome.step + 1,
              of: outcome.of,
              role: step.role,
              approvedBy: step.approvedBy,
              approvedAt: step.approvedAt.toISOString(),
              nextRole: (requisition.steps[outcome.step + 1] as { role: ApproverRole }).role,
            },
          }),
        );
        return requisition;
      }
      const commitment = await this.budgets.commitFor(
        manager,
        caller,
        requisition,
        input.budgetOverrideReason !== undefined ? { by: caller.userId, roles: caller.roles, reason: input.budgetOverrideReason } : undefined,
      );
      await this.save(manager, requisition, current.version);
      await this.outbox.append(
        manager,
        RequisitionApproved.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(requisition),
            procurementMethod: requisition.procurementMethod as NonNullable<Requisition['procurementMethod']>,
            budgetId: commitment.budget.id,
            approvals: requisition.steps.map((approved) => ({
              role: approved.role,
              approvedBy: approved.approvedBy as string,
              approvedAt: (approved.approvedAt as Date).toISOString(),
            })),
            approvedAt: (requisition.approvedAt as Date).toISOString(),
          },
        }),
      );
      return requisition;
    });
  }

  async reject(caller: Caller, id: string, input: RejectRequisitionDto): Promise<Requisition> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const role = current.requisition.steps.find((step) => step.approvedBy === undefined)?.role;
      const rejected = rejectRequisition(current.requisition, { userId: caller.userId, roles: caller.roles, reason: input.reason }, this.clock);
      const rejection = rejected.rejection as NonNullable<Requisition['rejection']>;
      await this.save(manager, rejected, current.version);
      await this.outbox.append(
        manager,
        RequisitionRejected.create({
          subject: id,
          origin: eventOrigin(caller),
          data: { ...summary(rejected), role: role as ApproverRole, rejectedBy: rejection.by, reason: rejection.reason, rejectedAt: rejection.at.toISOString() },
        }),
      );
      return rejected;
    });
  }

  async withdraw(caller: Caller, id: string, input: WithdrawRequisitionDto): Promise<Requisition> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const withdrawn = withdrawRequisition(
        current.requisition,
        { userId: caller.userId, roles: caller.roles, ...(input.reason !== undefined ? { reason: input.reason } : {}) },
        this.clock,
      );
      const withdrawal = withdrawn.withdrawal as NonNullable<Requisition['withdrawal']>;
      await this.save(manager, withdrawn, current.version);
      await this.outbox.append(
        manager,
        RequisitionWithdrawn.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(withdrawn),
            previousStatus: current.requisition.status as 'draft' | 'submitted',
            withdrawnBy: withdrawal.by,
            ...(withdrawal.reason ? { reason: withdrawal.reason } : {}),
            withdrawnAt: withdrawal.at.toISOString(),
          },
        }),
      );
      return withdrawn;
    });
  }

  async get(caller: Caller, id: string): Promise<Requisition> {
    return (await this.load(this.dataSource.manager, caller, id, false)).requisition;
  }

  async list(caller: Caller, status: RequisitionStatus | undefined, limit: number): Promise<Requisition[]> {
    const records = await this.dataSource.manager.find(RequisitionRecord, {
      where: { agencyId: caller.agencyId, ...(status ? { status } : {}) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  /** The requisition, locked in the caller's transaction: a purchase order is raised for it. */
  async lockForOrder(manager: EntityManager, caller: Caller, id: string): Promise<Requisition> {
    return (await this.load(manager, caller, id, true)).requisition;
  }

  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ requisition: Requisition; version: number }> {
    const record = await findInAgency(manager, RequisitionRecord, { id, agencyId: caller.agencyId, aggregate: 'requisition', forUpdate });
    return { requisition: toDomain(record), version: record.version };
  }

  private async save(manager: EntityManager, requisition: Requisition, version: number): Promise<void> {
    await manager.update(RequisitionRecord, { id: requisition.id, version }, toRecord(requisition, version + 1));
  }
}

function summary(requisition: Requisition) {
  return {
    requisitionId: requisition.id,
    requestedBy: requisition.requestedBy,
    ...(requisition.departmentId ? { departmentId: requisition.departmentId } : {}),
    fiscalYear: requisition.fiscalYear,
    category: requisition.category,
    total: requisition.total,
  };
}

function toRecord(requisition: Requisition, version: number): RequisitionRecord {
  return {
    id: requisition.id,
    agencyId: requisition.agencyId,
    requestedBy: requisition.requestedBy,
    departmentId: requisition.departmentId ?? null,
    title: requisition.title,
    fiscalYear: requisition.fiscalYear,
    category: requisition.category,
    lines: requisition.lines,
    total: requisition.total,
    status: requisition.status,
    steps: requisition.steps.map((step) => ({
      role: step.role,
      ...(step.approvedBy ? { approvedBy: step.approvedBy } : {}),
      ...(step.approvedAt ? { approvedAt: step.approvedAt.toISOString() } : {}),
      ...(step.comment ? { comment: step.comment } : {}),
    })),
    procurementMethod: requisition.procurementMethod ?? null,
    createdAt: requisition.createdAt,
    submittedAt: requisition.submittedAt ?? null,
    approvedAt: requisition.approvedAt ?? null,
    rejection: requisition.rejection ? { by: requisition.rejection.by, at: requisition.rejection.at.toISOString(), reason: requisition.rejection.reason } : null,
    withdrawal: requisition.withdrawal
      ? { by: requisition.withdrawal.by, at: requisition.withdrawal.at.toISOString(), ...(requisition.withdrawal.reason ? { reason: requisition.withdrawal.reason } : {}) }
      : null,
    version,
  };
}

function toDomain(record: RequisitionRecord): Requisition {
  return {
    id: record.id,
    agencyId: record.agencyId,
    requestedBy: record.requestedBy,
    ...(record.departmentId ? { departmentId: record.departmentId } : {}),
    title: record.title,
    fiscalYear: record.fiscalYear,
    category: record.category,
    lines: record.lines,
    total: record.total,
    status: record.status,
    steps: record.steps.map((step) => ({
      role: step.role as ApproverRole,
      ...(step.approvedBy ? { approvedBy: step.approvedBy } : {}),
      ...(step.approvedAt ? { approvedAt: new Date(step.approvedAt) } : {}),
      ...(step.comment ? { comment: step.comment } : {}),
    })),
    createdAt: record.createdAt,
    ...(record.submittedAt ? { submittedAt: record.submittedAt } : {}),
    ...(record.approvedAt ? { approvedAt: record.approvedAt } : {}),
    ...(record.procurementMethod ? { procurementMethod: record.procurementMethod } : {}),
    ...(record.rejection ? { rejection: { by: record.rejection.by, at: new Date(record.rejection.at), reason: record.rejection.reason } } : {}),
    ...(record.withdrawal
      ? { withdrawal: { by: record.withdrawal.by, at: new Date(record.withdrawal.at), ...(record.withdrawal.reason ? { reason: record.withdrawal.reason } : {}) } }
      : {}),
  };
}
