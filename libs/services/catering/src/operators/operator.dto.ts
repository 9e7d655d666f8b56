import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CanteenTargets, CateringContract, OperatorPeriod, OperatorStanding } from './domain/operator';
import type { OperatorWarning } from './operators.repository';
import type { CanteenOperatorView } from './operators.service';

export class StartOperatorPeriodDto {
  @ApiProperty({ description: 'A signed catering contract of procurement, in force', format: 'uuid' })
  @IsUUID()
  contractId!: string;
}

export class CanteenTargetsView {
  @ApiProperty({ description: 'Share of food-safety inspections that must pass, percent' }) minInspectionPassRate!: number;
  @ApiProperty({ description: 'Lowest acceptable mean meal rating, 1–5' }) minSatisfactionScore!: number;

  static of(targets: CanteenTargets): CanteenTargetsView {
    return { minInspectionPassRate: targets.minInspectionPassRate, minSatisfactionScore: targets.minSatisfactionScore };
  }
}

export class OperatorPeriodView {
  @ApiProperty() id!: string;
  @ApiProperty() canteenId!: string;
  @ApiProperty() contractId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ type: CanteenTargetsView }) targets!: CanteenTargetsView;
  @ApiProperty() assignedBy!: string;
  @ApiProperty() assignedAt!: string;

  static of(period: OperatorPeriod): OperatorPeriodView {
    return {
      id: period.id,
      canteenId: period.canteenId,
      contractId: period.contractId,
      vendorId: period.vendorId,
      vendorName: period.vendorName,
      startsAt: period.startsAt.toISOString(),
      endsAt: period.endsAt.toISOString(),
      targets: CanteenTargetsView.of(period.targets),
      assignedBy: period.assignedBy,
      assignedAt: period.assignedAt.toISOString(),
    };
  }
}

export class OperatorStandingView {
  @ApiProperty({ enum: ['active', 'suspended', 'blacklisted'] }) status!: OperatorStanding['status'];
  @ApiProperty() sanctioned!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional() until?: string;

  static of(standing: OperatorStanding): OperatorStandingView {
    return {
      status: standing.status,
      sanctioned: standing.sanctioned,
      reason: standing.reason,
      effectiveFrom: standing.effectiveFrom.toISOString(),
      ...(standing.until ? { until: standing.until.toISOString() } : {}),
    };
  }
}

export class OperatorWarningView {
  @ApiProperty() id!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty({ enum: ['sanctioned', 'warned', 'suspended', 'blacklisted'] }) kind!: OperatorWarning['kind'];
  @ApiProperty() reason!: string;
  @ApiProperty() raisedAt!: string;

  static of(warning: OperatorWarning): OperatorWarningView {
    return { id: warning.id, vendorId: warning.vendorId, kind: warning.kind, reason: warning.reason, raisedAt: warning.raisedAt.toISOString() };
  }
}

export class CanteenOperatorResponse {
  @ApiPropertyOptional({ type: OperatorPeriodView, description: 'The contract period in force; absent when the agency runs the canteen itself' }) current?: OperatorPeriodView;
  @ApiProperty({ type: [OperatorPeriodView] }) periods!: OperatorPeriodView[];
  @ApiPropertyOptional({ type: OperatorStandingView, description: "The current operator's standing, when barred or reinstated" }) standing?: OperatorStandingView;
  @ApiProperty({ type: [OperatorWarningView], description: "Sanctions, bars and warnings of the canteen's operator, for the manager" }) warnings!: OperatorWarningView[];

  static of(view: CanteenOperatorView): CanteenOperatorResponse {
    return {
      ...(view.current ? { current: OperatorPeriodView.of(view.current) } : {}),
      periods: view.periods.map(OperatorPeriodView.of),
      ...(view.standing ? { standing: OperatorStandingView.of(view.standing) } : {}),
      warnings: view.warnings.map(OperatorWarningView.of),
    };
  }
}

export class CateringContractView {
  @ApiProperty() contractId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty() title!: string;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validTo!: string;
  @ApiProperty({ type: CanteenTargetsView }) targets!: CanteenTargetsView;
  @ApiProperty({ enum: ['signed', 'expired', 'terminated'] }) status!: CateringContract['status'];
  @ApiPropertyOptional({ type: OperatorStandingView }) standing?: OperatorStandingView;

  static of({ contract, standing }: { contract: CateringContract; standing?: OperatorStanding }): CateringContractView {
    return {
      contractId: contract.contractId,
      vendorId: contract.vendorId,
      vendorName: contract.vendorName,
      title: contract.title,
      validFrom: contract.validFrom.toISOString(),
      validTo: contract.validTo.toISOString(),
      targets: CanteenTargetsView.of(contract.targets),
      status: contract.status,
      ...(standing ? { standing: OperatorStandingView.of(standing) } : {}),
    };
  }
}
