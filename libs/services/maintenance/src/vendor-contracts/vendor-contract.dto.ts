import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MaintenanceContract, PROJECTED_CONTRACT_STATUSES, VendorStanding, isContractActive, standingBar } from './domain/vendor-contract';

export class VendorStandingView {
  @ApiProperty({ enum: ['active', 'suspended', 'blacklisted'], description: 'Active: reinstated, or a blacklisting lifted' }) status!: string;
  @ApiProperty({ description: 'Decided by evaluation' }) sanctioned!: boolean;
  @ApiProperty() reason!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional({ description: 'Absent: until further notice' }) until?: string;
  @ApiPropertyOptional({ description: 'The latest reinstatement or lifting of a blacklisting' }) liftedAt?: string;
}

export class VendorContractView {
  @ApiProperty() contractId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: [String], description: 'Absent: every building' }) buildings?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Absent: every asset category' }) assetCategories?: string[];
  @ApiProperty() validFrom!: string;
  @ApiProperty() validTo!: string;
  @ApiProperty({ enum: PROJECTED_CONTRACT_STATUSES }) status!: string;
  @ApiProperty({ description: 'Signed and within its validity now' }) active!: boolean;
  @ApiProperty({ description: 'The vendor may be assigned work now: active contract and no bar in force' }) assignable!: boolean;
  @ApiPropertyOptional({ type: VendorStandingView, description: 'A suspension, sanction or blacklisting known for the vendor, or its end' }) vendorStanding?: VendorStandingView;
  @ApiPropertyOptional() endedAt?: string;
  @ApiPropertyOptional() endReason?: string;

  static of(contract: MaintenanceContract, standing: VendorStanding | undefined, now: Date): VendorContractView {
    const active = isContractActive(contract, now);
    return {
      contractId: contract.contractId,
      vendorId: contract.vendorId,
      vendorName: contract.vendorName,
      title: contract.title,
      ...(contract.buildings ? { buildings: contract.buildings } : {}),
      ...(contract.assetCategories ? { assetCategories: contract.assetCategories } : {}),
      validFrom: contract.validFrom.toISOString(),
      validTo: contract.validTo.toISOString(),
      status: contract.status,
      active,
      assignable: active && standingBar(standing, now) === undefined,
      ...(standing
        ? {
            vendorStanding: {
              status: standing.status,
              sanctioned: standing.sanctioned,
              reason: standing.reason,
              effectiveFrom: standing.effectiveFrom.toISOString(),
              ...(standing.until ? { until: standing.until.toISOString() } : {}),
              ...(standing.liftedAt ? { liftedAt: standing.liftedAt.toISOString() } : {}),
            },
          }
        : {}),
      ...(contract.endedAt ? { endedAt: contract.endedAt.toISOString() } : {}),
      ...(contract.endReason ? { endReason: contract.endReason } : {}),
    };
  }
}
