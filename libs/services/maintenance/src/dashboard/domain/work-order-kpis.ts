/**
 * The month's maintenance KPIs, from the work orders verified (验收) in it — the same figures the
 * work orders' verified events carry one by one, so evaluation computes the same from its feed.
 */
export interface VerifiedWorkOrderFigures {
  responseMinutes: number;
  resolutionMinutes: number;
  reopenCount: number;
  /** Labour, parts and other costs recorded on it (voided lines excluded), fen. */
  costFen: number;
}

export interface WorkOrderKpis {
  verified: number;
  /** Verified without ever being reopened, in percent (one decimal); null when none was verified. */
  firstTimeFixRate: number | null;
  /** Reopened at least once before being verified, in percent (one decimal); null when none was verified. */
  reopenRate: number | null;
  /** Mean report → acceptance, whole minutes; null when none was verified. */
  meanResponseMinutes: number | null;
  /** Mean report → completion less time on hold, whole minutes; null when none was verified. */
  meanResolutionMinutes: number | null;
  /** Mean cost of a verified work order, whole fen; null when none was verified. */
  costPerWorkOrderFen: number | null;
}

const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;
const mean = (values: number[]) => Math.round(values.reduce((total, value) => total + value, 0) / values.length);

export function workOrderKpis(verified: readonly VerifiedWorkOrderFigures[]): WorkOrderKpis {
  if (verified.length === 0) return { verified: 0, firstTimeFixRate: null, reopenRate: null, meanResponseMinutes: null, meanResolutionMinutes: null, costPerWorkOrderFen: null };
  const reopened = verified.filter((order) => order.reopenCount > 0).length;
  return {
    verified: verified.length,
    firstTimeFixRate: percent(verified.length - reopened, verified.length),
    reopenRate: percent(reopened, verified.length),
    meanResponseMinutes: mean(verified.map((order) => order.responseMinutes)),
    meanResolutionMinutes: mean(verified.map((order) => order.resolutionMinutes)),
    costPerWorkOrderFen: mean(verified.map((order) => order.costFen)),
  };
}
