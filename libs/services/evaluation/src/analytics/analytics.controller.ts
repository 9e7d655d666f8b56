import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CurrentCaller, RequestValidationError } from '@houqin/service-kit';
import { SERVICE_TYPES, ServiceType } from '../kpis/domain/evaluated-party';
import { ReformEffectView } from './analytics.dto';
import { AnalyticsService, ReformEffect, ReformEffectQuery } from './analytics.service';
import { toCsv } from './domain/csv';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 00:00 China Standard Time of a calendar day YYYY-MM-DD; anything else (2026-02-30 included) is a 400. */
function businessDayStart(day: string): Date {
  const match = DAY.exec(day);
  const [year, month, date] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const utc = new Date(Date.UTC(year, month - 1, date));
  if (!match || utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== date) {
    throw new RequestValidationError([{ field: 'pivot', rule: 'isDate', message: 'pivot must be a date YYYY-MM-DD' }]);
  }
  return new Date(utc.getTime() - BUSINESS_UTC_OFFSET_MINUTES * 60_000);
}

@ApiTags('reform-effect analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('reform-effect')
  @ApiQuery({ name: 'serviceType', required: true, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'from', required: true, description: 'First month, YYYY-MM (China Standard Time)' })
  @ApiQuery({ name: 'to', required: true, description: 'Last month, YYYY-MM; at most 60 months after from' })
  @ApiQuery({ name: 'pivot', required: false, description: 'YYYY-MM-DD: compare the months before this date’s month with those from it on (e.g. when the service was outsourced)' })
  @ApiOkResponse({
    type: ReformEffectView,
    description:
      '改革效果评估: cost per unit, SLA compliance, satisfaction and complaint rate (complaints filed in the month, withdrawn ones left out, per 100 service instances completed in it) per month, and before/after the pivot',
  })
  @ApiBadRequestResponse({ description: 'serviceType unknown; from or to not a month; to before from or over 60 months later; pivot not a date' })
  async reformEffect(
    @CurrentCaller() caller: Caller,
    @Query('serviceType') serviceType: unknown,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('pivot') pivot: unknown,
  ): Promise<ReformEffectView> {
    return ReformEffectView.of(await this.report(caller, { serviceType, from, to, pivot }));
  }

  @Get('reform-effect/export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="reform-effect.csv"')
  @ApiProduces('text/csv')
  @ApiQuery({ name: 'serviceType', required: true, enum: SERVICE_TYPES })
  @ApiQuery({ name: 'from', required: true, description: 'First month, YYYY-MM' })
  @ApiQuery({ name: 'to', required: true, description: 'Last month, YYYY-MM' })
  @ApiQuery({ name: 'pivot', required: false, description: 'YYYY-MM-DD: adds the before/after rows' })
  @ApiOkResponse({ description: 'The same report as CSV (UTF-8 with BOM): one row per month and figure, then the before/after rows', schema: { type: 'string' } })
  @ApiBadRequestResponse({ description: 'as for the report' })
  async reformEffectCsv(
    @CurrentCaller() caller: Caller,
    @Query('serviceType') serviceType: unknown,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('pivot') pivot: unknown,
  ): Promise<string> {
    const report = await this.report(caller, { serviceType, from, to, pivot });
    const labels = new Map(report.figures.map((figure) => [figure.code, figure]));
    const rows = report.months.flatMap((month) =>
      month.figures.map((value) => [report.agencyId, report.serviceType, month.month, value.code, labels.get(value.code)?.label, labels.get(value.code)?.unit, value.value, value.sampleSize]),
    );
    const comparison = report.beforeAfter
      ? report.beforeAfter.figures.flatMap((figure) => [
          [report.agencyId, report.serviceType, `before ${report.beforeAfter?.pivotMonth}`, figure.code, figure.label, figure.unit, figure.before, null],
          [report.agencyId, report.serviceType, `from ${report.beforeAfter?.pivotMonth}`, figure.code, figure.label, figure.unit, figure.after, null],
        ])
      : [];
    return toCsv(['agency', 'service type', 'month', 'figure', 'label', 'unit', 'value', 'sample size'], [...rows, ...comparison]);
  }

  private report(caller: Caller, raw: { serviceType: unknown; from: unknown; to: unknown; pivot: unknown }): Promise<ReformEffect> {
    return asBadInput(() => this.analytics.reformEffect(caller, reformQuery(raw)));
  }
}

function oneString(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined || value === '') {
    if (required) throw new RequestValidationError([{ field, rule: 'isDefined', message: `${field} is required` }]);
    return undefined;
  }
  if (typeof value !== 'string') throw new RequestValidationError([{ field, rule: 'isString', message: `${field} must be given once` }]);
  return value;
}

function reformQuery(raw: { serviceType: unknown; from: unknown; to: unknown; pivot: unknown }): ReformEffectQuery {
  const serviceType = oneString(raw.serviceType, 'serviceType', true) as string;
  if (!(SERVICE_TYPES as readonly string[]).includes(serviceType)) {
    throw new RequestValidationError([{ field: 'serviceType', rule: 'isIn', message: `serviceType must be one of ${SERVICE_TYPES.join(', ')}` }]);
  }
  const pivotDay = oneString(raw.pivot, 'pivot', false);
  const pivot = pivotDay === undefined ? undefined : businessDayStart(pivotDay);
  return {
    serviceType: serviceType as ServiceType,
    from: oneString(raw.from, 'from', true) as string,
    to: oneString(raw.to, 'to', true) as string,
    ...(pivot ? { pivot } : {}),
  };
}

/** The range rules are the domain's; a refusal of them is bad input naming the parameter. */
async function asBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BusinessRuleViolation && error.field) throw new RequestValidationError([{ field: error.field, rule: error.code, message: error.message }]);
    throw error;
  }
}
