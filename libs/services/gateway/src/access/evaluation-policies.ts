import type { RoutePolicy } from './route-policy';
import { AGENCY_OPERATORS } from './role-groups';
import type { Role } from '@houqin/auth';

/** Who may be served and so asked: the agency's own people. */
const SURVEY_RESPONDENTS: readonly Role[] = ['staff', 'approver', ...AGENCY_OPERATORS];
/** Who reads individual surveys and their answers: those who run the surveys, and auditors. */
const SURVEY_READERS: readonly Role[] = [...AGENCY_OPERATORS, 'auditor'];

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
  { method: 'PUT', path: '/api/v1/evaluation/surveys/sampling/:serviceType', action: 'evaluation.surveys.manage', roles: AGENCY_OPERATORS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/survey-follow-ups', action: 'evaluation.survey-follow-ups.read', roles: SURVEY_READERS, scope: 'agency' },
  { method: 'GET', path: '/api/v1/evaluation/survey-follow-ups/:id', action: 'evaluation.survey-follow-ups.read', roles: SURVEY_READERS, scope: 'agency' },
  { method: 'POST', path: '/api/v1/evaluation/survey-follow-ups/:id/close', action: 'evaluation.survey-follow-ups.close', roles: AGENCY_OPERATORS, scope: 'agency', note: '回访: closed once, with a note' },

  // evaluation: third-party assessments (第三方评估)

  // evaluation: scorecards (考核记分卡)

  // evaluation: reform-effect analytics (改革效果评估)
];
