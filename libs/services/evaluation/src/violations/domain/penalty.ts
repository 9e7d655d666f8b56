import { BUSINESS_UTC_OFFSET_MINUTES } from '@houqin/domain';

/**
 * Penalties (违约金) under a contract's penalty rules, in whole fen: per breach kind an amount, or a
 * percentage of the monthly fee rounded half up to the fen, and never more than the rule's cap in a
 * calendar month (China Standard Time) per contract and breach kind.
 */
export const BREACH_KINDS = [
  'response-late',
  'resolution-late',
  'inspection-failed',
  'satisfaction-below-minimum',
  'late-pickup',
  'dispatch-response-late',
  'delivery-late',
  'post-unattended',
] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

/** One rule of a contract (procurement's ContractPenaltyRule). */
export interface PenaltyRule {
  breach: BreachKind;
  amount?: number;
  percentOfMonthlyFee?: number;
  capPerMonth: number;
}

/** What evaluation keeps of a signed contract to price its breaches. */
export interface ContractPenaltyTerms {
  contractId: string;
  vendorId: string;
  monthlyFee?: number;
  penaltyRules: readonly PenaltyRule[];
}

/** The rule of a breach kind (the first, should a contract list one twice); none → no penalty. */
export function ruleFor(terms: ContractPenaltyTerms | undefined, breach: BreachKind | undefined): PenaltyRule | undefined {
  if (!terms || !breach) return undefined;
  return terms.penaltyRules.find((rule) => rule.breach === breach);
}

/**
 * The penalty of one breach before the monthly cap, in fen. A fixed amount wins over a percentage
 * when a rule gives both; a percentage of a contract without a monthly fee is 0.
 */
export function penaltyBeforeCap(rule: PenaltyRule, monthlyFee: number | undefined): number {
  if (rule.amount !== undefined) return rule.amount;
  if (rule.percentOfMonthlyFee === undefined || monthlyFee === undefined) return 0;
  return percentOfFen(monthlyFee, rule.percentOfMonthlyFee);
}

/**
 * `percent` % of an amount of fen, rounded half up to the fen, computed exactly (the percentage is
 * read as the decimal it is written as: 2.5 % of 100 001 fen is 2 500.025 → 2 500 fen).
 */
export function percentOfFen(fen: number, percent: number): number {
  if (!Number.isInteger(fen) || fen < 0) throw new RangeError(`an amount of fen is a whole number ≥ 0, not ${fen}`);
  if (!Number.isFinite(percent) || percent < 0) throw new RangeError(`a percentage is a number ≥ 0, not ${percent}`);
  const [digits, scale] = decimalDigits(percent);
  const numerator = BigInt(fen) * digits;
  const denominator = 100n * 10n ** BigInt(scale);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return Number(remainder * 2n >= denominator ? quotient + 1n : quotient);
}

/** A non-negative decimal as an integer and its number of decimal places: 2.5 → [25, 1]. */
function decimalDigits(value: number): [bigint, number] {
  const written = /e/i.test(String(value)) ? value.toFixed(20).replace(/0+$/, '') : String(value);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(written);
  if (!match) throw new RangeError(`not a decimal: ${written}`);
  const fraction = match[2] ?? '';
  return [BigInt(`${match[1]}${fraction}`), fraction.length];
}

/** What is left of a month's cap once `chargedThisMonth` (the non-voided penalties already recorded) is counted. */
export function applyMonthlyCap(penalty: number, capPerMonth: number, chargedThisMonth: number): number {
  return Math.max(0, Math.min(penalty, capPerMonth - chargedThisMonth));
}

/** The settlement month (结算月) an instant falls in, 'YYYY-MM' in China Standard Time. */
export function settlementPeriodOf(instant: Date): string {
  return new Date(instant.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 7);
}

/** Fen as yuan with two decimals, exactly (12345 → "123.45"). */
export function fenToYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`an amount of fen is a whole number, not ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
