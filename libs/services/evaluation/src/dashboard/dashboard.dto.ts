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

/** The agency's evaluation at a glance; today its audit trail of every business event. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ description: 'The business day (China Standard Time) "today" refers to, YYYY-MM-DD' }) businessDay!: string;
  @ApiProperty({ type: AuditTrailFigures }) auditTrail!: AuditTrailFigures;
}
