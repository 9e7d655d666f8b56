import { Inject, Injectable } from '@nestjs/common';
import { ConfigurationError, SERVICE_CONFIG } from '@houqin/service-kit';
import { GatewayEnvironment } from '../../gateway.config';
import { OidcVerifier } from './oidc-verifier';

/** The console's registration at the provider: what the login page and the code exchange need. */
export interface ConsoleClient {
  id: string;
  secret?: string;
  /** Scopes the console asks for: an id token is all it needs. */
  scope: string;
}

/** The console's client needs a provider, and a secret needs its client: checked before the gateway starts. */
export function identityProviderProblems(config: Pick<GatewayEnvironment, 'OIDC_ISSUER' | 'OIDC_CONSOLE_CLIENT_ID' | 'OIDC_CONSOLE_CLIENT_SECRET'>): Array<{ variable: string; message: string }> {
  const problems: Array<{ variable: string; message: string }> = [];
  if (config.OIDC_CONSOLE_CLIENT_ID && !config.OIDC_ISSUER) problems.push({ variable: 'OIDC_CONSOLE_CLIENT_ID', message: 'needs OIDC_ISSUER (the provider the console signs in with)' });
  if (config.OIDC_CONSOLE_CLIENT_SECRET && !config.OIDC_CONSOLE_CLIENT_ID) problems.push({ variable: 'OIDC_CONSOLE_CLIENT_SECRET', message: 'needs OIDC_CONSOLE_CLIENT_ID (the client it is the secret of)' });
  return problems;
}

/**
 * The agency's OpenID Connect identity provider, when one is configured: one verifier (one key
 * set, one discovery document) for the bearer tokens the gateway accepts and for the id tokens of
 * the console's sign-in, and the console's client registration. Checked at start.
 */
@Injectable()
export class IdentityProvider {
  readonly verifier: OidcVerifier | undefined;
  readonly consoleClient: ConsoleClient | undefined;

  constructor(@Inject(SERVICE_CONFIG) config: GatewayEnvironment) {
    const problems = identityProviderProblems(config);
    if (problems.length > 0) throw new ConfigurationError('gateway', problems);
    this.verifier = config.OIDC_ISSUER
      ? new OidcVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, subjectClaim: config.OIDC_SUBJECT_CLAIM, ...(config.OIDC_JWKS_URL ? { jwksUrl: config.OIDC_JWKS_URL } : {}) })
      : undefined;
    this.consoleClient =
      config.OIDC_ISSUER && config.OIDC_CONSOLE_CLIENT_ID
        ? { id: config.OIDC_CONSOLE_CLIENT_ID, ...(config.OIDC_CONSOLE_CLIENT_SECRET ? { secret: config.OIDC_CONSOLE_CLIENT_SECRET } : {}), scope: 'openid' }
        : undefined;
  }
}
