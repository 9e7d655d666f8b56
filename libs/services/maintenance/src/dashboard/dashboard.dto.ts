import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPAIR_PRIORITIES, RepairPriority } from '../repair-requests/domain/repair-request';
import { OPEN_REPAIR_STATUSES, OpenRepairStatus } from './domain/repair-risk';

export class RepairCountsByPriority {
  @ApiProperty() urgent!: number;
  @ApiProperty() high!: number;
  @ApiProperty() normal!: number;
  @ApiProperty() low!: number;
}

export class OpenRepairCountsByStatus {
  @ApiProperty({ description: 'Reported, waiting for triage' }) reported!: number;
  @ApiProperty({ description: 'Triaged into a work order' }) triaged!: number;
}

export class OpenRepairRequestsFigures {
  @ApiProperty({ description: 'Repair requests not cancelled (reported or triaged)' }) total!: number;
  @ApiProperty({ type: RepairCountsByPriority }) byPriority!: RepairCountsByPriority;
  @ApiProperty({ type: OpenRepairCountsByStatus }) byStatus!: OpenRepairCountsByStatus;
}

export class OldestOpenRepairRequest {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: REPAIR_PRIORITIES }) priority!: RepairPriority;
  @ApiProperty({ enum: OPEN_REPAIR_STATUSES }) status!: OpenRepairStatus;
  @ApiProperty() reportedAt!: string;
  @ApiProperty({ description: 'Whole minutes it has been open, as of asOf' }) ageMinutes!: number;
}

export class ResponseTargetHours {
  @ApiProperty() urgent!: number;
  @ApiProperty() high!: number;
  @ApiProperty() normal!: number;
  @ApiProperty() low!: number;
}

export class RepairRequestsAtRisk {
  @ApiProperty({ description: 'Open repair requests past the response target of their priority' }) total!: number;
  @ApiProperty({ type: RepairCountsByPriority }) byPriority!: RepairCountsByPriority;
  @ApiProperty({ type: ResponseTargetHours, description: 'The interim response target per priority, in hours' }) responseTargetHours!: ResponseTargetHours;
  @ApiProperty({ description: 'The rule in words' }) rule!: string;
}

export class OpenWorkOrderCountsByStatus {
  @ApiProperty() triaged!: number;
  @ApiProperty() assigned!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty({ name: 'in-progress' }) 'in-progress'!: number;
  @ApiProperty({ name: 'on-hold-requester' }) 'on-hold-requester'!: number;
  @ApiProperty({ description: 'Done, waiting for verification (验收)' }) completed!: number;
}

export class OpenWorkOrders {
  @ApiProperty({ description: 'Work orders not yet verified or cancelled' }) total!: number;
  @ApiProperty({ type: OpenWorkOrderCountsByStatus }) byStatus!: OpenWorkOrderCountsByStatus;
}

export class WorkOrderSlaFigures {
  @ApiProperty({ description: 'Running SLA clocks past their at-risk instant, not yet breached (escalated to the logistics manager)' }) atRisk!: number;
  @ApiProperty({ description: 'SLA clocks breached and still running or paused: the work is late now' }) overdue!: number;
  @ApiProperty({ description: 'SLA breaches recorded this month' }) breachedThisMonth!: number;
}

export class WorkOrderMonthKpis {
  @ApiProperty({ description: 'The calendar month (China Standard Time), YYYY-MM' }) month!: string;
  @ApiProperty({ description: 'Work orders verified (验收) this month; the KPIs below are over these' }) verified!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Verified without ever being reopened, percent; null when none' }) firstTimeFixRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Reopened at least once before verification, percent; null when none' }) reopenRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean report → acceptance, minutes' }) meanResponseMinutes!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean report → completion less time on hold, minutes' }) meanResolutionMinutes!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean cost (labour, parts, other; voided lines excluded) of a work order verified this month, fen' }) costPerWorkOrderFen!: number | null;
}

export class WorkOrderFigures {
  @ApiProperty({ type: OpenWorkOrders }) open!: OpenWorkOrders;
  @ApiProperty({ type: WorkOrderSlaFigures }) sla!: WorkOrderSlaFigures;
  @ApiProperty({ type: WorkOrderMonthKpis }) thisMonth!: WorkOrderMonthKpis;
}

/** The agency's maintenance at a glance: open repair requests and those at risk of missing their target. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ description: 'The business day (China Standard Time) "today" refers to, YYYY-MM-DD' }) businessDay!: string;
  @ApiProperty({ type: OpenRepairRequestsFigures }) openRepairRequests!: OpenRepairRequestsFigures;
  @ApiPropertyOptional({ type: OldestOpenRepairRequest, description: 'Absent when no repair request is open' }) oldestOpenRepairRequest?: OldestOpenRepairRequest;
  @ApiProperty({ type: RepairRequestsAtRisk }) atRisk!: RepairRequestsAtRisk;
  @ApiProperty({ description: 'Repair requests reported today' }) reportedToday!: number;
  @ApiProperty({ description: 'Repair requests cancelled today' }) cancelledToday!: number;
  @ApiProperty({ type: WorkOrderFigures, description: 'Open work orders, their SLA clocks, and the KPIs of the work verified this month' }) workOrders!: WorkOrderFigures;
}
