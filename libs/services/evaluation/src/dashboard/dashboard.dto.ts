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
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Complaints (投诉) about maintenance filed this month, withdrawn ones left out, per 100 work orders verified this month (2 decimals); null without one',
  })
  complaintRate!: number | null;
}

export class SurveyFigures {
  @ApiProperty({ description: 'Surveys waiting for an answer' }) pending!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Answered of issued for services completed this month (%)' }) responseRateThisMonth!: number | null;
  @ApiProperty({ description: 'Follow-ups (回访) of low scores still open' }) openFollowUps!: number;
}

/** The overdue rectification notice that has waited longest for its answer. */
export class OverdueRectification {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "A vendor id, or 'internal-team'" }) party!: string;
  @ApiProperty({ type: String, nullable: true, description: "The vendor's name as registered, when known" }) vendorName!: string | null;
  @ApiProperty() finding!: string;
  @ApiProperty({ description: 'The deadline that passed' }) deadline!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When it was escalated (rectification.overdue); null until the sweep has run' }) escalatedAt!: string | null;
}

/** Rectification notices (整改通知) escalated to the logistics manager: what is open, what waits for verification, what is overdue. */
export class RectificationFigures {
  @ApiProperty({ description: 'Notices not yet closed (awaiting the answer or the verification)' }) open!: number;
  @ApiProperty({ description: "Answered, awaiting the manager's verification" }) awaitingVerification!: number;
  @ApiProperty({ description: 'Awaiting the answer with the deadline passed' }) overdue!: number;
  @ApiProperty({ type: OverdueRectification, nullable: true, description: 'The overdue notice with the earliest deadline; null when none is overdue' })
  oldestOverdue!: OverdueRectification | null;
}

/** Sanctions (处罚): proposals waiting for a human, and the suspensions and blacklistings barring vendors now. */
export class SanctionFigures {
  @ApiProperty({ description: 'Sanction proposals waiting to be confirmed or dismissed' }) pendingProposals!: number;
  @ApiProperty({ description: 'Suspensions and blacklistings in force (a suspension past its end no longer counts)' }) inForce!: number;
}

/** Complaints (投诉) waiting for a decision, and how long deciding takes. */
export class ComplaintFigures {
  @ApiProperty({ description: 'Complaints (投诉) waiting for a decision: filed, under investigation or appealed' }) open!: number;
  @ApiProperty({ description: 'Undecided complaints past their response deadline' }) overdueResponses!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean minutes from filing to decision of the complaints decided this month; null without one' })
  meanHandlingMinutesThisMonth!: number | null;
}

/** Violations (违规) recorded this month (China Standard Time), voided ones left out. */
export class ViolationFigures {
  @ApiProperty({ description: 'Violations recorded this month and not voided' }) recordedThisMonth!: number;
  @ApiProperty({ description: 'Their penalty points' }) penaltyPointsThisMonth!: number;
  @ApiProperty({ description: 'Their penalties for the settlement period of this month, in fen (分)' }) penaltyAmountThisMonthFen!: number;
}

/** Qualifications (资质证书) of the internal team and the vendors' on-site staff that need renewing. */
export class QualificationFigures {
  @ApiProperty({ description: 'Mandatory qualifications expiring within 30 days (not yet expired)' }) mandatoryExpiringWithin30Days!: number;
  @ApiProperty({ description: 'Mandatory qualifications already expired and not renewed' }) mandatoryExpired!: number;
}

/** Internal audit (内部审计) findings tracked to closure. */
export class InternalAuditFigures {
  @ApiProperty({ description: 'Failed findings not yet closed (rectifying or answered)' }) openFindings!: number;
  @ApiProperty({ description: 'Findings still rectifying past their deadline' }) overdueFindings!: number;
}

/** Supervision (监督问责) at a glance, one part per capability. */
export class SupervisionFigures {
  @ApiProperty({ type: ComplaintFigures }) complaints!: ComplaintFigures;
  @ApiProperty({ type: ViolationFigures }) violations!: ViolationFigures;
  @ApiProperty({ type: RectificationFigures }) rectifications!: RectificationFigures;
  @ApiProperty({ type: SanctionFigures }) sanctions!: SanctionFigures;
  @ApiProperty({ type: QualificationFigures }) qualifications!: QualificationFigures;
  @ApiProperty({ type: InternalAuditFigures }) internalAudit!: InternalAuditFigures;
}

/** The agency's evaluation at a glance: its audit trail, this month's figures, the surveys and supervision. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ description: 'The business day (China Standard Time) "today" refers to, YYYY-MM-DD' }) businessDay!: string;
  @ApiProperty({ type: AuditTrailFigures }) auditTrail!: AuditTrailFigures;
  @ApiProperty({ description: 'The month (China Standard Time) of thisMonth, YYYY-MM' }) month!: string;
  @ApiProperty({ type: MaintenanceMonthFigures }) maintenanceThisMonth!: MaintenanceMonthFigures;
  @ApiProperty({ type: SurveyFigures }) surveys!: SurveyFigures;
  @ApiProperty({ type: SupervisionFigures }) supervision!: SupervisionFigures;
}
