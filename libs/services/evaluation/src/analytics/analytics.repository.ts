import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';
import { ServiceType } from '../kpis/domain/evaluated-party';
import { Period } from '../kpis/domain/period';
import { FigureSums, MonthSums } from './domain/reform-effect';

interface KpiMonthRow {
  period_key: string;
  kpi_code: string;
  numerator: string;
  denominator: string;
  sample_size: string;
}

interface SurveyMonthRow {
  month: string;
  answers: string;
  overall_sum: string;
}

interface ComplaintMonthRow {
  month: string;
  complaints: string;
}

/**
 * The monthly sums behind the reform-effect reports: KPI sums of every party of the agency added
 * together (kpi_value, month rows), the survey answers of the services completed in each month and
 * the complaints (投诉) about the service type filed in each month (China Standard Time, by filing
 * time), withdrawn ones left out.
 */
@Injectable()
export class AnalyticsRepository {
  async monthlySums(manager: EntityManager, agencyId: string, serviceType: ServiceType, months: readonly Period[]): Promise<MonthSums[]> {
    const first = months[0];
    const last = months[months.length - 1];
    if (!first || !last) return [];
    const kpiRows = (await manager.query(
      `SELECT period_key, kpi_code, sum(numerator) AS numerator, sum(denominator) AS denominator, sum(sample_size) AS sample_size
         FROM kpi_value
        WHERE agency_id = $1 AND service_type = $2 AND period_kind = 'month' AND period_key = ANY($3::text[])
        GROUP BY period_key, kpi_code`,
      [agencyId, serviceType, months.map((month) => month.key)],
    )) as KpiMonthRow[];
    const surveyRows = (await manager.query(
      `SELECT to_char((s.completed_at AT TIME ZONE 'UTC') + make_interval(mins => $5::integer), 'YYYY-MM') AS month,
              count(*) AS answers, sum(a.overall) AS overall_sum
         FROM survey s JOIN survey_answer a ON a.survey_id = s.id
        WHERE s.agency_id = $1 AND s.service_type = $2 AND s.status = 'answered' AND s.completed_at >= $3 AND s.completed_at < $4
        GROUP BY 1`,
      [agencyId, serviceType, first.start, last.end, BUSINESS_UTC_OFFSET_MINUTES],
    )) as SurveyMonthRow[];
    // Complaints received (受理): undecided, upheld and rejected alike; a withdrawn one was never pursued.
    const complaintRows = (await manager.query(
      `SELECT to_char((filed_at AT TIME ZONE 'UTC') + make_interval(mins => $5::integer), 'YYYY-MM') AS month, count(*) AS complaints
         FROM complaint
        WHERE agency_id = $1 AND service_type = $2 AND status <> 'withdrawn' AND filed_at >= $3 AND filed_at < $4
        GROUP BY 1`,
      [agencyId, serviceType, first.start, last.end, BUSINESS_UTC_OFFSET_MINUTES],
    )) as ComplaintMonthRow[];
    const byMonth = new Map<string, MonthSums>(
      months.map((month) => [month.key, { month: month.key, kpis: {}, satisfaction: { numerator: 0, denominator: 0, sampleSize: 0 }, complaints: 0 }]),
    );
    for (const row of kpiRows) {
      const month = byMonth.get(row.period_key);
      if (month) month.kpis[row.kpi_code] = { numerator: Number(row.numerator), denominator: Number(row.denominator), sampleSize: Number(row.sample_size) };
    }
    for (const row of surveyRows) {
      const month = byMonth.get(row.month);
      if (month) month.satisfaction = answersOf(row);
    }
    for (const row of complaintRows) {
      const month = byMonth.get(row.month);
      if (month) month.complaints = Number(row.complaints);
    }
    return [...byMonth.values()];
  }
}

function answersOf(row: SurveyMonthRow): FigureSums {
  const answers = Number(row.answers);
  return { numerator: Number(row.overall_sum), denominator: answers, sampleSize: answers };
}
