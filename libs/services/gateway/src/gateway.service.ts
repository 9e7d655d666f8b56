import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceMetrics } from '@houqin/observability';
import { ServiceDefinition } from '@houqin/service-kit';
import { HttpEdge } from './edge/http-edge';
import { GatewayEnvironment, gatewayEnvironment } from './gateway.config';
import { identityProviderProblems } from './identity/oidc/identity-provider';
import { queueDeadline } from './routing/domain/queue-deadline';
import { GatewayMetrics, GatewayMetricsServer, MetricsNotOnApiPort } from './gateway-metrics';
import { AccessModule } from './access/access.module';
import { ApiKeysController } from './identity/api-keys/api-keys.controller';
import { AuthController } from './identity/auth.controller';
import { AuthService } from './identity/auth.service';
import { LoginSessionsRepository } from './identity/login-sessions.repository';
import { OidcSignIn } from './identity/oidc/oidc-sign-in';
import { LoginThrottle } from './identity/login-throttle';
import { BootstrapAdmin } from './identity/bootstrap-admin';
import { IdentityController } from './identity/identity.controller';
import { IDENTITY_ENTITIES } from './identity/identity.entities';
import { IdentityService } from './identity/identity.service';
import { RegisteredVendorRecord, RegisteredVendorsHandlers } from './identity/registered-vendors';
import { Identity1764300000000 } from './migrations/1764300000000-identity';
import { Access1764350000000 } from './migrations/1764350000000-access';
import { RegisteredVendors1764450000000 } from './migrations/1764450000000-registered-vendors';
import { AgencyEventPositions1764480000000 } from './migrations/1764480000000-agency-event-positions';
import { LoginSessions1764500000000 } from './migrations/1764500000000-login-sessions';
import { RateLimitMiddleware, TrustedProxies, loginRateLimiterProvider, rateLimiterProvider } from './routing/rate-limit.middleware';
import { PlatformDocsModule } from './platform-docs/platform-docs.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { INTEGRATION_ENTITIES } from './integrations/integrations.entities';
import { Integrations1764400000000 } from './migrations/1764400000000-integrations';
import { VIEWS_CONTROLLERS, VIEWS_PROVIDERS, ViewsModule } from './views/views.module';
import { ServiceProxyController } from './routing/service-proxy.controller';
import { ConsoleModule } from './console/console.module';
import { UpstreamClient } from './routing/upstream-client';

@Module({
  imports: [AccessModule, PlatformDocsModule, IntegrationsModule, ViewsModule, ConsoleModule],
  // Order matters: Express matches routes in registration order, and the proxy's /api/v1/:service
  // would otherwise take /api/v1/identity/… and /api/v1/auth/… (and answer 404: no such service).
  controllers: [AuthController, IdentityController, ApiKeysController, ServiceProxyController, ...VIEWS_CONTROLLERS, RegisteredVendorsHandlers],
  providers: [
    IdentityService,
    AuthService,
    LoginSessionsRepository,
    OidcSignIn,
    LoginThrottle,
    BootstrapAdmin,
    HttpEdge,
    { provide: GatewayMetrics, inject: [ServiceMetrics], useFactory: (metrics: ServiceMetrics) => new GatewayMetrics(metrics) },
    GatewayMetricsServer,
    UpstreamClient,
    rateLimiterProvider,
    loginRateLimiterProvider,
    TrustedProxies,
    ...VIEWS_PROVIDERS,
  ],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The API only: probes, metrics and the docs are never limited.
    consumer.apply(RateLimitMiddleware).forRoutes({ path: 'api/v1{/*path}', method: RequestMethod.ALL });
    consumer.apply(MetricsNotOnApiPort).forRoutes({ path: 'metrics', method: RequestMethod.ALL });
  }
}

export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  title: 'Houqin API gateway',
  description: 'The only door to the platform: owns agencies, departments and users, logs people in, authenticates people and integrators and routes /api/v1/<service>/… to the owning service.',
  module: GatewayModule,
  apiAuthentication: 'access-token',
  // Keys travel on to the service that owns the state; the gateway neither replays proxied answers nor caches logins.
  idempotencyKeys: false,
  environment: gatewayEnvironment,
  // Checked before anything starts, so a bad combination never half-starts the gateway.
  checkEnvironment: (config) => {
    const gateway = config as GatewayEnvironment;
    const queue = queueDeadline(gateway.UPSTREAM_QUEUE_TIMEOUT_MS, gateway.UPSTREAM_TIMEOUT_MS);
    return [...identityProviderProblems(gateway), ...('problem' in queue ? [{ variable: 'UPSTREAM_QUEUE_TIMEOUT_MS', message: queue.problem }] : [])];
  },
  persistence: {
    entities: [...IDENTITY_ENTITIES, RegisteredVendorRecord, ...INTEGRATION_ENTITIES],
    migrations: [MessagingTables1764201600000, Identity1764300000000, Access1764350000000, Integrations1764400000000, RegisteredVendors1764450000000, AgencyEventPositions1764480000000, LoginSessions1764500000000],
  },
};
