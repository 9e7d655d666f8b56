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

/** The agency's maintenance at a glance: open repair requests and those at risk of missing their target. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ description: 'The business day (China Standard Time) "today" refers to, YYYY-MM-DD' }) businessDay!: string;
  @ApiProperty({ type: OpenRepairRequestsFigures }) openRepairRequests!: OpenRepairRequestsFigures;
  @ApiPropertyOptional({ type: OldestOpenRepairRequest, description: 'Absent when no repair request is open' }) oldestOpenRepairRequest?: OldestOpenRepairRequest;
  @ApiProperty({ type: RepairRequestsAtRisk }) atRisk!: RepairRequestsAtRisk;
  @ApiProperty({ description: 'Repair requests reported today' }) reportedToday!: number;
  @ApiProperty({ description: 'Repair requests cancelled today' }) cancelledToday!: number;
}
