import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import {
  ALL_BREACH_KINDS,
  BreachKind,
  CONTRACT_STATUSES,
  ContractStatus,
  MAX_LIST,
  ProcurementContract,
  SERVICE_TYPES,
  ServiceType,
  inForce,
} from './domain/contract';

export class PriorityHoursDto {
  @ApiProperty({ description: 'Hours within which the vendor must respond (arrive or call back)', example: 1 })
  @IsInt()
  responseHours!: number;

  @ApiProperty({ description: 'Hours within which the repair must be done; at least responseHours', example: 4 })
  @IsInt()
  resolutionHours!: number;
}

export class MaintenancePrioritiesDto {
  @ApiProperty({ type: PriorityHoursDto }) @ValidateNested() @Type(() => PriorityHoursDto) urgent!: PriorityHoursDto;
  @ApiProperty({ type: PriorityHoursDto }) @ValidateNested() @Type(() => PriorityHoursDto) high!: PriorityHoursDto;
  @ApiProperty({ type: PriorityHoursDto }) @ValidateNested() @Type(() => PriorityHoursDto) normal!: PriorityHoursDto;
  @ApiProperty({ type: PriorityHoursDto }) @ValidateNested() @Type(() => PriorityHoursDto) low!: PriorityHoursDto;
}

/** The terms of the contract's service type, and only those: maintenance `priorities`; catering the two minimums; transport punctuality and dispatch response; supplies `deliveryDays`; cleaning `minInspectionPassRate`; security none. */
export class SlaTermsDto {
  @ApiPropertyOptional({ type: MaintenancePrioritiesDto, description: 'Maintenance: response and resolution hours per priority' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MaintenancePrioritiesDto)
  priorities?: MaintenancePrioritiesDto;

  @ApiPropertyOptional({ description: 'Catering, cleaning: lowest acceptable share of inspections passed, in percent', example: 98 })
  @IsOptional()
  @IsNumber()
  minInspectionPassRate?: number;

  @ApiPropertyOptional({ description: 'Catering: lowest acceptable average satisfaction score, out of 5', example: 4.2 })
  @IsOptional()
  @IsNumber()
  minSatisfactionScore?: number;

  @ApiPropertyOptional({ description: 'Transport: lowest acceptable share of punctual trips, in percent', example: 97 })
  @IsOptional()
  @IsNumber()
  minPunctualityRate?: number;

  @ApiPropertyOptional({ description: 'Transport: longest time to answer a dispatch, in minutes', example: 30 })
  @IsOptional()
  @IsInt()
  maxDispatchResponseMinutes?: number;

  @ApiPropertyOptional({ description: 'Supplies: days from order to delivery', example: 3 })
  @IsOptional()
  @IsInt()
  deliveryDays?: number;
}

export class PenaltyRuleDto {
  @ApiProperty({ enum: ALL_BREACH_KINDS, description: 'One of the breach kinds of the service type', example: 'response-late' })
  @IsIn(ALL_BREACH_KINDS)
  breach!: BreachKind;

  @ApiPropertyOptional({ description: 'Fen per breach; give it or percentOfMonthlyFee', example: 50_000 })
  @IsOptional()
  @IsInt()
  amount?: number;

  @ApiPropertyOptional({ description: 'Percent of priceTerms.monthlyFee per breach; give it or amount', example: 0.5 })
  @IsOptional()
  @IsNumber()
  percentOfMonthlyFee?: number;

  @ApiProperty({ description: 'Most this rule deducts in one calendar month, in fen', example: 500_000 })
  @IsInt()
  capPerMonth!: number;
}

export class UnitRateDto {
  @ApiProperty({ example: 'call-out' }) @IsString() @Length(1, 64) unit!: string;
  @ApiProperty({ example: 'Out-of-hours call-out' }) @IsString() @Length(0, 500) description!: string;
  @ApiProperty({ description: 'Fen per unit', example: 30_000 }) @IsInt() rate!: number;
}

export class PriceTermsDto {
  @ApiPropertyOptional({ description: 'Fen for the whole term; from a tender, the awarded price (the default)', example: 96_000_000 })
  @IsOptional()
  @IsInt()
  fixedTotal?: number;

  @ApiPropertyOptional({ description: 'Fen per month; percentage penalties are of this fee', example: 8_000_000 })
  @IsOptional()
  @IsInt()
  monthlyFee?: number;

  @ApiPropertyOptional({ type: [UnitRateDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => UnitRateDto)
  unitRates?: UnitRateDto[];
}

export class ContractScopeDto {
  @ApiProperty({ example: 'Repair and upkeep of the office buildings and their equipment' })
  @IsString()
  @Length(1, 2000)
  description!: string;

  @ApiPropertyOptional({ description: 'Maintenance only: the buildings covered (absent: all)', example: ['building-a', 'building-b'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  buildings?: string[];

  @ApiPropertyOptional({ description: 'Maintenance only: the asset categories covered (absent: all)', example: ['hvac', 'elevator'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  assetCategories?: string[];
}

export class CreateContractDto {
  @ApiProperty({ example: 'Building maintenance 2027' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ description: 'An awarded tender of the agency: vendor and price come from its award. Give it or requisitionId.' })
  @IsOptional()
  @IsUUID()
  tenderId?: string;

  @ApiPropertyOptional({ description: 'An approved direct-purchase requisition of the agency; needs vendorId. Give it or tenderId.' })
  @IsOptional()
  @IsUUID()
  requisitionId?: string;

  @ApiPropertyOptional({ description: 'The active vendor of a direct purchase; with a tender, the awarded vendor (may be left out)' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiProperty({ enum: SERVICE_TYPES, description: "The tender's or requisition's category", example: 'maintenance' })
  @IsIn(SERVICE_TYPES)
  serviceType!: ServiceType;

  @ApiProperty({ type: ContractScopeDto })
  @ValidateNested()
  @Type(() => ContractScopeDto)
  scope!: ContractScopeDto;

  @ApiProperty({ example: '2027-01-01T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  validFrom!: string;

  @ApiProperty({ description: 'After validFrom; the contract expires then', example: '2028-01-01T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  validTo!: string;

  @ApiPropertyOptional({ type: PriceTermsDto, description: 'Required for a direct purchase; from a tender, the awarded price is the fixed total' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PriceTermsDto)
  priceTerms?: PriceTermsDto;

  @ApiProperty({ type: SlaTermsDto })
  @ValidateNested()
  @Type(() => SlaTermsDto)
  slaTerms!: SlaTermsDto;

  @ApiPropertyOptional({ type: [PenaltyRuleDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST)
  @ValidateNested({ each: true })
  @Type(() => PenaltyRuleDto)
  penaltyRules?: PenaltyRuleDto[];
}

export class TerminateContractDto {
  @ApiProperty({ example: 'Repeated late responses after two written warnings' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class TerminationView {
  @ApiProperty() terminatedBy!: string;
  @ApiProperty() terminatedAt!: string;
  @ApiProperty() reason!: string;
}

export class ContractView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: ServiceType;
  @ApiPropertyOptional() tenderId?: string;
  @ApiPropertyOptional() requisitionId?: string;
  @ApiProperty({ type: ContractScopeDto }) scope!: ContractScopeDto;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validTo!: string;
  @ApiProperty({ type: PriceTermsDto }) priceTerms!: PriceTermsDto;
  @ApiProperty({ type: SlaTermsDto, description: 'With serviceType, the terms of that type' }) slaTerms!: SlaTermsDto & { serviceType: ServiceType };
  @ApiProperty({ type: [PenaltyRuleDto] }) penaltyRules!: PenaltyRuleDto[];
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: ContractStatus;
  @ApiProperty({ description: 'Signed and within its validity now: work may be assigned under it' }) inForce!: boolean;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() signedBy?: string;
  @ApiPropertyOptional() signedAt?: string;
  @ApiPropertyOptional() expiredAt?: string;
  @ApiPropertyOptional({ type: TerminationView }) termination?: TerminationView;

  static of(contract: ProcurementContract, now: Date = new Date()): ContractView {
    return {
      id: contract.id,
      agencyId: contract.agencyId,
      title: contract.title,
      vendorId: contract.vendorId,
      vendorName: contract.vendorName,
      serviceType: contract.serviceType,
      ...contract.source,
      scope: contract.scope,
      validFrom: contract.validFrom.toISOString(),
      validTo: contract.validTo.toISOString(),
      priceTerms: contract.priceTerms,
      slaTerms: contract.slaTerms,
      penaltyRules: contract.penaltyRules,
      status: contract.status,
      inForce: inForce(contract, now),
      createdBy: contract.createdBy,
      createdAt: contract.createdAt.toISOString(),
      ...(contract.signedBy ? { signedBy: contract.signedBy } : {}),
      ...(contract.signedAt ? { signedAt: contract.signedAt.toISOString() } : {}),
      ...(contract.expiredAt ? { expiredAt: contract.expiredAt.toISOString() } : {}),
      ...(contract.termination
        ? { termination: { terminatedBy: contract.termination.by, terminatedAt: contract.termination.at.toISOString(), reason: contract.termination.reason } }
        : {}),
    };
  }
}
