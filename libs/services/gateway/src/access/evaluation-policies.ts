import { COMPLAINTS_POLICIES } from './evaluation-complaints-policies';
import { VIOLATIONS_POLICIES } from './evaluation-violations-policies';
import { RECTIFICATIONS_POLICIES } from './evaluation-rectifications-policies';
import { SANCTIONS_POLICIES } from './evaluation-sanctions-policies';
import { INTERNAL_AUDIT_POLICIES } from './evaluation-internal-audit-policies';
import { QUALIFICATIONS_POLICIES } from './evaluation-qualifications-policies';
import { ACCOUNTABILITY_POLICIES } from './evaluation-accountability-policies';
import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS, AGENCY_READERS } from './role-groups';
import type { Role } from '@houqin/auth';

/** Who may be served and so asked: the agency's own people. */
const SURVEY_RESPONDENTS: readonly Role[] = ['staff', 'approver', ...AGENCY_OPERATORS];
/** Who reads individual surveys and their answers: those who run the surveys, and auditors. */
const SURVEY_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor'];

/** Who reads third-party assessments: those who run them, the evaluators (their own), auditors, supervisors. */
const ASSESSMENT_READERS: readonly Role[] = ['evaluator', 'auditor', 'supervisor', ...AGENCY_OPERATORS];
/** Drafts are the agency's working figures; published scorecards are read widely, a vendor its own. */
const SCORECARD_DRAFT_READERS: readonly Role[] = ['auditor', 'supervisor', ...AGENCY_OPERATORS];
const SCORECARD_READERS: readonly Role[] = [...AGENCY_READERS, 'vendor'];

/** The evaluation service's routes (绩效评价与监督), one section per capability. */
export const EVALUATION_POLICIES: readonly RoutePolicy[] = [
  // evaluation: the audit trail
  {
    method: 'GET',
    path: '/api/v1/evaluation/audit-trail',
    action: 'evaluation.audit-trail.read',
    roles: ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor', 'integrator'],
    scope: 'supervised-read',
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/audit-trail/verification',
    action: 'evaluation.audit-trail.read',
    roles: ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor', 'integrator'],
    scope: 'supervised-read',
  },

  // evaluation: KPIs (绩效指标)
  {
    method: 'GET',
    path: '/api/v1/evaluation/kpis/definitions',
    action: 'evaluation.kpis.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: 'the standards a vendor is measured against are open to its account',
  },
  { method: 'PUT', path: '/api/v1/evaluation/kpis/definitions/:serviceType', action: 'evaluation.kpis.define', roles: AGENCY_OPERATORS, scope: 'agency', note: 'every KPI of the service type once, whole weights summing to 100' },
  { method: 'DELETE', path: '/api/v1/evaluation/kpis/definitions/:serviceType', action: 'evaluation.kpis.define', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'GET',
    path: '/api/v1/evaluation/kpis/values',
    action: 'evaluation.kpis.read',
    roles: [...AGENCY_READERS, 'vendor'],
    scope: 'supervised-read',
    note: "a vendor account sees its own vendor's values only; another party answers 404",
  },
  { method: 'POST', path: '/api/v1/evaluation/kpis/recomputations', action: 'evaluation.kpis.recompute', roles: AGENCY_OPERATORS, scope: 'agency', note: 'recomputes a period from the audit trail and reports what differed' },

  // evaluation: satisfaction surveys (满意度调查) — the person served answers their own; operators run them; evaluators, auditors and supervisors read the rates
  {
    method: 'GET',
    path: '/api/v1/evaluation/surveys/pending',
    action: 'evaluation.surveys.answer',
    roles: SURVEY_RESPONDENTS,
    scope: 'agency',
    note: "the caller's own surveys still open to an answer",
  },
  {
    method: 'POST',
    path: '/api/v1/evaluation/surveys/:id/answer',
    action: 'evaluation.surveys.answer',
    roles: SURVEY_RESPONDENTS,
    scope: 'agency',
    note: 'the person served only, once; anyone else is told the survey does not exist (404)',
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/surveys/:id',
    action: 'evaluation.surveys.read',
    roles: [...SURVEY_RESPONDENTS, 'auditor'],
    scope: 'agency',
    note: "the person served, or the agency's operators and auditors (404 to anyone else)",
  },
  { method: 'GET', path: '/api/v1/evaluation/surveys', action: 'evaluation.surveys.read', roles: SURVEY_READERS, scope: 'agency', note: 'individual surveys and answers: operators and auditors' },
  {
    method: 'GET',
    path: '/api/v1/evaluation/surveys/response-rates',
    action: 'evaluation.survey-results.read',
    roles: ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor', 'integrator'],
    scope: 'supervised-read',
    note: 'aggregates per service type and party: no answer is shown',
  },
  { method: 'GET', path: '/api/v1/evaluation/surveys/sampling', action: 'evaluation.surveys.read', roles: SURVEY_READERS, scope: 'agency' },
  { method: 'PUT', path: '/api/v1/evaluation/surveys/sampling', action: 'evaluation.surveys.manage', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/survey-follow-ups', action: 'evaluation.survey-follow-ups.read', roles: SURVEY_READERS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/survey-follow-ups/:id', action: 'evaluation.survey-follow-ups.read', roles: SURVEY_READERS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/evaluation/survey-follow-ups/:id/close', action: 'evaluation.survey-follow-ups.close', roles: AGENCY_OPERATORS, scope: 'agency', note: '回访: closed once, with a note' },

  // evaluation: third-party assessments (第三方评估)
  { method: 'POST', path: '/api/v1/evaluation/evaluator-organisations', action: 'evaluation.evaluator-organisations.register', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/evaluator-organisations', action: 'evaluation.evaluator-organisations.read', roles: ASSESSMENT_READERS, scope: 'supervised-read', note: 'an evaluator sees only the organisation it acts for' },
  { method: 'GET', path: '/api/v1/evaluation/evaluator-organisations/:id', action: 'evaluation.evaluator-organisations.read', roles: ASSESSMENT_READERS, scope: 'supervised-read', note: 'an evaluator sees only the organisation it acts for' },
  { method: 'POST', path: '/api/v1/evaluation/evaluator-organisations/:id/engagements', action: 'evaluation.evaluator-organisations.engage', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'PUT', path: '/api/v1/evaluation/evaluator-organisations/:id/accounts', action: 'evaluation.evaluator-organisations.engage', roles: AGENCY_OPERATORS, scope: 'agency' },
  {
    method: 'POST',
    path: '/api/v1/evaluation/evaluator-organisations/:id/ties',
    action: 'evaluation.evaluator-organisations.declare-tie',
    roles: ['evaluator', ...AGENCY_OPERATORS],
    scope: 'agency',
    note: 'an evaluator declares ties only for the organisation it acts for',
  },
  { method: 'GET', path: '/api/v1/evaluation/assessments/criteria', action: 'evaluation.assessments.read', roles: ASSESSMENT_READERS, scope: 'supervised-read' },
  {
    method: 'POST',
    path: '/api/v1/evaluation/assessments',
    action: 'evaluation.assessments.write',
    roles: ['evaluator'],
    scope: 'agency',
    note: 'an account of an organisation the agency engages now, with no declared tie to the vendor (conflict of interest: 422)',
  },
  { method: 'GET', path: '/api/v1/evaluation/assessments', action: 'evaluation.assessments.read', roles: ASSESSMENT_READERS, scope: 'supervised-read', note: "an evaluator sees only its organisation's" },
  { method: 'GET', path: '/api/v1/evaluation/assessments/:id', action: 'evaluation.assessments.read', roles: ASSESSMENT_READERS, scope: 'supervised-read', note: "an evaluator sees only its organisation's" },
  { method: 'PATCH', path: '/api/v1/evaluation/assessments/:id', action: 'evaluation.assessments.write', roles: ['evaluator'], scope: 'agency', note: 'a draft of its organisation; submitted: 409' },
  { method: 'POST', path: '/api/v1/evaluation/assessments/:id/submit', action: 'evaluation.assessments.submit', roles: ['evaluator'], scope: 'agency', note: 'a draft of its organisation; locked once submitted' },

  // evaluation: scorecards (考核记分卡)
  { method: 'GET', path: '/api/v1/evaluation/scorecards/policies/:serviceType', action: 'evaluation.scorecards.read-policy', roles: ASSESSMENT_READERS, scope: 'supervised-read' },
  { method: 'PUT', path: '/api/v1/evaluation/scorecards/policies/:serviceType', action: 'evaluation.scorecards.set-policy', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/scorecards/drafts', action: 'evaluation.scorecards.read-drafts', roles: SCORECARD_DRAFT_READERS, scope: 'supervised-read' },
  { method: 'GET', path: '/api/v1/evaluation/scorecards/drafts/:party', action: 'evaluation.scorecards.read-drafts', roles: SCORECARD_DRAFT_READERS, scope: 'supervised-read' },
  { method: 'POST', path: '/api/v1/evaluation/scorecards', action: 'evaluation.scorecards.publish', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/scorecards', action: 'evaluation.scorecards.read', roles: SCORECARD_READERS, scope: 'supervised-read', note: 'a vendor sees only its own' },
  { method: 'GET', path: '/api/v1/evaluation/scorecards/:id', action: 'evaluation.scorecards.read', roles: SCORECARD_READERS, scope: 'supervised-read', note: 'a vendor sees only its own' },
  { method: 'GET', path: '/api/v1/evaluation/scorecards/:id/versions', action: 'evaluation.scorecards.read', roles: SCORECARD_READERS, scope: 'supervised-read', note: 'a vendor sees only its own' },
  { method: 'POST', path: '/api/v1/evaluation/scorecards/:id/corrections', action: 'evaluation.scorecards.publish', roles: AGENCY_OPERATORS, scope: 'agency', note: 'the current version; a new version with the reason' },

  // evaluation: reform-effect analytics (改革效果评估)
  {
    method: 'GET',
    path: '/api/v1/evaluation/analytics/reform-effect',
    action: 'evaluation.analytics.read',
    roles: ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor'],
    scope: 'supervised-read',
    note: 'a supervising body reads each agency it oversees (X-Agency-Id)',
  },
  {
    method: 'GET',
    path: '/api/v1/evaluation/analytics/reform-effect/export',
    action: 'evaluation.analytics.read',
    roles: ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor'],
    scope: 'supervised-read',
    note: 'CSV, UTF-8 with a byte-order mark',
  },
  ...['kpi-values', 'survey-response-rates'].map(
    (report): RoutePolicy => ({
      method: 'GET',
      path: `/api/v1/evaluation/analytics/exports/${report}`,
      action: 'evaluation.analytics.read',
      roles: ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor'],
      scope: 'supervised-read',
      note: 'CSV, UTF-8 with a byte-order mark, vendors named as registered',
    }),
  ),
  {
    method: 'GET',
    path: '/api/v1/evaluation/analytics/exports/scorecards',
    action: 'evaluation.scorecards.read-drafts',
    roles: SCORECARD_DRAFT_READERS,
    scope: 'supervised-read',
    note: 'the standings of the drafts as CSV: read by whoever reads the drafts',
  },

  // supervision and accountability (监督问责), one file per capability
  ...COMPLAINTS_POLICIES,
  ...VIOLATIONS_POLICIES,
  ...RECTIFICATIONS_POLICIES,
  ...SANCTIONS_POLICIES,
  ...INTERNAL_AUDIT_POLICIES,
  ...QUALIFICATIONS_POLICIES,
  ...ACCOUNTABILITY_POLICIES,
];
