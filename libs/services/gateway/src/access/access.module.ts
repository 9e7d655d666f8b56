import { Global, Module } from '@nestjs/common';
import { ApiKeysService } from '../identity/api-keys/api-keys.service';
import { IdentityProvider } from '../identity/oidc/identity-provider';
import { TokenVersions } from '../identity/token-versions';
import { CallerAuthenticator } from './caller-authenticator';
import { GatewayAccessGuard } from './gateway-access.guard';

/** Authentication and the policy guard, for every gateway controller in whichever module it lives. */
@Global()
@Module({
  providers: [GatewayAccessGuard, CallerAuthenticator, ApiKeysService, TokenVersions, IdentityProvider],
  exports: [GatewayAccessGuard, CallerAuthenticator, ApiKeysService, TokenVersions, IdentityProvider],
})
export class AccessModule {}
