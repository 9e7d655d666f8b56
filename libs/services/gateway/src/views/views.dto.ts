import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNAVAILABLE_REASONS, UnavailableReason } from './domain/section';

const DATA_DESCRIPTION = "Present when available: the service's own answer (see GET /api/v1/<service>/dashboard in the service's API)";

/** One service's section: its figures, or why they are missing. */
export class DashboardSectionView {
  @ApiProperty({ enum: ['available', 'unavailable'] }) status!: 'available' | 'unavailable';
  @ApiPropertyOptional({ type: Object, description: DATA_DESCRIPTION }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ enum: UNAVAILABLE_REASONS, description: 'Present when unavailable' }) reason?: UnavailableReason;
  @ApiPropertyOptional({ description: 'Present when unavailable: what happened, naming the service' }) detail?: string;
}

export class DashboardSectionsView {
  @ApiProperty({ type: DashboardSectionView, description: 'Vendors by status, recent suspensions' }) procurement!: DashboardSectionView;
  @ApiProperty({ type: DashboardSectionView, description: 'Open repair requests by priority and status, the oldest, those at risk' }) maintenance!: DashboardSectionView;
  @ApiProperty({ type: DashboardSectionView, description: 'Canteens open and closed, seats, meal periods served' }) catering!: DashboardSectionView;
  @ApiProperty({ type: DashboardSectionView, description: 'Vehicles by status, those in the workshop' }) transport!: DashboardSectionView;
  @ApiProperty({ type: DashboardSectionView, description: 'Audit trail entries today, the latest ones' }) evaluation!: DashboardSectionView;
}

/** The caller's agency at a glance, a section per service. */
export class DashboardView {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ description: 'When the gateway composed the view; each section has its own asOf' }) asOf!: string;
  @ApiProperty({ type: DashboardSectionsView }) sections!: DashboardSectionsView;
}

/** One part of a vendor's 360 view. */
export class Vendor360SectionView {
  @ApiProperty({ enum: ['available', 'unavailable', 'not-offered'], description: 'not-offered: no service offers this part yet' }) status!: 'available' | 'unavailable' | 'not-offered';
  @ApiPropertyOptional({ type: Object, description: "Present when available: the owning service's answer" }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ enum: UNAVAILABLE_REASONS, description: 'Present when unavailable' }) reason?: UnavailableReason;
  @ApiPropertyOptional({ description: 'Present when unavailable or not offered: what happened, or which service will offer it' }) detail?: string;
}

export class Vendor360SectionsView {
  @ApiProperty({ type: Vendor360SectionView, description: "procurement: the registry record (GET /vendors/:id), with the current suspension" }) registry!: Vendor360SectionView;
  @ApiProperty({ type: Vendor360SectionView, description: 'evaluation: the audit trail entries about the vendor, newest first, as data.entries' }) auditTrail!: Vendor360SectionView;
  @ApiProperty({ type: Vendor360SectionView, description: 'procurement: the latest 50 contracts with the vendor (draft, signed, expired, terminated), as data.contracts' }) contracts!: Vendor360SectionView;
  @ApiProperty({ type: Vendor360SectionView, description: 'maintenance: the latest 50 work orders assigned to the vendor, as data.workOrders' }) workOrders!: Vendor360SectionView;
  @ApiProperty({ type: Vendor360SectionView, description: "evaluation: the vendor's current published scorecards (latest 24, every service type and period, latest period first; corrections replace the versions they supersede), as data.scorecards" })
  scores!: Vendor360SectionView;
  @ApiProperty({ type: Vendor360SectionView, description: 'evaluation: sanctions (not offered yet)' }) sanctions!: Vendor360SectionView;
}

/** One vendor across the services. */
export class Vendor360View {
  @ApiProperty() vendorId!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: Vendor360SectionsView }) sections!: Vendor360SectionsView;
}

/** Whether one agency's section could be had, without its data. */
export class SectionAvailabilityView {
  @ApiProperty({ enum: ['available', 'unavailable'] }) status!: 'available' | 'unavailable';
  @ApiPropertyOptional({ enum: UNAVAILABLE_REASONS }) reason?: UnavailableReason;
  @ApiPropertyOptional() detail?: string;
}

export class SectionsAvailabilityView {
  @ApiProperty({ type: SectionAvailabilityView }) procurement!: SectionAvailabilityView;
  @ApiProperty({ type: SectionAvailabilityView }) maintenance!: SectionAvailabilityView;
  @ApiProperty({ type: SectionAvailabilityView }) catering!: SectionAvailabilityView;
  @ApiProperty({ type: SectionAvailabilityView }) transport!: SectionAvailabilityView;
  @ApiProperty({ type: SectionAvailabilityView }) evaluation!: SectionAvailabilityView;
}

export class ComparedAgencyView {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ type: SectionsAvailabilityView }) sections!: SectionsAvailabilityView;
}

export class ComparedValueView {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ type: Number, nullable: true, description: "Null when the agency's section is unavailable or has no such figure" }) value!: number | null;
}

export class ComparedFigureView {
  @ApiProperty({ example: 'maintenance.open-repair-requests' }) key!: string;
  @ApiProperty({ example: 'maintenance' }) service!: string;
  @ApiProperty({ example: 'Open repair requests' }) label!: string;
  @ApiProperty({ enum: ['higher', 'lower'], description: 'Which way is better' }) better!: 'higher' | 'lower';
  @ApiProperty({ type: [ComparedValueView], description: 'One value per agency, in the order of agencies' }) values!: ComparedValueView[];
  @ApiProperty({ type: [String], description: 'Agencies with the best value (ties: all); empty when fewer than two values differ' }) best!: string[];
  @ApiProperty({ type: [String], description: 'Agencies with the worst value (ties: all); empty when fewer than two values differ' }) worst!: string[];
}

/** The supervised agencies' dashboard figures side by side. */
export class ComparisonView {
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [ComparedAgencyView], description: 'The agencies compared, with the availability of each of their sections' }) agencies!: ComparedAgencyView[];
  @ApiProperty({ type: [ComparedFigureView], description: 'A row per figure, a value per agency' }) figures!: ComparedFigureView[];
}
