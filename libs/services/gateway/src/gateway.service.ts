import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ServiceMetrics } from '@houqin/observability';
import { ServiceDefinition } from '@houqin/service-kit';
import { HttpEdge } from './edge/http-edge';
import { gatewayEnvironment } from './gateway.config';
import { GatewayMetrics } from './gateway-metrics';
import { AccessTokenGuard } from './identity/access-token.guard';
import { RateLimitMiddleware, rateLimiterProvider } from './routing/rate-limit.middleware';
import { ServiceProxyController } from './routing/service-proxy.controller';
import { UpstreamClient } from './routing/upstream-client';

@Module({
  controllers: [ServiceProxyController],
  providers: [
    AccessTokenGuard,
    HttpEdge,
    { provide: GatewayMetrics, inject: [ServiceMetrics], useFactory: (metrics: ServiceMetrics) => new GatewayMetrics(metrics) },
    UpstreamClient,
    rateLimiterProvider,
  ],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The API only: probes, metrics and the docs are never limited.
    consumer.apply(RateLimitMiddleware).forRoutes({ path: 'api/v1{/*path}', method: RequestMethod.ALL });
  }
}

export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  title: 'Houqin API gateway',
  description: 'The only door to the platform: authenticates people and integrators and routes /api/v1/<service>/… to the owning service.',
  module: GatewayModule,
  apiAuthentication: 'access-token',
  environment: gatewayEnvironment,
};
