import { z } from 'zod';

const serviceUrl = z.string().url('must be an http(s) URL').refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

/** Variables the gateway reads beyond the kit's. */
export const gatewayEnvironment = z.object({
  ACCESS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').describe('HS256 secret of the access tokens the gateway accepts from people'),
  PROCUREMENT_URL: serviceUrl.describe('Base URL of the procurement service'),
  MAINTENANCE_URL: serviceUrl.describe('Base URL of the maintenance service'),
  CATERING_URL: serviceUrl.describe('Base URL of the catering service'),
  TRANSPORT_URL: serviceUrl.describe('Base URL of the transport service'),
  EVALUATION_URL: serviceUrl.describe('Base URL of the evaluation service'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100).max(120000).default(10000).describe('Time a service has to answer a forwarded request'),
});

export type GatewayEnvironment = z.infer<typeof gatewayEnvironment>;
