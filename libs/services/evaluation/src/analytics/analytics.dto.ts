import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVICE_TYPES } from '../kpis/domain/evaluated-party';
import type { ReformEffect } from './analytics.service';

const FIGURE_CODES = ['cost-per-unit', 'sla-compliance', 'satisfaction', 'complaint-rate'];
const UNITS = ['percent', 'fen', 'score', 'fen-per-km', 'grams'];

export class ReformFigureView {
  @ApiProperty({ enum: FIGURE_CODES }) code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: UNITS }) unit!: string;
  @ApiProperty({ enum: ['higher', 'lower'], description: 'Which way is better' }) better!: string;
  @ApiPropertyOptional({ description: 'The KPI whose sums give the figure' }) kpiCode?: string;
  @ApiPropertyOptional({
    description: 'complaint-rate: the KPI whose denominator counts the service instances completed in the month (absent while the service type publishes none)',
    example: 'maintenance.first-time-fix',
  })
  instancesKpiCode?: string;
}

export class FigureValueView {
  @ApiProperty({ enum: FIGURE_CODES }) code!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when nothing was measured that month (complaint-rate: no service instance completed)' }) value!: number | null;
  @ApiProperty({ description: 'Service instances (or survey answers) counted' }) sampleSize!: number;
}

export class MonthFiguresView {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ type: [FigureValueView] }) figures!: FigureValueView[];
}

export class BeforeAfterFigureView {
  @ApiProperty({ enum: FIGURE_CODES }) code!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: UNITS }) unit!: string;
  @ApiProperty({ enum: ['higher', 'lower'] }) better!: string;
  @ApiProperty({ type: Number, nullable: true }) before!: number | null;
  @ApiProperty({ type: Number, nullable: true }) after!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'after − before' }) change!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'change relative to before, %' }) changePercent!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'moved the better way; null when unchanged or unknown' }) improved!: boolean | null;
}

export class BeforeAfterView {
  @ApiProperty({ description: 'The first month counted as after: the month of the pivot date (China Standard Time)' }) pivotMonth!: string;
  @ApiProperty() monthsBefore!: number;
  @ApiProperty() monthsAfter!: number;
  @ApiProperty({ type: [BeforeAfterFigureView] }) figures!: BeforeAfterFigureView[];
}

export class ReformEffectView {
  @ApiProperty() agencyId!: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType!: string;
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-12' }) to!: string;
  @ApiProperty({ type: [ReformFigureView] }) figures!: ReformFigureView[];
  @ApiProperty({ type: [MonthFiguresView] }) months!: MonthFiguresView[];
  @ApiPropertyOptional({ type: BeforeAfterView, description: 'Present when a pivot date was given' }) beforeAfter?: BeforeAfterView;

  static of(report: ReformEffect): ReformEffectView {
    return {
      agencyId: report.agencyId,
      serviceType: report.serviceType,
      from: report.from,
      to: report.to,
      figures: report.figures.map((figure) => ({ ...figure })),
      months: report.months,
      ...(report.beforeAfter ? { beforeAfter: report.beforeAfter } : {}),
    };
  }
}
