import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { PERIOD_KEY_PATTERN } from '../kpis/domain/period';
import { FileAttachmentDto, FileAttachmentView } from '@houqin/service-kit';
import { CALENDAR_DATE } from '../qualifications/domain/calendar-date';
import { FINDING_RESULTS, FINDING_SEVERITIES, FINDING_STATUSES, MAX_EVIDENCE, AuditFinding, FindingResult, FindingSeverity, FindingStatus, isOverdue } from './domain/audit-finding';
import type { AuditPlan } from './domain/audit-plan';
import { AUDIT_TASK_KINDS, AUDIT_TASK_STATUSES, AuditTask, AuditTaskKind, AuditTaskStatus, MAX_ASSIGNEES, MAX_CHECKLIST_ITEMS, isTaskOverdue } from './domain/audit-task';

const DATE_MESSAGE = { message: '$property must be a calendar date YYYY-MM-DD' };

export class CreateAuditPlanDto {
  @ApiProperty({ example: '2026 年第四季度内部审计' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ description: 'The period audited: YYYY, YYYY-Qn or YYYY-MM (China Standard Time)', example: '2026-Q4' })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn or YYYY' })
  period!: string;
  @ApiProperty({ example: '物资采购、公务用车与合同归档' }) @IsString() @Length(1, 4000) scope!: string;
}

export class AuditChecklistItemDto {
  @ApiProperty({ example: '采购合同按时归档，台账完整' }) @IsString() @Length(1, 2000) requirement!: string;
}

export class AssignAuditTaskDto {
  @ApiProperty({ enum: AUDIT_TASK_KINDS, description: 'self-check (自查): the department checks itself; cross-check (互查): a checking department checks it' })
  @IsIn(AUDIT_TASK_KINDS)
  kind!: AuditTaskKind;
  @ApiProperty({ format: 'uuid', description: "The department checked (a department of the gateway's identity)" }) @IsUUID() checkedDepartmentId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The checking department: required for a cross-check, another than the one checked' }) @IsOptional() @IsUUID() checkingDepartmentId?: string;
  @ApiProperty({ type: [String], description: `The user ids of the people who record the findings (1–${MAX_ASSIGNEES})`, example: ['user-zhou'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ASSIGNEES)
  @IsString({ each: true })
  @Length(1, 128, { each: true })
  assignees!: string[];
  @ApiProperty({ example: '2026-12-20', description: 'YYYY-MM-DD (China Standard Time), today or later' }) @Matches(CALENDAR_DATE, DATE_MESSAGE) dueOn!: string;
  @ApiProperty({ type: [AuditChecklistItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHECKLIST_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AuditChecklistItemDto)
  checklist!: AuditChecklistItemDto[];
}

export class AuditRectificationDto {
  @ApiProperty({ description: 'The user id of the person who answers the rectification', example: 'user-chen' }) @IsString() @Length(1, 128) responsibleUserId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() responsibleDepartmentId?: string;
  @ApiProperty({ example: '2026-12-10', description: 'The last day to answer in (YYYY-MM-DD, China Standard Time); overdue from the next day' }) @Matches(CALENDAR_DATE, DATE_MESSAGE) deadline!: string;
}

export class RecordAuditFindingDto {
  @ApiProperty({ example: 'item-2', description: 'The checklist item (its id on the task)' }) @IsString() @Length(1, 32) itemId!: string;
  @ApiProperty({ enum: FINDING_RESULTS }) @IsIn(FINDING_RESULTS) result!: FindingResult;
  @ApiPropertyOptional({ description: 'What was found (required for a failure)', example: '三份采购合同未归档' }) @IsOptional() @IsString() @Length(1, 4000) description?: string;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES, description: 'Required for a failure' }) @IsOptional() @IsIn(FINDING_SEVERITIES) severity?: FindingSeverity;
  @ApiPropertyOptional({ type: [FileAttachmentDto], description: `At most ${MAX_EVIDENCE}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  evidence?: FileAttachmentDto[];
  @ApiPropertyOptional({ type: AuditRectificationDto, description: 'Required for a failure, refused for a pass' }) @IsOptional() @ValidateNested() @Type(() => AuditRectificationDto) rectification?: AuditRectificationDto;
}

export class AnswerAuditRectificationDto {
  @ApiProperty({ example: '三份合同已补充归档，并建立归档登记表' }) @IsString() @Length(1, 4000) note!: string;
  @ApiPropertyOptional({ type: [FileAttachmentDto], description: `At most ${MAX_EVIDENCE}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EVIDENCE)
  @ValidateNested({ each: true })
  @Type(() => FileAttachmentDto)
  evidence?: FileAttachmentDto[];
}

export class VerifyAuditFindingDto {
  @ApiProperty({ description: 'What the verification found (closing), or why it goes back (sending back)', example: '已现场核实' }) @IsString() @Length(1, 4000) note!: string;
}

export class AuditPlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() period!: string;
  @ApiProperty() scope!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;

  static of(plan: AuditPlan): AuditPlanView {
    return { id: plan.id, name: plan.name, period: plan.period, scope: plan.scope, createdBy: plan.createdBy, createdAt: plan.createdAt.toISOString() };
  }
}

export class AuditChecklistItemView {
  @ApiProperty({ example: 'item-1' }) id!: string;
  @ApiProperty() requirement!: string;
}

export class AuditRectificationStepView {
  @ApiProperty({ enum: ['answered', 'sent-back', 'closed'] }) step!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [FileAttachmentView] }) evidence!: FileAttachmentView[];
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
}

export class AuditFindingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: FINDING_RESULTS }) result!: FindingResult;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES }) severity?: FindingSeverity;
  @ApiProperty({ type: [FileAttachmentView] }) evidence!: FileAttachmentView[];
  @ApiPropertyOptional({ type: AuditRectificationDto }) rectification?: AuditRectificationDto;
  @ApiProperty({ enum: FINDING_STATUSES }) status!: FindingStatus;
  @ApiProperty({ description: 'Unanswered past its deadline day, as of now' }) overdue!: boolean;
  @ApiPropertyOptional({ description: 'When the sweep announced it overdue' }) overdueAt?: string;
  @ApiProperty({ type: [AuditRectificationStepView] }) steps!: AuditRectificationStepView[];
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static of(finding: AuditFinding, now: Date): AuditFindingView {
    return {
      id: finding.id,
      planId: finding.planId,
      taskId: finding.taskId,
      itemId: finding.itemId,
      result: finding.result,
      ...(finding.description ? { description: finding.description } : {}),
      ...(finding.severity ? { severity: finding.severity } : {}),
      evidence: finding.evidence.map(FileAttachmentView.of),
      ...(finding.rectification ? { rectification: finding.rectification } : {}),
      status: finding.status,
      overdue: isOverdue(finding, now),
      ...(finding.overdueAt ? { overdueAt: finding.overdueAt.toISOString() } : {}),
      steps: finding.steps.map((step) => ({ ...step, evidence: step.evidence.map(FileAttachmentView.of), at: step.at.toISOString() })),
      recordedBy: finding.recordedBy,
      recordedAt: finding.recordedAt.toISOString(),
    };
  }
}

export class AuditTaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ enum: AUDIT_TASK_KINDS }) kind!: AuditTaskKind;
  @ApiProperty({ format: 'uuid' }) checkedDepartmentId!: string;
  @ApiProperty({ format: 'uuid', description: 'The department checked itself in a self-check' }) checkingDepartmentId!: string;
  @ApiProperty({ type: [String] }) assignees!: string[];
  @ApiProperty() dueOn!: string;
  @ApiProperty({ description: 'Items still unchecked after the due day, as of now' }) overdue!: boolean;
  @ApiProperty({ type: [AuditChecklistItemView] }) checklist!: AuditChecklistItemView[];
  @ApiProperty({ enum: AUDIT_TASK_STATUSES }) status!: AuditTaskStatus;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: [AuditFindingView], description: 'On GET /internal-audit/tasks/:id' }) findings?: AuditFindingView[];

  static of(task: AuditTask, now: Date, findings?: AuditFinding[]): AuditTaskView {
    return {
      id: task.id,
      planId: task.planId,
      kind: task.kind,
      checkedDepartmentId: task.checkedDepartmentId,
      checkingDepartmentId: task.checkingDepartmentId,
      assignees: task.assignees,
      dueOn: task.dueOn,
      overdue: isTaskOverdue(task, now),
      checklist: task.checklist,
      status: task.status,
      createdBy: task.createdBy,
      createdAt: task.createdAt.toISOString(),
      ...(findings ? { findings: findings.map((finding) => AuditFindingView.of(finding, now)) } : {}),
    };
  }
}

export class AuditPlanWithTasksView extends AuditPlanView {
  @ApiProperty({ type: [AuditTaskView] }) tasks!: AuditTaskView[];
}
