import type { Role } from '@houqin/auth';
import { PLATFORM_POLICIES } from './platform-policies';

/*
 * Who may read evaluation's working figures, written out by hand from the business: a scorecard's
 * draft (and the standings built from drafts, in any form) is the agency's working figure — its
 * operators, the auditor and the supervising body read it; the third-party evaluator, staff and
 * vendors see published scorecards only. Reform-effect analytics are the agency's management
 * figures: operators, evaluators, auditors and supervisors, never staff, vendors or integrators.
 */
const DRAFT_READERS: Role[] = ['agency-admin', 'logistics-manager', 'auditor', 'supervisor'];
const ANALYTICS_READERS: Role[] = ['agency-admin', 'logistics-manager', 'evaluator', 'auditor', 'supervisor'];

const WHO_MAY_READ: Record<string, readonly Role[]> = {
  'GET /api/v1/evaluation/scorecards/drafts': DRAFT_READERS,
  'GET /api/v1/evaluation/scorecards/drafts/:party': DRAFT_READERS,
  'GET /api/v1/evaluation/analytics/exports/scorecards': DRAFT_READERS,
  'GET /api/v1/evaluation/analytics/reform-effect': ANALYTICS_READERS,
  'GET /api/v1/evaluation/analytics/reform-effect/export': ANALYTICS_READERS,
  'GET /api/v1/evaluation/analytics/exports/kpi-values': ANALYTICS_READERS,
  'GET /api/v1/evaluation/analytics/exports/survey-response-rates': ANALYTICS_READERS,
};

describe("who may read evaluation's working figures (written out by hand)", () => {
  it.each(Object.entries(WHO_MAY_READ))('%s', (route, expected) => {
    const [method, path] = route.split(' ');
    const policy = PLATFORM_POLICIES.find((candidate) => candidate.method === method && candidate.path === path);
    expect(policy).toBeDefined();
    expect([...(policy?.roles ?? [])].sort()).toEqual([...expected].sort());
  });
});
