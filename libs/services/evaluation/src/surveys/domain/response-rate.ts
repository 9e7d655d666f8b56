/**
 * Response rates (回收率): of the surveys issued for a period's service instances (withdrawn ones
 * do not count), the share answered. Pending surveys count as issued, not yet answered.
 */
export interface SurveyTally {
  issued: number;
  answered: number;
  expired: number;
  pending: number;
  /** Sum of the overall scores of the answered surveys. */
  overallSum: number;
}

export interface ResponseFigures {
  issued: number;
  answered: number;
  expired: number;
  pending: number;
  /** answered / issued; null when nothing was issued. */
  responseRate: number | null;
  /** Mean overall score (1–5) of the answers; null when none. */
  meanScore: number | null;
}

export function responseFigures(tally: SurveyTally): ResponseFigures {
  return {
    issued: tally.issued,
    answered: tally.answered,
    expired: tally.expired,
    pending: tally.pending,
    responseRate: tally.issued > 0 ? tally.answered / tally.issued : null,
    meanScore: tally.answered > 0 ? tally.overallSum / tally.answered : null,
  };
}
