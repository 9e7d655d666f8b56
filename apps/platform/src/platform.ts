import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { accessTokenIssuer } from '@houqin/auth';
import { DEMO_AGENCY_ID, DEMO_PEOPLE, seedDemo } from './demo-seed';
import { seedEvaluationHistory } from './demo-seed-evaluation';
import { cateringService } from '@houqin/catering';
import { evaluationService } from '@houqin/evaluation';
import { DEMO_ADMIN_USERNAME, DEMO_AGENCY, gatewayEnvironment, gatewayService } from '@houqin/gateway';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { createLogger } from '@houqin/observability';
import { EmbeddedPostgresHandle, EmbeddedPostgresStartError, ensureDatabase, startEmbeddedPostgres, withDatabase } from '@houqin/persistence';
import { procurementService } from '@houqin/procurement';
import { ConfigurationError, RunningService, ServiceDefinition, booleanVariable, loadConfig, startService } from '@houqin/service-kit';
import { transportService } from '@houqin/transport';
import { z } from 'zod';

/** The five business services, in the order they start (the gateway comes last). */
export const BUSINESS_SERVICES: ServiceDefinition[] = [procurementService, maintenanceService, cateringService, transportService, evaluationService];

/** The agency's identity provider, handed on to the gateway as it reads them (docs/operations.md). */
const IDENTITY_PROVIDER_VARIABLES = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL', 'OIDC_SUBJECT_CLAIM', 'OIDC_CONSOLE_CLIENT_ID', 'OIDC_CONSOLE_CLIENT_SECRET'] as const;

export const platformEnvironment = z.object({
  ...gatewayEnvironment.pick({ OIDC_ISSUER: true, OIDC_AUDIENCE: true, OIDC_JWKS_URL: true, OIDC_SUBJECT_CLAIM: true, OIDC_CONSOLE_CLIENT_ID: true, OIDC_CONSOLE_CLIENT_SECRET: true }).shape,
  HOUQIN_DATA_DIR: z.string().min(1).optional().describe('Where the embedded database and generated secrets live (default ./.houqin)'),
  HOUQIN_POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('Use this PostgreSQL server (one database per service) instead of the embedded one'),
  EMBEDDED_POSTGRES_PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe('Port of the embedded PostgreSQL; unset: a free port, taken anew at every start (the data does not depend on it). A port that is taken stops the start (exit 78)'),
  KAFKA_BROKERS: z.string().min(1).optional().describe('Use this Kafka instead of the in-process transport'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional().describe('Redis shared by the services; in-memory fallbacks when unset'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('Gateway port'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Gateway interface'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level of every service in the process'),
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('Gateway-to-service token secret; generated on first run and kept in <data dir>/secrets.json when unset'),
  ACCESS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('Access token secret; generated on first run and kept in <data dir>/secrets.json when unset'),
  WEBHOOK_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional().describe('Key encrypting webhook signing secrets at rest; generated on first run and kept in <data dir>/secrets.json when unset'),
  BID_SEALING_KEY: z.string().min(32, 'must be at least 32 characters').optional().describe('Key sealing tender bids at rest until their opening; generated on first run and kept in <data dir>/secrets.json when unset'),
  GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  GATEWAY_DEMO_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .optional()
    .describe("Password of 'demo-admin', the demo agency's agency admin the banner prints; generated on first run and kept in <data dir>/secrets.json when unset"),
  DEMO_DATA: booleanVariable
    .default(true)
    .describe(
      'Seed the demo agency on the first start: vendors with their permits, the year’s budgets, an approved requisition, an open tender with two sealed bids, a maintenance contract with repairs at every stage, and a year of evaluation history (past work replayed as events, surveys answered, scorecards published) and supervision at work (an upheld complaint and its violation, rectification notices, qualifications, an internal audit plan)',
    ),
});

export interface RunningPlatform {
  gatewayUrl: string;
  docsUrl: string;
  services: RunningService[];
  gateway: RunningService;
  demo: { agencyId: string; accessToken: string; admin: DemoAdminLogin };
  stop(): Promise<void>;
}

/** The demo agency's admin: may manage its users, API keys and webhooks and read its live stream. */
export interface DemoAdminLogin {
  agencyCode: string;
  username: string;
  password: string;
}

interface PlatformSecrets {
  internalTokenSecret: string;
  accessTokenSecret: string;
  webhookSecretKey: string;
  bidSealingKey: string;
  demoAdminPassword: string;
}

/** Secrets made on first run and kept beside the data, so tokens stay valid across restarts. */
function platformSecrets(dataDir: string, env: z.infer<typeof platformEnvironment>): PlatformSecrets {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<PlatformSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<PlatformSecrets>;
  const secrets: PlatformSecrets = {
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET ?? stored.internalTokenSecret ?? randomBytes(32).toString('hex'),
    accessTokenSecret: env.ACCESS_TOKEN_SECRET ?? stored.accessTokenSecret ?? randomBytes(32).toString('hex'),
    webhookSecretKey: env.WEBHOOK_SECRET_KEY ?? stored.webhookSecretKey ?? randomBytes(32).toString('hex'),
    bidSealingKey: env.BID_SEALING_KEY ?? stored.bidSealingKey ?? randomBytes(32).toString('hex'),
    demoAdminPassword: env.GATEWAY_DEMO_ADMIN_PASSWORD ?? stored.demoAdminPassword ?? randomBytes(12).toString('base64url'),
  };
  if (!existsSync(file)) {
    writeFileSync(file, JSON.stringify(secrets, null, 2));
    chmodSync(file, 0o600);
  } else if (!stored.webhookSecretKey || !stored.bidSealingKey || !stored.demoAdminPassword) {
    // A data dir from before webhooks or tenders gets the missing keys added: a key made anew at every
    // start would leave what it encrypted (signing secrets, sealed bids) unreadable after a restart.
    const added = { webhookSecretKey: secrets.webhookSecretKey, bidSealingKey: secrets.bidSealingKey, demoAdminPassword: stored.demoAdminPassword ?? secrets.demoAdminPassword };
    writeFileSync(file, JSON.stringify({ ...stored, ...added }, null, 2));
    chmodSync(file, 0o600);
  }
  return secrets;
}

/**
 * The single-process composition root: the same service modules as in distributed mode, in one
 * process, on embedded PostgreSQL (one database per service) and the in-process transport — or on
 * a real PostgreSQL server and Kafka when HOUQIN_POSTGRES_URL / KAFKA_BROKERS are set.
 */
export async function startPlatform(rawEnv: Record<string, string | undefined>): Promise<RunningPlatform> {
  const env = loadConfig('platform', platformEnvironment, rawEnv);
  const logger = createLogger('platform', env.LOG_LEVEL);
  const dataDir = path.resolve(env.HOUQIN_DATA_DIR ?? path.join(process.cwd(), '.houqin'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = platformSecrets(dataDir, env);

  let embedded: EmbeddedPostgresHandle | undefined;
  let serverUrl = env.HOUQIN_POSTGRES_URL;
  if (!serverUrl) {
    logger.info({ dataDir, port: env.EMBEDDED_POSTGRES_PORT ?? 'any free port' }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      ...(env.EMBEDDED_POSTGRES_PORT === undefined ? {} : { port: env.EMBEDDED_POSTGRES_PORT }),
      onLog: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
    }).catch((error: unknown) => {
      if (error instanceof EmbeddedPostgresStartError && error.portTaken && env.EMBEDDED_POSTGRES_PORT !== undefined) {
        const message = `${error.port} is taken (PostgreSQL: ${error.postgresMessage}); choose a free port, or unset it to take any free one`;
        throw new ConfigurationError('platform', [{ variable: 'EMBEDDED_POSTGRES_PORT', message }]);
      }
      throw error;
    });
    serverUrl = embedded.url;
  }

  const broker = env.KAFKA_BROKERS ? undefined : new InProcessBroker({ startOpen: false });
  const common: Record<string, string | undefined> = {
    INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
    LOG_LEVEL: env.LOG_LEVEL,
    REDIS_URL: env.REDIS_URL,
    MESSAGING_TRANSPORT: env.KAFKA_BROKERS ? 'kafka' : 'in-process',
    KAFKA_BROKERS: env.KAFKA_BROKERS,
    OUTBOX_POLL_INTERVAL_MS: '250',
    HOST: '127.0.0.1',
    PORT: '0',
  };

  const services: RunningService[] = [];
  const stopAll = async () => {
    // Publish what is pending while every consumer still runs — the gateway's too: it consumes every
    // event for webhooks and the live stream — so no service publishes into a consumer that is
    // already gone (whatever is left is delivered at the next start). The gateway then flushes its
    // own outbox into the services, which stop last.
    const gateway = services.find((service) => service.name === gatewayService.name);
    const business = services.filter((service) => service !== gateway);
    await Promise.all(
      business.map(async (service) => {
        await service.runtime.relay?.stop();
        await service.runtime.relay?.flush(5000);
      }),
    );
    await gateway?.shutdown().catch((error: unknown) => logger.error({ err: error }, 'gateway shutdown failed'));
    for (const service of [...business].reverse()) {
      await service.shutdown({ flushOutbox: false }).catch((error: unknown) => logger.error({ err: error, service: service.name }, 'shutdown failed'));
    }
    await embedded?.stop();
  };

  try {
    for (const definition of BUSINESS_SERVICES) {
      const variable = `${definition.name.toUpperCase()}_DATABASE_URL`;
      const databaseUrl = rawEnv[variable] ?? withDatabase(serverUrl, `houqin_${definition.name}`);
      await ensureDatabase(databaseUrl);
      const own = definition.name === 'procurement' ? { BID_SEALING_KEY: secrets.bidSealingKey } : {};
      services.push(await startService(definition, { env: { ...common, ...own, DATABASE_URL: databaseUrl }, ...(broker ? { broker } : {}) }));
    }
    const url = (name: string) => services.find((service) => service.name === name)!.url;
    const gatewayDatabaseUrl = rawEnv['GATEWAY_DATABASE_URL'] ?? withDatabase(serverUrl, 'houqin_gateway');
    await ensureDatabase(gatewayDatabaseUrl);
    const gateway = await startService(gatewayService, {
      ...(broker ? { broker } : {}),
      env: {
        ...common,
        DATABASE_URL: gatewayDatabaseUrl,
        HOST: env.HOST,
        PORT: String(env.PORT),
        ACCESS_TOKEN_SECRET: secrets.accessTokenSecret,
        WEBHOOK_SECRET_KEY: secrets.webhookSecretKey,
        GATEWAY_DEMO_ADMIN_PASSWORD: secrets.demoAdminPassword,
        ...(env.GATEWAY_BOOTSTRAP_ADMIN_PASSWORD ? { GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: env.GATEWAY_BOOTSTRAP_ADMIN_PASSWORD } : {}),
        ...Object.fromEntries(IDENTITY_PROVIDER_VARIABLES.flatMap((variable) => (env[variable] ? [[variable, env[variable]]] : []))),
        PROCUREMENT_URL: url('procurement'),
        MAINTENANCE_URL: url('maintenance'),
        CATERING_URL: url('catering'),
        TRANSPORT_URL: url('transport'),
        EVALUATION_URL: url('evaluation'),
      },
    });
    services.push(gateway);
    broker?.openForDelivery();

    const demoAgency = DEMO_AGENCY_ID;
    if (env.DEMO_DATA) {
      const seeding = accessTokenIssuer(secrets.accessTokenSecret, 600);
      try {
        const seeded = await seedDemo(gateway.url, (caller) => seeding.issue(caller), logger);
        // A year of evaluation history, replayed as events on the in-process bus (first start only).
        if (seeded === 'seeded' && broker) logger.info(await seedEvaluationHistory(gateway.url, (caller) => seeding.issue(caller), broker, DEMO_PEOPLE, logger), 'demo evaluation history seeded');
      } catch (error) {
        // The platform still serves; what is missing of the demo shows in the log.
        logger.error({ err: error }, 'demo data could not be seeded');
      }
    }
    const accessToken = accessTokenIssuer(secrets.accessTokenSecret, 12 * 3600).issue({
      agencyId: demoAgency,
      userId: 'demo-logistics-manager',
      roles: ['staff', 'logistics-manager'],
    });
    return {
      gatewayUrl: gateway.url,
      docsUrl: `${gateway.url}/docs`,
      services: services.filter((service) => service !== gateway),
      gateway,
      demo: { agencyId: demoAgency, accessToken, admin: { agencyCode: DEMO_AGENCY.code, username: DEMO_ADMIN_USERNAME, password: secrets.demoAdminPassword } },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
