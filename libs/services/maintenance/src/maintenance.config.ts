import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';

/** Variables the maintenance service reads beyond the kit's. */
export const maintenanceEnvironment = z.object({
  SLA_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(10_000)
    .describe(
      'How often the maintenance service looks for SLA clocks whose at-risk instant or deadline has passed and publishes sla.at-risk and sla.breached (once per clock, whatever the number of replicas); a warning or breach goes out at most this long after it falls due',
    ),
  SLA_AT_RISK_PERCENT: integerVariable(1, 99)
    .default(80)
    .describe('Share of an SLA target, in percent, after which a running clock is at risk and escalated to the logistics manager; applies to clocks started after a change'),
  PREVENTIVE_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the maintenance service looks for preventive plans that fell due (due date less the lead time reached, or a meter threshold reached) and raises their work orders (once per occurrence, whatever the number of replicas); a work order is raised at most this long after it falls due',
    ),
});

export type MaintenanceEnvironment = z.infer<typeof maintenanceEnvironment>;
