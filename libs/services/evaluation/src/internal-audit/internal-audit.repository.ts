import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DuplicateError, NotFoundError } from '@houqin/domain';
import { isUniqueViolation } from '@houqin/persistence';
import { AuditFinding, FindingStatus, overdueFrom } from './domain/audit-finding';
import type { AuditPlan } from './domain/audit-plan';
import type { AuditTask, AuditTaskStatus } from './domain/audit-task';
import { AuditFindingRecord, AuditPlanRecord, AuditTaskRecord } from './internal-audit.entity';

export interface TaskFilter {
  planId?: string | undefined;
  status?: AuditTaskStatus | undefined;
  /** Only the tasks naming this user among the assignees. */
  assignee?: string | undefined;
}

export interface FindingFilter {
  planId?: string | undefined;
  taskId?: string | undefined;
  status?: FindingStatus | undefined;
  /** Not closed yet: waiting on the responsible person or on the auditor. */
  open?: boolean | undefined;
  /** Announced overdue and not closed. */
  overdue?: boolean | undefined;
  responsible?: string | undefined;
  /** Only findings this user may see without being a reader: as their responsible person or an assignee of their task. */
  visibleTo?: string | undefined;
}

export interface Loaded<T> {
  value: T;
  version: number;
}

/** Plans, tasks and findings of internal audit; another agency's answer as missing. */
@Injectable()
export class InternalAuditRepository {
  async insertPlan(manager: EntityManager, plan: AuditPlan): Promise<void> {
    await manager.insert(AuditPlanRecord, plan);
  }

  async loadPlan(manager: EntityManager, agencyId: string, id: string): Promise<AuditPlan> {
    const record = await manager.findOne(AuditPlanRecord, { where: { id, agencyId } });
    if (!record) throw new NotFoundError('audit plan', id);
    return { ...record };
  }

  /** The latest first. */
  async listPlans(manager: EntityManager, agencyId: string, limit: number): Promise<AuditPlan[]> {
    return (await manager.find(AuditPlanRecord, { where: { agencyId }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit })).map((record) => ({ ...record }));
  }

  async insertTask(manager: EntityManager, task: AuditTask): Promise<void> {
    await manager.insert(AuditTaskRecord, { ...task, version: 1 });
  }

  async loadTask(manager: EntityManager, agencyId: string, id: string, options: { forUpdate: boolean }): Promise<Loaded<AuditTask>> {
    const record = await manager.findOne(AuditTaskRecord, { where: { id, agencyId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record) throw new NotFoundError('audit task', id);
    const { version, ...task } = record;
    return { value: task, version };
  }

  async saveTask(manager: EntityManager, task: AuditTask, version: number): Promise<void> {
    const result = await manager.update(AuditTaskRecord, { id: task.id, version }, { status: task.status, version: version + 1 });
    if (result.affected === 0) throw new NotFoundError('audit task', task.id);
  }

  /** By due date, the soonest first. */
  async listTasks(manager: EntityManager, agencyId: string, filter: TaskFilter, limit: number): Promise<AuditTask[]> {
    const query = manager.createQueryBuilder(AuditTaskRecord, 'task').where('task.agencyId = :agencyId', { agencyId }).orderBy('task.dueOn', 'ASC').addOrderBy('task.createdAt').addOrderBy('task.id').take(limit);
    if (filter.planId) query.andWhere('task.planId = :planId', { planId: filter.planId });
    if (filter.status) query.andWhere('task.status = :status', { status: filter.status });
    if (filter.assignee) query.andWhere(':assignee = ANY(task.assignees)', { assignee: filter.assignee });
    return (await query.getMany()).map(({ version: _version, ...task }) => task);
  }

  /** Inserts a finding; a second one for the same checklist item (a concurrent recording) is refused. */
  async insertFinding(manager: EntityManager, finding: AuditFinding): Promise<void> {
    try {
      await manager.insert(AuditFindingRecord, toRecord(finding, 1));
    } catch (error) {
      if (isUniqueViolation(error, 'audit_finding_once_per_item')) throw new DuplicateError('audit-finding', 'itemId', `checklist item ${finding.itemId} already has its finding`);
      throw error;
    }
  }

  async loadFinding(manager: EntityManager, agencyId: string, id: string, options: { forUpdate: boolean }): Promise<Loaded<AuditFinding>> {
    const record = await manager.findOne(AuditFindingRecord, { where: { id, agencyId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record) throw new NotFoundError('audit finding', id);
    return { value: toDomain(record), version: record.version };
  }

  async saveFinding(manager: EntityManager, finding: AuditFinding, version: number): Promise<void> {
    const result = await manager.update(AuditFindingRecord, { id: finding.id, version }, toRecord(finding, version + 1));
    if (result.affected === 0) throw new NotFoundError('audit finding', finding.id);
  }

  async findingsOfTask(manager: EntityManager, taskId: string): Promise<AuditFinding[]> {
    return (await manager.find(AuditFindingRecord, { where: { taskId }, order: { itemId: 'ASC' } })).map(toDomain);
  }

  /** Open ones by deadline, the soonest first. */
  async listFindings(manager: EntityManager, agencyId: string, filter: FindingFilter, limit: number): Promise<AuditFinding[]> {
    const query = manager
      .createQueryBuilder(AuditFindingRecord, 'finding')
      .where('finding.agencyId = :agencyId', { agencyId })
      .orderBy('finding.deadline', 'ASC', 'NULLS LAST')
      .addOrderBy('finding.recordedAt')
      .addOrderBy('finding.id')
      .take(limit);
    if (filter.planId) query.andWhere('finding.planId = :planId', { planId: filter.planId });
    if (filter.taskId) query.andWhere('finding.taskId = :taskId', { taskId: filter.taskId });
    if (filter.status) query.andWhere('finding.status = :status', { status: filter.status });
    if (filter.open === true) query.andWhere("finding.status IN ('rectifying', 'answered')");
    if (filter.open === false) query.andWhere("finding.status IN ('passed', 'closed')");
    if (filter.overdue === true) query.andWhere("finding.overdueAt IS NOT NULL AND finding.status <> 'closed'");
    if (filter.responsible) query.andWhere('finding.responsibleUserId = :responsible', { responsible: filter.responsible });
    if (filter.visibleTo) {
      query.andWhere(
        '(finding.responsibleUserId = :me OR EXISTS (SELECT 1 FROM audit_task task WHERE task.id = finding.task_id AND :me = ANY(task.assignees)))',
        { me: filter.visibleTo },
      );
    }
    return (await query.getMany()).map(toDomain);
  }

  /** Claims failed findings still unanswered past their deadline day and not yet announced; replicas take different rows. */
  async claimOverdue(manager: EntityManager, now: Date, limit: number): Promise<Array<Loaded<AuditFinding>>> {
    const records = await manager
      .createQueryBuilder(AuditFindingRecord, 'finding')
      .where("finding.status = 'rectifying' AND finding.overdueAt IS NULL AND finding.overdueFrom <= :now", { now })
      .orderBy('finding.overdueFrom', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return records.map((record) => ({ value: toDomain(record), version: record.version }));
  }
}

function toRecord(finding: AuditFinding, version: number): AuditFindingRecord {
  return {
    id: finding.id,
    agencyId: finding.agencyId,
    planId: finding.planId,
    taskId: finding.taskId,
    itemId: finding.itemId,
    result: finding.result,
    description: finding.description ?? null,
    severity: finding.severity ?? null,
    evidence: finding.evidence,
    responsibleUserId: finding.rectification?.responsibleUserId ?? null,
    responsibleDepartmentId: finding.rectification?.responsibleDepartmentId ?? null,
    deadline: finding.rectification?.deadline ?? null,
    overdueFrom: overdueFrom(finding) ?? null,
    status: finding.status,
    steps: finding.steps.map((step) => ({ ...step, at: step.at.toISOString() })),
    recordedBy: finding.recordedBy,
    recordedAt: finding.recordedAt,
    overdueAt: finding.overdueAt ?? null,
    version,
  };
}

function toDomain(record: AuditFindingRecord): AuditFinding {
  return {
    id: record.id,
    agencyId: record.agencyId,
    planId: record.planId,
    taskId: record.taskId,
    itemId: record.itemId,
    result: record.result,
    ...(record.description !== null ? { description: record.description } : {}),
    ...(record.severity !== null ? { severity: record.severity } : {}),
    evidence: record.evidence,
    ...(record.responsibleUserId !== null && record.deadline !== null
      ? {
          rectification: {
            responsibleUserId: record.responsibleUserId,
            ...(record.responsibleDepartmentId ? { responsibleDepartmentId: record.responsibleDepartmentId } : {}),
            deadline: record.deadline,
          },
        }
      : {}),
    status: record.status,
    steps: record.steps.map((step) => ({ ...step, at: new Date(step.at) })),
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt,
    ...(record.overdueAt ? { overdueAt: record.overdueAt } : {}),
  };
}
