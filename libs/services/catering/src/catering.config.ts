import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';

/** Variables the catering service reads beyond the kit's. */
export const cateringEnvironment = z.object({
  MEAL_SUBSIDY_SWEEP_INTERVAL_MS: integerVariable(50, 86_400_000)
    .default(3_600_000)
    .describe(
      "How often the catering service credits the month's meal subsidies (餐补) to the accounts not yet credited for the current month (China Standard Time) under their agency's rule for their staff category; each account is credited once a month, whatever the number of replicas",
    ),
  NO_SHOW_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe('How often the catering service marks booked meals whose serving window has ended as no-shows (once per booking, whatever the number of replicas)'),
});

export type CateringEnvironment = z.infer<typeof cateringEnvironment>;
