import { Module } from '@nestjs/common';
import { ServiceDefinition } from '@houqin/service-kit';
import { gatewayEnvironment } from './gateway.config';
import { AccessTokenGuard } from './identity/access-token.guard';
import { ServiceProxyController } from './routing/service-proxy.controller';

@Module({ controllers: [ServiceProxyController], providers: [AccessTokenGuard] })
export class GatewayModule {}

export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  title: 'Houqin API gateway',
  description: 'The only door to the platform: authenticates people and integrators and routes /api/v1/<service>/… to the owning service.',
  module: GatewayModule,
  apiAuthentication: 'access-token',
  environment: gatewayEnvironment,
};
