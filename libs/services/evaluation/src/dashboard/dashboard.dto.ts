import { ApiProperty } from '@nestjs/swagger';

export class LatestAuditEntry {
  @ApiProperty({ description: 'Position in the agency’s hash chain' }) sequence!: number;
  @ApiProperty({ example: 'houqin.maintenance.repair-request.reported.v1' }) eventType!: string;
  @ApiProperty({ description: 'Aggregate the event is about' }) subject!: string;
  @ApiProperty() occurredAt!: string;
}

export class AuditTrailFigures {
  @ApiProperty({ description: 'Entries recorded today' }) entriesToday!: number;
  @ApiProperty({ description: 'Entries in the agency’s trail' }) totalEntries!: number;
  @ApiProperty({ type: [LatestAuditEntry], description: 'The latest entries, newest first (at most 5)' }) latest!: LatestAuditEntry[];
}

/** This month's evaluation of the agency's maintenance, every vendor and the internal team together. */
export class MaintenanceMonthFigures {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean cost per work order verified this month (fen); null without one' }) costPerWorkOrderFen!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Work orders resolved within their SLA target (%)' }) slaCompliance!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean overall satisfaction (1–5) of the work completed this month' }) satisfaction!: number | null;
  @ApiProperty({ description: 'Survey answers counted in satisfaction' }) surveyAnswers!: number;
}

export class SurveyFigures {
  @ApiProperty({ description: 'Surveys waiting for an answer' }) pending!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Answered of issued for services completed this month (%)' }) responseRateThisMonth!: number | null;
  @ApiProperty({ description: 'Follow-ups (回访) of low scores still open' }) openFollowUps!: number;
}

/** The agency's evaluation at a glance: its audit trail, this month's figures and the surveys. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ description: 'The business day (China Standard Time) "today" refers to, YYYY-MM-DD' }) businessDay!: string;
  @ApiProperty({ type: AuditTrailFigures }) auditTrail!: AuditTrailFigures;
  @ApiProperty({ description: 'The month (China Standard Time) of thisMonth, YYYY-MM' }) month!: string;
  @ApiProperty({ type: MaintenanceMonthFigures }) maintenanceThisMonth!: MaintenanceMonthFigures;
  @ApiProperty({ type: SurveyFigures }) surveys!: SurveyFigures;
}
