import { randomBytes } from 'node:crypto';

/** What start:distributed hands its processes: the given secrets, or random ones for this run. */
export interface DistributedSecrets {
  internalTokenSecret: string;
  accessTokenSecret: string;
  /** Set WEBHOOK_SECRET_KEY to keep the webhooks' signing secrets readable from one run to the next. */
  webhookSecretKey: string;
  /** Set BID_SEALING_KEY to keep sealed tender bids openable from one run to the next. */
  bidSealingKey: string;
  /** The demo agency's admin: the gateway sets it again at every start (a new one unless given). */
  demoAdminPassword: string;
  /** The platform admin `admin`, created once when given. */
  bootstrapAdminPassword?: string;
}

export function distributedSecrets(env: Record<string, string | undefined>): DistributedSecrets {
  const random = (bytes: number) => randomBytes(bytes).toString('hex');
  const bootstrapAdminPassword = env['GATEWAY_BOOTSTRAP_ADMIN_PASSWORD'];
  return {
    internalTokenSecret: env['INTERNAL_TOKEN_SECRET'] ?? random(32),
    accessTokenSecret: env['ACCESS_TOKEN_SECRET'] ?? random(32),
    webhookSecretKey: env['WEBHOOK_SECRET_KEY'] ?? random(32),
    bidSealingKey: env['BID_SEALING_KEY'] ?? random(32),
    demoAdminPassword: env['GATEWAY_DEMO_ADMIN_PASSWORD'] ?? randomBytes(12).toString('base64url'),
    ...(bootstrapAdminPassword ? { bootstrapAdminPassword } : {}),
  };
}

/** The gateway's own variables (beyond the shared ones, its database, Kafka and the services' URLs). */
export function gatewaySecretsEnvironment(secrets: DistributedSecrets): Record<string, string> {
  return {
    ACCESS_TOKEN_SECRET: secrets.accessTokenSecret,
    WEBHOOK_SECRET_KEY: secrets.webhookSecretKey,
    GATEWAY_DEMO_ADMIN_PASSWORD: secrets.demoAdminPassword,
    ...(secrets.bootstrapAdminPassword ? { GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: secrets.bootstrapAdminPassword } : {}),
  };
}
