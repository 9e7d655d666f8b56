import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Clock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CLOCK, CurrentCaller, IntegerParam, OneOfParam, OptionalUuidParam, UuidParam } from '@houqin/service-kit';
import { BooleanQueryParam } from '../qualifications/qualification.dto';
import { FINDING_STATUSES, FindingStatus } from './domain/audit-finding';
import { AUDIT_TASK_STATUSES, AuditTaskStatus } from './domain/audit-task';
import {
  AnswerAuditRectificationDto,
  AssignAuditTaskDto,
  CreateAuditPlanDto,
  AuditFindingView,
  AuditPlanView,
  AuditPlanWithTasksView,
  RecordAuditFindingDto,
  AuditTaskView,
  VerifyAuditFindingDto,
} from './internal-audit.dto';
import { InternalAuditService } from './internal-audit.service';

const NOT_VISIBLE = "No such record in the caller's agency, or the caller neither reads all internal audit nor is named on it";

@ApiTags('internal audit')
@Controller('internal-audit')
export class InternalAuditController {
  constructor(
    private readonly audits: InternalAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('plans')
  @ApiCreatedResponse({ type: AuditPlanView })
  async createPlan(@CurrentCaller() caller: Caller, @Body() body: CreateAuditPlanDto): Promise<AuditPlanView> {
    return AuditPlanView.of(await this.audits.createPlan(caller, { name: body.name, period: body.period, scope: body.scope }));
  }

  @Get('plans')
  @ApiOkResponse({ type: [AuditPlanView], description: 'The latest first' })
  async plans(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number): Promise<AuditPlanView[]> {
    return (await this.audits.listPlans(caller, limit)).map(AuditPlanView.of);
  }

  @Get('plans/:id')
  @ApiOkResponse({ type: AuditPlanWithTasksView })
  @ApiNotFoundResponse({ description: "No such plan in the caller's agency" })
  async plan(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<AuditPlanWithTasksView> {
    const { plan, tasks } = await this.audits.getPlan(caller, id);
    const now = this.clock.now();
    return { ...AuditPlanView.of(plan), tasks: tasks.map((task) => AuditTaskView.of(task, now)) };
  }

  @Post('plans/:id/tasks')
  @ApiCreatedResponse({ type: AuditTaskView })
  @ApiNotFoundResponse({ description: "No such plan in the caller's agency" })
  @ApiUnprocessableEntityResponse({ description: 'A cross-check without another checking department, a self-check by another, a due date in the past — the field is named' })
  async assignTask(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AssignAuditTaskDto): Promise<AuditTaskView> {
    const task = await this.audits.assignTask(caller, id, {
      kind: body.kind,
      checkedDepartmentId: body.checkedDepartmentId,
      checkingDepartmentId: body.checkingDepartmentId,
      assignees: body.assignees,
      dueOn: body.dueOn,
      checklist: body.checklist.map((item) => ({ requirement: item.requirement })),
    });
    return AuditTaskView.of(task, this.clock.now());
  }

  @Get('tasks')
  @ApiOkResponse({ type: [AuditTaskView], description: 'Every task for the readers (operators, auditor, supervisor); the tasks naming the caller for anyone else; the soonest due first' })
  @ApiQuery({ name: 'planId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: AUDIT_TASK_STATUSES })
  async tasks(
    @CurrentCaller() caller: Caller,
    @Query('planId', OptionalUuidParam) planId: string | undefined,
    @Query('status', new OneOfParam<AuditTaskStatus>(AUDIT_TASK_STATUSES)) status: AuditTaskStatus | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<AuditTaskView[]> {
    const now = this.clock.now();
    return (await this.audits.listTasks(caller, { planId, status }, limit)).map((task) => AuditTaskView.of(task, now));
  }

  @Get('tasks/:id')
  @ApiOkResponse({ type: AuditTaskView, description: 'With its findings' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  async task(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<AuditTaskView> {
    const { task, findings } = await this.audits.getTask(caller, id);
    return AuditTaskView.of(task, this.clock.now(), findings);
  }

  @Post('tasks/:id/findings')
  @ApiCreatedResponse({ type: AuditFindingView, description: 'audit-finding.recorded is published; a failure opens its rectification' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'The caller reads the task but is not an assignee named on it' })
  @ApiConflictResponse({ description: 'The item already has its finding (itemId), or the task is no longer open (the answer names its state)' })
  @ApiUnprocessableEntityResponse({ description: 'A failure without description, severity or rectification, a pass with one, an unknown item — the field is named' })
  async recordFinding(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RecordAuditFindingDto): Promise<AuditFindingView> {
    const finding = await this.audits.recordFinding(caller, id, {
      itemId: body.itemId,
      result: body.result,
      description: body.description,
      severity: body.severity,
      evidence: body.evidence ?? [],
      rectification: body.rectification,
    });
    return AuditFindingView.of(finding, this.clock.now());
  }

  @Get('findings')
  @ApiOkResponse({ type: [AuditFindingView], description: "Every finding for the readers; for anyone else those of their tasks and those they answer for; by deadline" })
  @ApiQuery({ name: 'planId', required: false })
  @ApiQuery({ name: 'taskId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: FINDING_STATUSES })
  @ApiQuery({ name: 'open', required: false, description: 'true: rectification not closed yet' })
  @ApiQuery({ name: 'overdue', required: false, description: 'true: announced overdue and not closed' })
  @ApiQuery({ name: 'responsible', required: false, description: "The responsible person's user id" })
  async findings(
    @CurrentCaller() caller: Caller,
    @Query('planId', OptionalUuidParam) planId: string | undefined,
    @Query('taskId', OptionalUuidParam) taskId: string | undefined,
    @Query('status', new OneOfParam<FindingStatus>(FINDING_STATUSES)) status: FindingStatus | undefined,
    @Query('open', BooleanQueryParam) open: boolean | undefined,
    @Query('overdue', BooleanQueryParam) overdue: boolean | undefined,
    @Query('responsible') responsible: string | undefined,
    @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number,
  ): Promise<AuditFindingView[]> {
    const now = this.clock.now();
    const filter = { planId, taskId, status, open, overdue, responsible: responsible || undefined };
    return (await this.audits.listFindings(caller, filter, limit)).map((finding) => AuditFindingView.of(finding, now));
  }

  @Get('findings/:id')
  @ApiOkResponse({ type: AuditFindingView })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  async finding(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<AuditFindingView> {
    return AuditFindingView.of(await this.audits.getFinding(caller, id), this.clock.now());
  }

  @Post('findings/:id/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: AuditFindingView, description: 'Answered; audit-finding.answered is published' })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'The caller is not the responsible person named on the finding' })
  @ApiConflictResponse({ description: 'The finding is not waiting on its rectification (passed, answered or closed: the answer names the state)' })
  async answer(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: AnswerAuditRectificationDto): Promise<AuditFindingView> {
    return AuditFindingView.of(await this.audits.answer(caller, id, body.note, body.evidence ?? []), this.clock.now());
  }

  @Post('findings/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: AuditFindingView, description: 'Verified and closed; audit-finding.closed is published, and the task closes with its last open finding' })
  @ApiNotFoundResponse({ description: "No such finding in the caller's agency" })
  @ApiConflictResponse({ description: 'The finding has no answer to verify (the answer names the state)' })
  async close(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VerifyAuditFindingDto): Promise<AuditFindingView> {
    return AuditFindingView.of(await this.audits.close(caller, id, body.note), this.clock.now());
  }

  @Post('findings/:id/send-back')
  @HttpCode(200)
  @ApiOkResponse({ type: AuditFindingView, description: 'Back to the responsible person; audit-finding.sent-back is published' })
  @ApiNotFoundResponse({ description: "No such finding in the caller's agency" })
  @ApiConflictResponse({ description: 'The finding has no answer to send back (the answer names the state)' })
  async sendBack(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VerifyAuditFindingDto): Promise<AuditFindingView> {
    return AuditFindingView.of(await this.audits.sendBack(caller, id, body.note), this.clock.now());
  }
}
