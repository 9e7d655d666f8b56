import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FileAttachment } from '@houqin/domain';
import type { FindingResult, FindingSeverity, FindingStatus } from './domain/audit-finding';
import type { AuditTaskKind, AuditTaskStatus, ChecklistItem } from './domain/audit-task';

@Entity({ name: 'audit_plan' })
export class AuditPlanRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('text') name!: string;
  @Column('text') period!: string;
  @Column('text') scope!: string;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'audit_task' })
export class AuditTaskRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Column('text') kind!: AuditTaskKind;
  @Column('uuid', { name: 'checked_department_id' }) checkedDepartmentId!: string;
  @Column('uuid', { name: 'checking_department_id' }) checkingDepartmentId!: string;
  @Column('text', { array: true }) assignees!: string[];
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('jsonb') checklist!: ChecklistItem[];
  @Column('text') status!: AuditTaskStatus;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('integer') version!: number;
}

/** One rectification step as stored (instants as ISO text). */
export interface StoredStep {
  step: 'answered' | 'sent-back' | 'closed';
  note: string;
  evidence: FileAttachment[];
  by: string;
  at: string;
}

@Entity({ name: 'audit_finding' })
export class AuditFindingRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Column('uuid', { name: 'task_id' }) taskId!: string;
  @Column('text', { name: 'item_id' }) itemId!: string;
  @Column('text') result!: FindingResult;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('text', { nullable: true }) severity!: FindingSeverity | null;
  @Column('jsonb') evidence!: FileAttachment[];
  @Column('text', { name: 'responsible_user_id', nullable: true }) responsibleUserId!: string | null;
  @Column('uuid', { name: 'responsible_department_id', nullable: true }) responsibleDepartmentId!: string | null;
  @Column('date', { nullable: true }) deadline!: string | null;
  @Column('timestamptz', { name: 'overdue_from', nullable: true }) overdueFrom!: Date | null;
  @Column('text') status!: FindingStatus;
  @Column('jsonb') steps!: StoredStep[];
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('timestamptz', { name: 'overdue_at', nullable: true }) overdueAt!: Date | null;
  @Column('integer') version!: number;
}
