import { BusinessRuleViolation } from '@houqin/domain';

export const SEVERITIES = ['minor', 'major', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The offences a violation is recorded from automatically, each with a default severity the agency may change. */
export const OFFENCES = ['sla-response-late', 'sla-resolution-late', 'failed-inspection', 'low-assessment-score', 'expired-qualification'] as const;
export type Offence = (typeof OFFENCES)[number];

/**
 * An agency's violation rules (违规扣分规则): penalty points per severity, the severity of each
 * automatic offence (an upheld complaint carries its own; a manual one is given), and the overall
 * third-party assessment score (0–100) below which an assessment is a violation.
 */
export interface ViolationRules {
  points: Record<Severity, number>;
  severities: Record<Offence, Severity>;
  lowAssessmentThreshold: number;
}

export function defaultViolationRules(lowAssessmentThreshold: number): ViolationRules {
  return {
    points: { minor: 1, major: 3, serious: 6 },
    severities: {
      'sla-response-late': 'minor',
      'sla-resolution-late': 'major',
      'failed-inspection': 'major',
      'low-assessment-score': 'minor',
      'expired-qualification': 'major',
    },
    lowAssessmentThreshold,
  };
}

/** Checks an agency's rules: whole points 0–100 rising with severity, a known severity per offence, a threshold 0–100. */
export function checkViolationRules(rules: ViolationRules): ViolationRules {
  for (const severity of SEVERITIES) {
    const points = rules.points[severity];
    if (!Number.isInteger(points) || points < 0 || points > 100) {
      throw new BusinessRuleViolation('invalid-points', `points.${severity} must be a whole number from 0 to 100`, `points.${severity}`);
    }
  }
  if (rules.points.minor > rules.points.major || rules.points.major > rules.points.serious) {
    throw new BusinessRuleViolation('points-out-of-order', 'points must not fall as severity rises (minor ≤ major ≤ serious)', 'points');
  }
  for (const offence of OFFENCES) {
    if (!SEVERITIES.includes(rules.severities[offence])) {
      throw new BusinessRuleViolation('invalid-severity', `severities.${offence} must be one of ${SEVERITIES.join(', ')}`, `severities.${offence}`);
    }
  }
  if (!Number.isFinite(rules.lowAssessmentThreshold) || rules.lowAssessmentThreshold < 0 || rules.lowAssessmentThreshold > 100) {
    throw new BusinessRuleViolation('invalid-threshold', 'lowAssessmentThreshold must be a score from 0 to 100', 'lowAssessmentThreshold');
  }
  return rules;
}

/** A submitted overall score strictly below the agency's threshold is a violation (at the threshold it is not). */
export function isLowAssessmentScore(score: number, rules: ViolationRules): boolean {
  return score < rules.lowAssessmentThreshold;
}
