import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { INTERNAL_TEAM, SERVICE_TYPES, partyKey } from './domain/evaluated-party';
import { KpiDefinition } from './domain/kpi-definitions';
import { KpiDifference } from './domain/kpi-recomputation';
import { KpiResult } from './domain/kpi-result';
import { PERIOD_KEY_PATTERN, Period } from './domain/period';
import { PartyKpis, Recomputation } from './kpis.service';

const NOT_BLANK = /\S/;

export class KpiOverrideDto {
  @ApiProperty({ example: 'maintenance.response-within-sla' })
  @IsString()
  @Length(1, 100)
  code!: string;

  @ApiPropertyOptional({ description: 'The agency’s own name for the KPI; the platform’s when absent', example: '响应及时率', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiProperty({ description: 'In the KPI’s unit: percent 0–100, fen (whole), score 1–5, fen per km', example: 95 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target!: number;

  @ApiProperty({ description: 'Whole number 0–100; the weights of a service type sum to 100', example: 20 })
  @IsInt()
  @Min(0)
  @Max(100)
  weight!: number;
}

export class SetKpiDefinitionsDto {
  @ApiProperty({ type: [KpiOverrideDto], description: 'Every KPI of the service type, once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => KpiOverrideDto)
  kpis!: KpiOverrideDto[];
}

export class RecomputeKpisDto {
  @ApiProperty({ description: 'The period: YYYY-MM, YYYY-Qn or YYYY (China Standard Time)', example: '2026-Q3' })
  @IsString()
  @Matches(PERIOD_KEY_PATTERN, { message: 'period must be YYYY-MM, YYYY-Qn or YYYY' })
  period!: string;
}

export class KpiDefinitionView {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['percent', 'fen', 'score', 'fen-per-km', 'grams'] }) unit!: string;
  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'] }) direction!: string;
  @ApiProperty() target!: number;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: [String], description: 'The events (and fields) the value is computed from' }) reads!: string[];
  @ApiProperty() formula!: string;
  @ApiProperty({ description: 'false while the events it reads do not exist yet (its value stays null)' }) available!: boolean;
  @ApiProperty({ description: 'The agency set its own name, target or weight' }) overridden!: boolean;

  static of(definition: KpiDefinition & { overridden: boolean }): KpiDefinitionView {
    return {
      code: definition.code,
      serviceType: definition.serviceType,
      name: definition.name,
      unit: definition.unit,
      direction: definition.direction,
      target: definition.target,
      weight: definition.weight,
      reads: definition.reads,
      formula: definition.formula,
      available: definition.available,
      overridden: definition.overridden,
    };
  }
}

export class PeriodView {
  @ApiProperty({ enum: ['month', 'quarter', 'year'] }) kind!: string;
  @ApiProperty({ example: '2026-Q3' }) key!: string;
  @ApiProperty({ description: 'First instant, inclusive' }) start!: string;
  @ApiProperty({ description: 'Exclusive end' }) end!: string;

  static of(period: Period): PeriodView {
    return { kind: period.kind, key: period.key, start: period.start.toISOString(), end: period.end.toISOString() };
  }
}

export class KpiResultView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'] }) direction!: string;
  @ApiProperty() target!: number;
  @ApiProperty() weight!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when no event of the period fed it' }) value!: number | null;
  @ApiProperty({ description: 'Service instances counted' }) sampleSize!: number;

  static of(result: KpiResult): KpiResultView {
    return { ...result };
  }
}

export class PartyKpisView {
  @ApiProperty({ description: `The vendor id, or '${INTERNAL_TEAM}'` }) party!: string;
  @ApiProperty({ enum: ['vendor', 'internal-team'] }) partyKind!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: string;
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ type: [KpiResultView] }) kpis!: KpiResultView[];

  static of(values: PartyKpis): PartyKpisView {
    return { party: partyKey(values.party), partyKind: values.party.kind, serviceType: values.serviceType, period: PeriodView.of(values.period), kpis: values.kpis.map(KpiResultView.of) };
  }
}

export class KpiFiguresView {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
  @ApiProperty() sampleSize!: number;
}

export class KpiDifferenceView {
  @ApiProperty() serviceType!: string;
  @ApiProperty() party!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: KpiFiguresView, nullable: true }) stored!: KpiFiguresView | null;
  @ApiProperty({ type: KpiFiguresView, nullable: true }) recomputed!: KpiFiguresView | null;

  static of(difference: KpiDifference): KpiDifferenceView {
    return { ...difference };
  }
}

export class RecomputationView {
  @ApiProperty({ type: PeriodView }) period!: PeriodView;
  @ApiProperty({ description: 'Events of the audit trail replayed' }) events!: number;
  @ApiProperty({ description: 'Service instances rebuilt' }) facts!: number;
  @ApiProperty({ description: 'Facts the replay found different from the stored ones (rewritten)' }) factsChanged!: number;
  @ApiProperty({ description: 'KPI values of the period' }) values!: number;
  @ApiProperty({ type: [KpiDifferenceView], description: 'Stored values the events do not give (now replaced)' }) differences!: KpiDifferenceView[];
  @ApiProperty({ description: 'The incremental facts and values were exactly the recomputed ones' }) identical!: boolean;

  static of(result: Recomputation): RecomputationView {
    return { ...result, period: PeriodView.of(result.period), differences: result.differences.map(KpiDifferenceView.of) };
  }
}
