import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';

/** Variables the procurement service reads beyond the kit's. */
export const procurementEnvironment = z.object({
  BID_SEALING_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .describe(
      'Key that seals tender bids at rest until their opening (AES-256-GCM); changing it while a tender has sealed bids makes them unopenable, so keep it for as long as any tender is unopened',
    ),
  CONTRACT_EXPIRY_SWEEP_MS: integerVariable(50, 86_400_000)
    .default(60_000)
    .describe('How often the procurement service marks signed contracts whose validTo has passed as expired and publishes contract.expired (once per contract, whatever the number of replicas)'),
  VENDOR_SUSPENSION_SWEEP_MS: integerVariable(50, 86_400_000)
    .default(60_000)
    .describe('How often the procurement service ends the vendor suspensions whose end has come and publishes vendor.reinstated (once per suspension, whatever the number of replicas)'),
});

export type ProcurementEnvironment = z.infer<typeof procurementEnvironment>;
