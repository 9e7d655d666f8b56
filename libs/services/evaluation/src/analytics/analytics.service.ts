import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '@houqin/observability';
import { ServiceType } from '../kpis/domain/evaluated-party';
import { AnalyticsRepository } from './analytics.repository';
import { BeforeAfter, MonthFigures, ReformFigureDefinition, beforeAfter, monthlySeries, monthsBetween, reformFigures } from './domain/reform-effect';

export interface ReformEffectQuery {
  serviceType: ServiceType;
  from: string;
  to: string;
  /** The date the agency names (e.g. when the service was outsourced); absent: no before/after. */
  pivot?: Date;
}

export interface ReformEffect {
  agencyId: string;
  serviceType: ServiceType;
  from: string;
  to: string;
  figures: ReformFigureDefinition[];
  months: MonthFigures[];
  beforeAfter?: BeforeAfter;
}

/** Reform-effect analytics (改革效果评估) of the caller's agency, read in one consistent snapshot. */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analytics: AnalyticsRepository,
  ) {}

  async reformEffect(caller: Caller, query: ReformEffectQuery): Promise<ReformEffect> {
    const months = monthsBetween(query.from, query.to);
    const sums = await this.dataSource.transaction('REPEATABLE READ', (manager) => this.analytics.monthlySums(manager, caller.agencyId, query.serviceType, months));
    return {
      agencyId: caller.agencyId,
      serviceType: query.serviceType,
      from: query.from,
      to: query.to,
      figures: reformFigures(query.serviceType),
      months: monthlySeries(query.serviceType, sums),
      ...(query.pivot ? { beforeAfter: beforeAfter(query.serviceType, sums, query.pivot) } : {}),
    };
  }
}
