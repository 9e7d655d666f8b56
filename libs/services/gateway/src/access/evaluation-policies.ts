import type { RoutePolicy } from './route-policy';

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

  // evaluation: satisfaction surveys (满意度调查)

  // evaluation: third-party assessments (第三方评估)

  // evaluation: scorecards (考核记分卡)

  // evaluation: reform-effect analytics (改革效果评估)
];
