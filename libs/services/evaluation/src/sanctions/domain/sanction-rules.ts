import { BusinessRuleViolation } from '@houqin/domain';
import { OFFENCE_KINDS, Offence, OffenceKind, counts } from './offence';

/**
 * An agency's sanction rules (处罚规则): each counts one kind of offence of a vendor in a rolling
 * window and proposes a measure when the figure reaches the threshold. The window is half-open,
 * (t − D days, t]: an offence exactly D days before t no longer counts, one at t does.
 */
export const SANCTION_MEASURES = ['warning', 'suspension', 'blacklisting'] as const;
export type SanctionMeasure = (typeof SANCTION_MEASURES)[number];

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_WINDOW_DAYS = 3650;
export const MAX_SUSPENSION_DAYS = 3650;

export interface SanctionRule {
  /** What is counted: penalty points summed, or the number of the other offences. */
  offence: OffenceKind;
  /** N: the rule fires at N or more (N − 1 does not). */
  threshold: number;
  /** D: the rolling window, in days. */
  windowDays: number;
  measure: SanctionMeasure;
  /** P: a suspension's period, in days (suspension only). */
  suspensionDays?: number;
}

/** The ladder 警告 → 暂停 → 黑名单: how far back an earlier sanction raises the next proposal, and an escalated suspension's period. */
export interface SanctionLadder {
  windowDays: number;
  suspensionDays: number;
}

export interface SanctionRuleSet {
  rules: SanctionRule[];
  ladder: SanctionLadder;
  /** The agency opted in to sanctions applied without a human: proposals are confirmed at once by 'system'. */
  automatic: boolean;
}

/**
 * The platform's rules for an agency that set none: 12 penalty points in a year suspend for 30
 * days (the common 12-point 记分 year); two failing scorecards in 180 days suspend for 30 days;
 * three overdue rectifications or three upheld complaints in 90 days earn a warning. A sanction in
 * the last 365 days raises the next one step; an escalated suspension lasts 30 days. Confirmed by a human.
 */
export const DEFAULT_SANCTION_RULES: SanctionRuleSet = {
  rules: [
    { offence: 'penalty-points', threshold: 12, windowDays: 365, measure: 'suspension', suspensionDays: 30 },
    { offence: 'failing-scorecard', threshold: 2, windowDays: 180, measure: 'suspension', suspensionDays: 30 },
    { offence: 'overdue-rectification', threshold: 3, windowDays: 90, measure: 'warning' },
    { offence: 'upheld-complaint', threshold: 3, windowDays: 90, measure: 'warning' },
  ],
  ladder: { windowDays: 365, suspensionDays: 30 },
  automatic: false,
};

/** A rule's stable name, e.g. `penalty-points>=12/365d:suspension-30d`: proposals and sanctions refer to it across edits of the rule set. */
export function ruleKey(rule: SanctionRule): string {
  const measure = rule.measure === 'suspension' ? `suspension-${rule.suspensionDays ?? 0}d` : rule.measure;
  return `${rule.offence}>=${rule.threshold}/${rule.windowDays}d:${measure}`;
}

/** Checks a rule set an agency admin puts; the field of the first fault is named. */
export function validateRuleSet(set: SanctionRuleSet): SanctionRuleSet {
  const whole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  set.rules.forEach((rule, index) => {
    const at = `rules[${index}]`;
    if (!OFFENCE_KINDS.includes(rule.offence)) throw new BusinessRuleViolation('sanction-rule-invalid', `unknown offence ${rule.offence}`, `${at}.offence`);
    if (!whole(rule.threshold, 1, 10000)) throw new BusinessRuleViolation('sanction-rule-invalid', 'the threshold is a whole number from 1', `${at}.threshold`);
    if (!whole(rule.windowDays, 1, MAX_WINDOW_DAYS)) throw new BusinessRuleViolation('sanction-rule-invalid', `the window is 1 to ${MAX_WINDOW_DAYS} days`, `${at}.windowDays`);
    if (rule.measure === 'suspension' && (rule.suspensionDays === undefined || !whole(rule.suspensionDays, 1, MAX_SUSPENSION_DAYS))) {
      throw new BusinessRuleViolation('sanction-rule-invalid', `a suspension lasts 1 to ${MAX_SUSPENSION_DAYS} days`, `${at}.suspensionDays`);
    }
    if (rule.measure !== 'suspension' && rule.suspensionDays !== undefined) {
      throw new BusinessRuleViolation('sanction-rule-invalid', 'only a suspension has a period', `${at}.suspensionDays`);
    }
  });
  const keys = set.rules.map(ruleKey);
  const repeated = keys.findIndex((key, index) => keys.indexOf(key) !== index);
  if (repeated >= 0) throw new BusinessRuleViolation('sanction-rule-duplicate', `the rule ${keys[repeated]} is given twice`, `rules[${repeated}]`);
  if (!whole(set.ladder.windowDays, 1, MAX_WINDOW_DAYS)) throw new BusinessRuleViolation('sanction-rule-invalid', `the ladder's window is 1 to ${MAX_WINDOW_DAYS} days`, 'ladder.windowDays');
  if (!whole(set.ladder.suspensionDays, 1, MAX_SUSPENSION_DAYS)) {
    throw new BusinessRuleViolation('sanction-rule-invalid', `a suspension lasts 1 to ${MAX_SUSPENSION_DAYS} days`, 'ladder.suspensionDays');
  }
  return set;
}

/** Whether `instant` lies in the rolling window (t − D days, t]. */
export function inWindow(instant: Date, at: Date, windowDays: number): boolean {
  const time = instant.getTime();
  return time > at.getTime() - windowDays * DAY_MS && time <= at.getTime();
}

export interface RuleMeasurement {
  /** Points summed (penalty-points) or offences counted. */
  figure: number;
  /** The offences counted, oldest first. */
  evidence: Offence[];
}

/**
 * What a rule measures at t over a vendor's ledger: the standing offences of its kind in the
 * window, leaving out those already evidence of a sanction this rule decided (an offence is
 * punished once per rule). An offence dated after t (another service's clock ahead) counts as at t.
 */
export function measure(rule: SanctionRule, ledger: readonly Offence[], at: Date, alreadySanctioned: ReadonlySet<string>): RuleMeasurement {
  const evidence = ledger
    .filter((offence) => offence.kind === rule.offence && counts(offence) && !alreadySanctioned.has(offence.id))
    .filter((offence) => inWindow(new Date(Math.min(offence.occurredAt.getTime(), at.getTime())), at, rule.windowDays))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
  return { figure: evidence.reduce((sum, offence) => sum + offence.weight, 0), evidence };
}

/**
 * A rule fires for an offence when the figure reaches the threshold with that offence counted:
 * an offence outside the window, withdrawn or already punished never fires a rule, and the earlier
 * offences that reached the threshold fired it when they came.
 */
export function firesFor(rule: SanctionRule, measurement: RuleMeasurement, offenceId: string): boolean {
  return measurement.figure >= rule.threshold && measurement.evidence.some((offence) => offence.id === offenceId);
}

/** A sanction decided before, as far as the ladder looks at it. */
export interface PriorSanction {
  measure: SanctionMeasure;
  decidedAt: Date;
}

export interface ProposedMeasure {
  measure: SanctionMeasure;
  /** Suspension only. */
  suspensionDays?: number;
  /** The earlier sanction that raised the rule's measure one step, when one did. */
  escalatedFrom?: SanctionMeasure;
}

const RANK: Record<SanctionMeasure, number> = { warning: 0, suspension: 1, blacklisting: 2 };

/**
 * The ladder (警告 → 暂停 → 黑名单): a vendor sanctioned within the ladder's window (t − W days, t]
 * gets at least the step after the heaviest of those sanctions — warned → suspension, suspended →
 * blacklisting — and never less than the rule's own measure. Sanctions lifted early still count
 * (they were decided); dismissed proposals do not. An escalated suspension lasts the rule's
 * period when the rule suspends, else the ladder's.
 */
export function proposedMeasure(rule: SanctionRule, ladder: SanctionLadder, prior: readonly PriorSanction[], at: Date): ProposedMeasure {
  const recent = prior.filter((sanction) => inWindow(sanction.decidedAt, at, ladder.windowDays));
  const heaviest = recent.reduce<SanctionMeasure | undefined>((worst, sanction) => (worst === undefined || RANK[sanction.measure] > RANK[worst] ? sanction.measure : worst), undefined);
  const next: SanctionMeasure | undefined = heaviest === undefined ? undefined : heaviest === 'warning' ? 'suspension' : 'blacklisting';
  const raised = next !== undefined && RANK[next] > RANK[rule.measure];
  const chosen = raised ? next : rule.measure;
  const suspensionDays = chosen === 'suspension' ? (rule.measure === 'suspension' ? rule.suspensionDays : ladder.suspensionDays) : undefined;
  return { measure: chosen, ...(suspensionDays !== undefined ? { suspensionDays } : {}), ...(raised && heaviest ? { escalatedFrom: heaviest } : {}) };
}
