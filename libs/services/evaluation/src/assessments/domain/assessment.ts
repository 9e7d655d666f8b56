import { BusinessRuleViolation, Clock, FileAttachment, IllegalTransitionError, MAX_FILE_ATTACHMENT_BYTES, WeightedFigure, normalisedFileAttachment, weightedMeanHalfUp } from '@houqin/domain';
import type { ServiceType } from '../../kpis/domain/evaluated-party';
import type { Period } from '../../kpis/domain/period';
import { EvaluatorOrganisation, requireEngaged, requireNoTie } from './evaluator-organisation';

/** One criterion an assessment scores, 0–100, weighted in whole points of 100. */
export interface Criterion {
  code: string;
  name: string;
  weight: number;
}

/**
 * Default criteria per service type (评估指标). Weights sum to 100; each criterion is scored 0–100
 * and the overall score is their weighted mean.
 */
export const DEFAULT_CRITERIA: Readonly<Record<ServiceType, readonly Criterion[]>> = {
  maintenance: [
    { code: 'workmanship', name: 'Quality of workmanship (维修质量)', weight: 35 },
    { code: 'safety', name: 'Safety and compliance (安全合规)', weight: 25 },
    { code: 'records', name: 'Records and documentation (台账资料)', weight: 20 },
    { code: 'conduct', name: 'Staff conduct and responsiveness (服务态度)', weight: 20 },
  ],
  procurement: [
    { code: 'goods-quality', name: 'Quality of goods delivered (货物质量)', weight: 40 },
    { code: 'delivery', name: 'Delivery reliability (交付)', weight: 25 },
    { code: 'compliance', name: 'Contract and invoice compliance (合规)', weight: 20 },
    { code: 'after-sales', name: 'After-sales service (售后)', weight: 15 },
  ],
  catering: [
    { code: 'food-safety', name: 'Food safety and hygiene (食品安全)', weight: 40 },
    { code: 'meal-quality', name: 'Meal quality and variety (菜品质量)', weight: 30 },
    { code: 'service', name: 'Service in the canteen (就餐服务)', weight: 15 },
    { code: 'cost-control', name: 'Cost control (成本控制)', weight: 15 },
  ],
  transport: [
    { code: 'vehicle-condition', name: 'Vehicle condition (车况)', weight: 30 },
    { code: 'driving-safety', name: 'Driving safety (行车安全)', weight: 35 },
    { code: 'punctuality', name: 'Punctuality (准时)', weight: 20 },
    { code: 'conduct', name: 'Driver conduct (司机服务)', weight: 15 },
  ],
};

export interface CriterionScore {
  code: string;
  score: number;
  comment?: string;
}

/** How many files of evidence (佐证材料) an assessment carries at most. */
export const MAX_EVIDENCE = 20;

export type AssessmentStatus = 'draft' | 'submitted';

export interface Assessment {
  id: string;
  agencyId: string;
  organisationId: string;
  vendorId: string;
  serviceType: ServiceType;
  period: Period;
  criteria: Criterion[];
  scores: CriterionScore[];
  evidence: FileAttachment[];
  summary?: string;
  status: AssessmentStatus;
  draftedBy: string;
  draftedAt: Date;
  updatedAt: Date;
  submittedBy?: string;
  submittedAt?: Date;
  /** The weighted overall score, 0–100, fixed at submission. */
  overallScore?: number;
}

export interface AssessmentChanges {
  scores?: CriterionScore[];
  evidence?: FileAttachment[];
  summary?: string;
}

function checkedScores(criteria: readonly Criterion[], scores: readonly CriterionScore[]): CriterionScore[] {
  const seen = new Set<string>();
  return scores.map((given, index) => {
    if (!criteria.some((criterion) => criterion.code === given.code)) {
      throw new BusinessRuleViolation('unknown-criterion', `'${given.code}' is not a criterion of this assessment (${criteria.map((c) => c.code).join(', ')})`, `scores[${index}].code`);
    }
    if (seen.has(given.code)) throw new BusinessRuleViolation('criterion-repeated', `'${given.code}' is scored twice`, `scores[${index}].code`);
    seen.add(given.code);
    if (!Number.isFinite(given.score) || given.score < 0 || given.score > 100) {
      throw new BusinessRuleViolation('score-out-of-range', `'${given.code}' takes a score from 0 to 100`, `scores[${index}].score`);
    }
    return { code: given.code, score: given.score, ...(given.comment?.trim() ? { comment: given.comment.trim() } : {}) };
  });
}

/** At most MAX_EVIDENCE, each at most MAX_FILE_ATTACHMENT_BYTES, no file twice (same address). */
export function checkedEvidence(evidence: readonly FileAttachment[]): FileAttachment[] {
  if (evidence.length > MAX_EVIDENCE) throw new BusinessRuleViolation('too-much-evidence', `at most ${MAX_EVIDENCE} evidence attachments`, 'evidence');
  const seen = new Set<string>();
  return evidence.map((file, index) => {
    if (file.sizeBytes > MAX_FILE_ATTACHMENT_BYTES) throw new BusinessRuleViolation('evidence-too-large', `an attachment is at most ${MAX_FILE_ATTACHMENT_BYTES} bytes`, `evidence[${index}].sizeBytes`);
    if (seen.has(file.url)) throw new BusinessRuleViolation('evidence-repeated', 'the same file is attached twice', `evidence[${index}].url`);
    seen.add(file.url);
    return normalisedFileAttachment(file);
  });
}

/** The weighted mean of the criteria's scores, 2 decimals half up; null until every criterion is scored. */
export function overallScore(criteria: readonly Criterion[], scores: readonly CriterionScore[]): number | null {
  const weighted: WeightedFigure[] = [];
  for (const criterion of criteria) {
    const given = scores.find((score) => score.code === criterion.code);
    if (!given) return null;
    weighted.push([given.score, criterion.weight]);
  }
  return weightedMeanHalfUp(weighted, 2);
}

/** An evaluator of an engaged organisation with no tie to the vendor drafts an assessment for a period. */
export function draftAssessment(
  organisation: EvaluatorOrganisation,
  input: { id: string; vendorId: string; serviceType: ServiceType; period: Period } & AssessmentChanges,
  by: string,
  clock: Clock,
): Assessment {
  const now = clock.now();
  requireEngaged(organisation, now);
  requireNoTie(organisation, input.vendorId);
  if (input.period.start.getTime() > now.getTime()) throw new BusinessRuleViolation('period-not-begun', `period ${input.period.key} has not begun`, 'period');
  const criteria = DEFAULT_CRITERIA[input.serviceType].map((criterion) => ({ ...criterion }));
  return {
    id: input.id,
    agencyId: organisation.agencyId,
    organisationId: organisation.id,
    vendorId: input.vendorId.toLowerCase(),
    serviceType: input.serviceType,
    period: input.period,
    criteria,
    scores: checkedScores(criteria, input.scores ?? []),
    evidence: checkedEvidence(input.evidence ?? []),
    ...(input.summary?.trim() ? { summary: input.summary.trim() } : {}),
    status: 'draft',
    draftedBy: by,
    draftedAt: now,
    updatedAt: now,
  };
}

function requireDraft(assessment: Assessment, action: string): void {
  if (assessment.status !== 'draft') throw new IllegalTransitionError('assessment', assessment.status, action);
}

/** Only a draft changes; a submitted assessment is locked (409 naming its state). */
export function reviseAssessment(assessment: Assessment, organisation: EvaluatorOrganisation, changes: AssessmentChanges, clock: Clock): Assessment {
  requireDraft(assessment, 'change it (a submitted assessment is locked)');
  requireEngaged(organisation, clock.now());
  requireNoTie(organisation, assessment.vendorId);
  return {
    ...assessment,
    ...(changes.scores !== undefined ? { scores: checkedScores(assessment.criteria, changes.scores) } : {}),
    ...(changes.evidence !== undefined ? { evidence: checkedEvidence(changes.evidence) } : {}),
    ...(changes.summary !== undefined ? (changes.summary.trim() ? { summary: changes.summary.trim() } : { summary: undefined }) : {}),
    updatedAt: clock.now(),
  };
}

/** Submission needs every criterion scored and at least one piece of evidence; it locks the assessment. */
export function submitAssessment(assessment: Assessment, organisation: EvaluatorOrganisation, by: string, clock: Clock): Assessment {
  requireDraft(assessment, 'submit it again');
  requireEngaged(organisation, clock.now());
  requireNoTie(organisation, assessment.vendorId);
  const unscored = assessment.criteria.filter((criterion) => !assessment.scores.some((score) => score.code === criterion.code));
  if (unscored.length > 0) throw new BusinessRuleViolation('criteria-unscored', `score every criterion before submitting (missing: ${unscored.map((c) => c.code).join(', ')})`, 'scores');
  if (assessment.evidence.length === 0) throw new BusinessRuleViolation('evidence-required', 'attach the evidence the scores rest on before submitting', 'evidence');
  const now = clock.now();
  return { ...assessment, status: 'submitted', submittedBy: by, submittedAt: now, updatedAt: now, overallScore: overallScore(assessment.criteria, assessment.scores)! };
}
