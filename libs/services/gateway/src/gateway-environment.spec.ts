import { loadServiceDefinitionConfig } from '@houqin/service-kit';
import { gatewayService } from './gateway.service';

/** What a gateway needs to start; each case adds what it is about. */
const env = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/houqin_gateway',
  INTERNAL_TOKEN_SECRET: 'internal-token-secret-0123456789abcdef',
  ACCESS_TOKEN_SECRET: 'access-token-secret-0123456789abcdef0123',
  WEBHOOK_SECRET_KEY: 'webhook-secret-key-0123456789abcdef0123',
  KAFKA_BROKERS: '127.0.0.1:9092',
  PROCUREMENT_URL: 'http://127.0.0.1:3001',
  MAINTENANCE_URL: 'http://127.0.0.1:3002',
  CATERING_URL: 'http://127.0.0.1:3003',
  TRANSPORT_URL: 'http://127.0.0.1:3004',
  EVALUATION_URL: 'http://127.0.0.1:3005',
};

describe("the gateway's environment, checked before anything starts", () => {
  it('accepts the defaults', () => {
    expect(() => loadServiceDefinitionConfig(gatewayService, env)).not.toThrow();
  });

  it('refuses a console client without its identity provider, naming the variable', () => {
    expect(() => loadServiceDefinitionConfig(gatewayService, { ...env, OIDC_CONSOLE_CLIENT_ID: 'houqin-console' })).toThrow(/OIDC_CONSOLE_CLIENT_ID needs OIDC_ISSUER/);
  });

  it('refuses a queue deadline set over half the upstream deadline, naming the variable', () => {
    expect(() => loadServiceDefinitionConfig(gatewayService, { ...env, UPSTREAM_TIMEOUT_MS: '5000', UPSTREAM_QUEUE_TIMEOUT_MS: '4900' })).toThrow(/UPSTREAM_QUEUE_TIMEOUT_MS must be at most half/);
  });
});
