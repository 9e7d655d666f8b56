import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';
import { parseAllowedTarget } from './integrations/domain/webhook-target';
import { consoleEnvironment } from './console/console.config';
import { integrationsEnvironment } from './integrations/integrations.config';
import { viewsEnvironment } from './views/views.config';

const serviceUrl = z.string().url('must be an http(s) URL').refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
const originList = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim().replace(/\/+$/, '')).filter(Boolean))
  .refine((origins) => origins.every((origin) => ORIGIN.test(origin)), 'must be a comma-separated list of origins like https://console.example.gov.cn (scheme, host and optional port; no path, no wildcard)');

const proxyList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .refine((entries) => entries.every((entry) => parseAllowedTarget(entry) !== undefined), 'must be a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.0/8');

/** Variables the gateway reads beyond the kit's. */
export const gatewayEnvironment = z.object({
  ACCESS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').describe('HS256 secret of the access tokens the gateway accepts from people'),
  PROCUREMENT_URL: serviceUrl.describe('Base URL of the procurement service'),
  MAINTENANCE_URL: serviceUrl.describe('Base URL of the maintenance service'),
  CATERING_URL: serviceUrl.describe('Base URL of the catering service'),
  TRANSPORT_URL: serviceUrl.describe('Base URL of the transport service'),
  EVALUATION_URL: serviceUrl.describe('Base URL of the evaluation service'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number({ message: 'must be a number' }).int().min(100).max(120000).default(10000).describe('Time a service has to answer a forwarded request, retries included'),
  UPSTREAM_RETRIES: integerVariable(0, 5)
    .default(2)
    .describe('Extra attempts for a forwarded request that found its service unreachable or answering 503; only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, and POST/PATCH with an Idempotency-Key)'),
  UPSTREAM_MAX_CONCURRENCY: integerVariable(1, 10000)
    .default(32)
    .describe('Forwarded requests in flight to one service from one gateway replica; more wait in its queue (load shedding)'),
  UPSTREAM_QUEUE_LIMIT: integerVariable(0, 100000)
    .default(64)
    .describe('Forwarded requests that may wait for a free slot of a service; beyond it a request is refused at once with 503 and Retry-After'),
  UPSTREAM_QUEUE_TIMEOUT_MS: integerVariable(10, 60000)
    .optional()
    .describe('Longest wait for a free slot of a service; a request still waiting then is refused with 503 and Retry-After. Default 1000, or half of UPSTREAM_TIMEOUT_MS when that is less; set, it must be at most half of UPSTREAM_TIMEOUT_MS'),
  CIRCUIT_FAILURE_THRESHOLD: integerVariable(1, 1000).default(5).describe('Consecutive failures (unreachable, timed out, 5xx) of a service that open its circuit: its routes then answer 503 at once'),
  CIRCUIT_OPEN_MS: integerVariable(100, 600000).default(10000).describe('How long an open circuit refuses calls before one probe request may test the service again'),
  METRICS_PORT: integerVariable(0, 65535)
    .optional()
    .describe("Port of the gateway's Prometheus /metrics, apart from the API port (where /metrics answers 404) so only Prometheus reaches it; unset or 0: a free port, logged at start"),
  RATE_LIMIT_PER_MINUTE: integerVariable(1, 1000000).default(600).describe('Requests per minute to /api/v1 per user (access token), API key, or IP address when unauthenticated; shared by the replicas through Redis'),
  RATE_LIMIT_BURST: integerVariable(1, 1000000).optional().describe('Requests a client may send at once before the per-minute rate applies (default: RATE_LIMIT_PER_MINUTE)'),
  LOGIN_RATE_LIMIT_PER_MINUTE: integerVariable(1, 1000000)
    .default(20)
    .describe('Sign-in attempts (POST /api/v1/auth/login and the identity provider code exchange POST /api/v1/auth/oidc, together) per minute per client address, on top of RATE_LIMIT_PER_MINUTE; shared by the replicas through Redis'),
  LOGIN_RATE_LIMIT_BURST: integerVariable(1, 1000000).default(10).describe('Login attempts a client address may send at once before LOGIN_RATE_LIMIT_PER_MINUTE applies'),
  TRUSTED_PROXIES: proxyList
    .optional()
    .describe(
      'Comma-separated addresses or CIDR ranges of the proxies in front of the gateway (the ingress controller) whose X-Forwarded-For names the client; the client address keys the per-address rate limits and login delays. Unset: the connecting address',
    ),
  GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .optional()
    .describe("Creates the first platform admin at start — user 'admin' of agency 'platform' with this password — when no platform admin exists yet; no effect afterwards"),
  GATEWAY_DEMO_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .optional()
    .describe(
      "For the demo launchers (npm start, npm run start:distributed, which set it): opens the demo agency (code 'demo') if missing and makes 'demo-admin' its agency admin with this password, set again at each start; leave unset in production",
    ),
  CORS_ORIGINS: originList.optional().describe('Comma-separated browser origins allowed to call the API cross-origin (without credentials); unset: CORS off'),
  OIDC_ISSUER: serviceUrl
    .optional()
    .describe("Issuer (iss) of the agency's OpenID Connect identity provider whose tokens are accepted, verified against its JWKS; unset: only the gateway's own logins and API keys"),
  OIDC_AUDIENCE: z.string().min(1).default('houqin-api').describe('Audience (aud) the identity provider puts in tokens meant for this platform'),
  OIDC_JWKS_URL: serviceUrl.optional().describe("The provider's JWKS; default: the jwks_uri of OIDC_ISSUER's /.well-known/openid-configuration"),
  OIDC_SUBJECT_CLAIM: z.string().min(1).default('sub').describe('Claim of the provider token naming the person; matched to a user’s externalSubject'),
  OIDC_CONSOLE_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe("The web console's client id at the identity provider (OIDC_ISSUER required): the login page offers signing in there (authorization code + PKCE, the code exchanged by the gateway); unset: password login only"),
  OIDC_CONSOLE_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe("The console client's secret, when the provider registered it as a confidential client (sent with HTTP Basic to the token endpoint); unset: a public client (PKCE only)"),
  ...integrationsEnvironment.shape,
  ...viewsEnvironment.shape,
  ...consoleEnvironment.shape,
});

export type GatewayEnvironment = z.infer<typeof gatewayEnvironment>;
