import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import type { FileAttachment } from '@houqin/domain';
import { AuditFinding, FindingInput, answerRectification, closeFinding, isResponsible, recordFinding, sendBack } from './domain/audit-finding';
import { AuditPlan, draftPlan } from './domain/audit-plan';
import { AuditTask, AuditTaskInput, assignTask, isAssignee, taskStatusOf } from './domain/audit-task';
import { recordedEvent, stepEvent } from './internal-audit-events';
import { FindingFilter, InternalAuditRepository, TaskFilter } from './internal-audit.repository';

/** Who reads all of the agency's internal audit: the operators, the auditor and the supervising body. */
const AUDIT_READERS = ['agency-admin', 'logistics-manager', 'auditor', 'supervisor'];

export function readsAllAudits(caller: Caller): boolean {
  return caller.roles.some((role) => AUDIT_READERS.includes(role));
}

/** Use cases of internal audit (内部审计): plans, tasks, findings and their rectification. */
@Injectable()
export class InternalAuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audits: InternalAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createPlan(caller: Caller, input: { name: string; period: string; scope: string }): Promise<AuditPlan> {
    const plan = draftPlan(randomUUID(), caller.agencyId, input, caller.userId, this.clock.now());
    await this.audits.insertPlan(this.dataSource.manager, plan);
    return plan;
  }

  async listPlans(caller: Caller, limit: number): Promise<AuditPlan[]> {
    return this.audits.listPlans(this.dataSource.manager, caller.agencyId, limit);
  }

  async getPlan(caller: Caller, id: string): Promise<{ plan: AuditPlan; tasks: AuditTask[] }> {
    const plan = await this.audits.loadPlan(this.dataSource.manager, caller.agencyId, id);
    return { plan, tasks: await this.audits.listTasks(this.dataSource.manager, caller.agencyId, { planId: id }, 500) };
  }

  async assignTask(caller: Caller, planId: string, input: AuditTaskInput): Promise<AuditTask> {
    const plan = await this.audits.loadPlan(this.dataSource.manager, caller.agencyId, planId);
    const task = assignTask(randomUUID(), plan, input, caller.userId, this.clock.now());
    await this.audits.insertTask(this.dataSource.manager, task);
    return task;
  }

  /** Readers see every task; anyone else the tasks naming them. */
  async listTasks(caller: Caller, filter: TaskFilter, limit: number): Promise<AuditTask[]> {
    return this.audits.listTasks(this.dataSource.manager, caller.agencyId, readsAllAudits(caller) ? filter : { ...filter, assignee: caller.userId }, limit);
  }

  async getTask(caller: Caller, id: string): Promise<{ task: AuditTask; findings: AuditFinding[] }> {
    const { value: task } = await this.audits.loadTask(this.dataSource.manager, caller.agencyId, id, { forUpdate: false });
    this.assertMaySeeTask(caller, task);
    return { task, findings: await this.audits.findingsOfTask(this.dataSource.manager, id) };
  }

  /** An assignee records the finding of one checklist item; the task's state follows in the same transaction. */
  async recordFinding(caller: Caller, taskId: string, input: FindingInput): Promise<AuditFinding> {
    return this.dataSource.transaction(async (manager) => {
      const { value: task, version } = await this.audits.loadTask(manager, caller.agencyId, taskId, { forUpdate: true });
      this.assertMaySeeTask(caller, task);
      const existing = await this.audits.findingsOfTask(manager, taskId);
      const finding = recordFinding(randomUUID(), task, existing, input, caller.userId, this.clock.now());
      await this.audits.insertFinding(manager, finding);
      await this.followTask(manager, task, version, [...existing, finding]);
      await this.outbox.append(manager, recordedEvent(finding, task, eventOrigin(caller)));
      return finding;
    });
  }

  async listFindings(caller: Caller, filter: FindingFilter, limit: number): Promise<AuditFinding[]> {
    return this.audits.listFindings(this.dataSource.manager, caller.agencyId, readsAllAudits(caller) ? filter : { ...filter, visibleTo: caller.userId }, limit);
  }

  async getFinding(caller: Caller, id: string): Promise<AuditFinding> {
    const { value: finding } = await this.audits.loadFinding(this.dataSource.manager, caller.agencyId, id, { forUpdate: false });
    await this.assertMaySeeFinding(this.dataSource.manager, caller, finding);
    return finding;
  }

  async answer(caller: Caller, id: string, note: string, evidence: FileAttachment[]): Promise<AuditFinding> {
    return this.step(caller, id, (finding, now) => answerRectification(finding, caller.userId, note, evidence, now));
  }

  async close(caller: Caller, id: string, note: string): Promise<AuditFinding> {
    return this.step(caller, id, (finding, now) => closeFinding(finding, caller.userId, note, now));
  }

  async sendBack(caller: Caller, id: string, reason: string): Promise<AuditFinding> {
    return this.step(caller, id, (finding, now) => sendBack(finding, caller.userId, reason, now));
  }

  /** One rectification step: the finding changes, its task's state follows, the step's event goes out. */
  private async step(caller: Caller, id: string, take: (finding: AuditFinding, now: Date) => AuditFinding): Promise<AuditFinding> {
    return this.dataSource.transaction(async (manager) => {
      const { value: finding, version } = await this.audits.loadFinding(manager, caller.agencyId, id, { forUpdate: true });
      await this.assertMaySeeFinding(manager, caller, finding);
      const next = take(finding, this.clock.now());
      await this.audits.saveFinding(manager, next, version);
      const { value: task, version: taskVersion } = await this.audits.loadTask(manager, caller.agencyId, finding.taskId, { forUpdate: true });
      const findings = (await this.audits.findingsOfTask(manager, task.id)).map((other) => (other.id === next.id ? next : other));
      await this.followTask(manager, task, taskVersion, findings);
      await this.outbox.append(manager, stepEvent(next, task, eventOrigin(caller)));
      return next;
    });
  }

  private async followTask(manager: EntityManager, task: AuditTask, version: number, findings: AuditFinding[]): Promise<void> {
    const status = taskStatusOf(task, findings);
    if (status !== task.status) await this.audits.saveTask(manager, { ...task, status }, version);
  }

  /** A task is shown to the readers and to its assignees; to anyone else it does not exist. */
  private assertMaySeeTask(caller: Caller, task: AuditTask): void {
    if (!readsAllAudits(caller) && !isAssignee(task, caller.userId)) throw new NotFoundError('audit task', task.id);
  }

  /** A finding is shown to the readers, its responsible person and its task's assignees. */
  private async assertMaySeeFinding(manager: EntityManager, caller: Caller, finding: AuditFinding): Promise<void> {
    if (readsAllAudits(caller) || isResponsible(finding, caller.userId)) return;
    const { value: task } = await this.audits.loadTask(manager, caller.agencyId, finding.taskId, { forUpdate: false });
    if (!isAssignee(task, caller.userId)) throw new NotFoundError('audit finding', finding.id);
  }
}
