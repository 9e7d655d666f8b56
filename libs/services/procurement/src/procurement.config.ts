import { z } from 'zod';

/** Variables the procurement service reads beyond the kit's. */
export const procurementEnvironment = z.object({
  BID_SEALING_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .describe(
      'Key that seals tender bids at rest until their opening (AES-256-GCM); changing it while a tender has sealed bids makes them unopenable, so keep it for as long as any tender is unopened',
    ),
});

export type ProcurementEnvironment = z.infer<typeof procurementEnvironment>;
