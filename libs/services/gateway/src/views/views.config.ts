import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';

/** Variables of the aggregated views (dashboard, vendor 360, supervision comparison). */
export const viewsEnvironment = z.object({
  VIEW_SECTION_TIMEOUT_MS: integerVariable(100, 120000)
    .default(3000)
    .describe(
      "Time one section of an aggregated view (one service's figures for one agency) has to arrive; capped by UPSTREAM_TIMEOUT_MS. Sections are asked in parallel, so a view answers within about this time; a late section is marked unavailable (timed-out) and the view answers without it",
    ),
  VIEW_COMPARISON_MAX_AGENCIES: integerVariable(1, 200)
    .default(20)
    .describe('Most agencies one supervision comparison covers (each costs one call per service); a supervisor of more agencies names the ones to compare with agencyIds'),
});
