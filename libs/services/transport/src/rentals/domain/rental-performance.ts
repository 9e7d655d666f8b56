/**
 * A rental contract's SLA measured (履约考核): punctuality of its completed trips against
 * minPunctualityRate, and the vendor's answers to dispatches against maxDispatchResponseMinutes,
 * over the contract so far. Nothing measured yet is no rate and no verdict, not 100 %.
 */

/** What the contract's rental trips add up to, counted from the trips. */
export interface RentalTripCounts {
  /** Completed rental trips, and those of them that set off on time (within the grace). */
  completed: number;
  onTime: number;
  /** Dispatches the vendor answered by the deadline, answered late, and left unanswered past it. */
  confirmedWithinSla: number;
  confirmedLate: number;
  unansweredPastDeadline: number;
}

export interface PunctualityMeasure {
  trips: number;
  onTime: number;
  /** onTime ÷ trips × 100, rounded half up to two decimals; absent before the first completed trip. */
  ratePercent?: number;
  targetPercent: number;
  /** The rate is at least the target, compared exactly; absent with nothing measured. */
  meetsSla?: boolean;
}

export interface DispatchResponseMeasure {
  /** Dispatches whose deadline passed or that were answered: within + late + unanswered. */
  measured: number;
  withinSla: number;
  late: number;
  unanswered: number;
  /** withinSla ÷ measured × 100, rounded half up to two decimals; absent before the first measured dispatch. */
  ratePercent?: number;
  targetMinutes: number;
  /** Every measured dispatch answered in time: each late or missing answer breaches the contract. */
  meetsSla?: boolean;
}

export interface RentalPerformance {
  punctuality: PunctualityMeasure;
  dispatchResponse: DispatchResponseMeasure;
}

export function rentalPerformance(counts: RentalTripCounts, sla: { minPunctualityRate: number; maxDispatchResponseMinutes: number }): RentalPerformance {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} is a count, not ${value}`);
  }
  if (counts.onTime > counts.completed) throw new RangeError(`${counts.onTime} trips on time of ${counts.completed}`);
  const { completed, onTime } = counts;
  const measured = counts.confirmedWithinSla + counts.confirmedLate + counts.unansweredPastDeadline;
  return {
    punctuality: {
      trips: completed,
      onTime,
      ...(completed > 0 ? { ratePercent: percent(onTime, completed), meetsSla: atLeastPercent(onTime, completed, sla.minPunctualityRate) } : {}),
      targetPercent: sla.minPunctualityRate,
    },
    dispatchResponse: {
      measured,
      withinSla: counts.confirmedWithinSla,
      late: counts.confirmedLate,
      unanswered: counts.unansweredPastDeadline,
      ...(measured > 0 ? { ratePercent: percent(counts.confirmedWithinSla, measured), meetsSla: counts.confirmedWithinSla === measured } : {}),
      targetMinutes: sla.maxDispatchResponseMinutes,
    },
  };
}

/** part ÷ whole × 100 rounded half up to two decimals, in integers: 2 of 3 → 66.67. */
export function percent(part: number, whole: number): number {
  const hundredths = Math.floor((part * 10_000 * 2 + whole) / (whole * 2));
  return hundredths / 100;
}

/** part ÷ whole ≥ target % exactly, the target read as the decimal it is written as (97.5, 95.25). */
export function atLeastPercent(part: number, whole: number, targetPercent: number): boolean {
  const written = String(targetPercent);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(written);
  if (!match) throw new RangeError(`a target percentage is a decimal ≥ 0, not ${written}`);
  const decimals = match[2] ?? '';
  const target = BigInt(`${match[1]}${decimals}`);
  const scale = 10n ** BigInt(decimals.length);
  return BigInt(part) * 100n * scale >= target * BigInt(whole);
}
