import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EvaluatedParty, ServiceType, partyKey } from '../kpis/domain/evaluated-party';
import type { Period } from '../kpis/domain/period';
import { ResponseFigures, SurveyTally, responseFigures } from './domain/response-rate';

export interface SatisfactionResult {
  issued: number;
  answered: number;
  responseRate: number | null;
  /** Mean overall score, 1..5; null when nothing was answered. */
  meanScore: number | null;
}

export interface ResponseRateRow extends ResponseFigures {
  serviceType: ServiceType;
  party: string;
}

interface TallyRow {
  service_type: ServiceType;
  party: string;
  issued: string;
  answered: string;
  expired: string;
  pending: string;
  overall_sum: string;
}

/**
 * Survey results per party, service type and period: a survey belongs to the period in which its
 * service instance completed. Withdrawn surveys (their instance was cancelled) count nowhere.
 */
@Injectable()
export class SurveyResultsRepository {
  /** What scorecards read: issued, answered, response rate and mean overall score of one party. */
  async satisfaction(manager: EntityManager, agencyId: string, party: EvaluatedParty, serviceType: ServiceType, period: Period): Promise<SatisfactionResult> {
    const [row] = await this.tallies(manager, agencyId, period, { serviceType, party: partyKey(party) });
    const figures = responseFigures(row ? tallyOf(row) : { issued: 0, answered: 0, expired: 0, pending: 0, overallSum: 0 });
    return { issued: figures.issued, answered: figures.answered, responseRate: figures.responseRate, meanScore: figures.meanScore };
  }

  /** Response rates (回收率) per service type and party of the agency's period. */
  async responseRates(
    manager: EntityManager,
    agencyId: string,
    period: Period,
    filter: { serviceType?: ServiceType | undefined; party?: string | undefined },
  ): Promise<{ rows: ResponseRateRow[]; total: ResponseFigures }> {
    const tallies = (await this.tallies(manager, agencyId, period, filter)).map((row) => ({ row, tally: tallyOf(row) }));
    const total = tallies.reduce<SurveyTally>(
      (sum, { tally }) => ({
        issued: sum.issued + tally.issued,
        answered: sum.answered + tally.answered,
        expired: sum.expired + tally.expired,
        pending: sum.pending + tally.pending,
        overallSum: sum.overallSum + tally.overallSum,
      }),
      { issued: 0, answered: 0, expired: 0, pending: 0, overallSum: 0 },
    );
    return { rows: tallies.map(({ row, tally }) => ({ serviceType: row.service_type, party: row.party, ...responseFigures(tally) })), total: responseFigures(total) };
  }

  private async tallies(manager: EntityManager, agencyId: string, period: Period, filter: { serviceType?: ServiceType | undefined; party?: string | undefined }): Promise<TallyRow[]> {
    return (await manager.query(
      `SELECT s.service_type, s.party,
              count(*) FILTER (WHERE s.status <> 'withdrawn') AS issued,
              count(*) FILTER (WHERE s.status = 'answered') AS answered,
              count(*) FILTER (WHERE s.status = 'expired') AS expired,
              count(*) FILTER (WHERE s.status = 'pending') AS pending,
              coalesce(sum(a.overall) FILTER (WHERE s.status = 'answered'), 0) AS overall_sum
         FROM survey s
         LEFT JOIN survey_answer a ON a.survey_id = s.id
        WHERE s.agency_id = $1 AND s.completed_at >= $2 AND s.completed_at < $3
          AND ($4::text IS NULL OR s.service_type = $4) AND ($5::text IS NULL OR s.party = $5)
        GROUP BY s.service_type, s.party
       HAVING count(*) FILTER (WHERE s.status <> 'withdrawn') > 0
        ORDER BY s.service_type, s.party`,
      [agencyId, period.start, period.end, filter.serviceType ?? null, filter.party ?? null],
    )) as TallyRow[];
  }
}

function tallyOf(row: TallyRow): SurveyTally {
  return { issued: Number(row.issued), answered: Number(row.answered), expired: Number(row.expired), pending: Number(row.pending), overallSum: Number(row.overall_sum) };
}
