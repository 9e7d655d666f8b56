import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';

/** Variables the transport service reads beyond the kit's. */
export const transportEnvironment = z.object({
  SERVICE_DUE_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the transport service looks for available vehicles whose scheduled service fell due by date (or by distance without a reading announcing it) and publishes vehicle.service-due (once per due occurrence, whatever the number of replicas); a service due by date is announced at most this long after its day begins (China Standard Time)',
    ),
  DOCUMENT_EXPIRY_SWEEP_INTERVAL_MS: integerVariable(50, 86_400_000)
    .default(3_600_000)
    .describe(
      "How often the transport service looks for vehicles' insurance and annual inspections and drivers' licences and health checks expiring within DOCUMENT_EXPIRY_WARNING_DAYS (or expired) and publishes fleet-document.expiring (once per document and expiry date, whatever the number of replicas)",
    ),
  RENTAL_RESPONSE_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      "How often the transport service looks for rental trips whose vendor has not confirmed within the transport contract's dispatch response time and publishes trip.rental-response-breached (once per trip, whatever the number of replicas); a breach is announced at most this long after its deadline",
    ),
  DOCUMENT_EXPIRY_WARNING_DAYS: integerVariable(0, 365)
    .default(30)
    .describe('How many days ahead of a fleet document’s expiry the transport service warns (fleet-document.expiring); from the day after expiry the vehicle or driver is not dispatched'),
});

export type TransportEnvironment = z.infer<typeof transportEnvironment>;
