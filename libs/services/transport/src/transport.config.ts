import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';

/** Variables the transport service reads beyond the kit's. */
export const transportEnvironment = z.object({
  SERVICE_DUE_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the transport service looks for available vehicles whose scheduled service fell due by date (or by distance without a reading announcing it) and publishes vehicle.service-due (once per due occurrence, whatever the number of replicas); a service due by date is announced at most this long after its day begins (China Standard Time)',
    ),
});

export type TransportEnvironment = z.infer<typeof transportEnvironment>;
