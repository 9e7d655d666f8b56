import { DynamicModule, Global, INestApplication, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EventCatalog, platformEvents } from '@houqin/contracts';
import { InternalTokenVerifier } from '@houqin/auth';
import {
  EventDispatcher,
  EventTransport,
  HouqinEventServer,
  InProcessBroker,
  InProcessEventServer,
  InProcessEventTransport,
  KafkaConnection,
  KafkaEventServer,
  KafkaEventTransport,
  Outbox,
  OutboxRelay,
} from '@houqin/messaging';
import { PinoNestLogger, ServiceMetrics, createLogger } from '@houqin/observability';
import { serviceDataSourceOptions } from '@houqin/persistence';
import { ConfigurationError, CoreEnvironment, ServiceEnvironment, checkServiceConfig, coreEnvironment, loadConfig, serviceEnvironment } from '../config/service-config';
import { HealthController } from '../health/health.controller';
import { MetricsController } from '../health/metrics.controller';
import { IDEMPOTENCY_STORE, IdempotencyInterceptor, idempotencyStoreFor } from '../http/idempotency';
import { InternalAuthGuard } from '../http/internal-auth.guard';
import { ProblemDetailsFilter, sendProblem, toProblem } from '../http/problem-details';
import { jsonBodyMiddleware } from '../http/json-body';
import { documentQueryParameters } from '../http/openapi-query-parameters';
import { queryParametersMiddleware, requestContextMiddleware } from '../http/request-middleware';
import { PathParameterPipe, createValidationPipe } from '../http/validation';
import { Clock, systemClock } from '@houqin/domain';
import { CLOCK, EVENT_TRANSPORT, SERVICE_CONFIG, SERVICE_DEFINITION, SERVICE_LOGGER } from '../tokens';
import { MessagingRuntime } from './messaging-runtime';
import { REDIS_CLIENT, createRedis } from './redis';
import { ServiceDefinition } from './service-definition';

export interface StartServiceOptions {
  env: Record<string, string | undefined>;
  /** The bus shared by services of one process; required when MESSAGING_TRANSPORT=in-process. */
  broker?: InProcessBroker;
  /** The time the service's use cases read (CLOCK); the system clock unless a test sets one. */
  clock?: Clock;
}

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly app: INestApplication;
  readonly config: CoreEnvironment & Partial<ServiceEnvironment> & Record<string, unknown>;
  readonly logger: Logger;
  readonly runtime: MessagingRuntime;
  /** Stop HTTP, pause consumers, finish in-flight handlers, flush the outbox, close the database last. */
  shutdown(options?: { flushOutbox?: boolean }): Promise<void>;
}

@Global()
@Module({})
class ServiceKitModule {}

@Module({})
class ServiceRootModule {}

function kafkaConnection(name: string, config: ServiceEnvironment): KafkaConnection {
  return {
    brokers: config.KAFKA_BROKERS ?? [],
    clientId: config.KAFKA_CLIENT_ID ?? `houqin-${name}`,
    topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    ssl: config.KAFKA_SSL,
    ...(config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? { sasl: { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME, password: config.KAFKA_SASL_PASSWORD } }
      : {}),
  };
}

/** Validates the environment of a service definition; throws ConfigurationError naming bad variables. */
export function loadServiceDefinitionConfig(definition: ServiceDefinition, env: Record<string, string | undefined>): RunningService['config'] {
  const base = definition.persistence ? serviceEnvironment : coreEnvironment;
  const schema = definition.environment ? base.extend(definition.environment.shape) : base;
  const config = loadConfig(definition.name, schema, env) as RunningService['config'];
  if (definition.persistence) checkServiceConfig(definition.name, config as ServiceEnvironment);
  const problems = definition.checkEnvironment?.(config as Record<string, unknown>) ?? [];
  if (problems.length > 0) throw new ConfigurationError(definition.name, problems);
  return config;
}

/**
 * The one way every Houqin service starts, in its own process or beside the others in the
 * single-process platform: validated config, JSON logs, metrics, problem+json errors, internal-token
 * authentication, OpenAPI, health probes, its database with migrations, outbox relay and event
 * consumer, and an ordered graceful shutdown.
 */
export async function startService(definition: ServiceDefinition, options: StartServiceOptions): Promise<RunningService> {
  const config = loadServiceDefinitionConfig(definition, options.env);
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const metrics = new ServiceMetrics(definition.name, { messaging: Boolean(definition.persistence) });
  const catalog: EventCatalog = definition.catalog ?? platformEvents;
  const runtime = new MessagingRuntime();
  const redis = createRedis(config.REDIS_URL, logger);
  const dataConfig = definition.persistence ? (config as ServiceEnvironment) : undefined;

  let transport: EventTransport | undefined;
  if (dataConfig) {
    if (dataConfig.MESSAGING_TRANSPORT === 'kafka') {
      const producedTopics = catalog.contracts.filter((c) => c.service === definition.name).map((c) => c.topic);
      transport = new KafkaEventTransport(kafkaConnection(definition.name, dataConfig), logger, [...new Set(producedTopics)]);
    } else {
      if (!options.broker) throw new Error(`${definition.name}: MESSAGING_TRANSPORT=in-process needs the process's broker`);
      transport = new InProcessEventTransport(options.broker);
    }
    runtime.transport = transport;
  }

  const kitProviders: Provider[] = [
    { provide: SERVICE_CONFIG, useValue: config },
    { provide: SERVICE_LOGGER, useValue: logger },
    { provide: SERVICE_DEFINITION, useValue: definition },
    { provide: CLOCK, useValue: options.clock ?? systemClock },
    { provide: ServiceMetrics, useValue: metrics },
    { provide: EventCatalog, useValue: catalog },
    { provide: MessagingRuntime, useValue: runtime },
    { provide: REDIS_CLIENT, useValue: redis },
    { provide: EVENT_TRANSPORT, useValue: transport ?? null },
    { provide: Outbox, useValue: new Outbox(catalog) },
    { provide: InternalTokenVerifier, useValue: new InternalTokenVerifier(config.INTERNAL_TOKEN_SECRET) },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: InternalAuthGuard },
    // Idempotency keys belong to the service that owns the state: the gateway forwards them.
    ...((definition.idempotencyKeys ?? Boolean(definition.persistence))
      ? [
          { provide: IDEMPOTENCY_STORE, useValue: idempotencyStoreFor(redis) },
          { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        ]
      : []),
  ];
  const kit: DynamicModule = {
    module: ServiceKitModule,
    global: true,
    imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' })],
    controllers: [HealthController, MetricsController],
    providers: kitProviders,
    exports: kitProviders.map((provider) => (provider as { provide: unknown }).provide).filter((token) => token !== APP_FILTER && token !== APP_GUARD && token !== APP_INTERCEPTOR) as Array<string | symbol>,
  };
  const imports: DynamicModule['imports'] = [kit];
  if (dataConfig && definition.persistence) {
    imports.push(
      TypeOrmModule.forRoot({
        ...serviceDataSourceOptions({
          service: definition.name,
          url: dataConfig.DATABASE_URL,
          entities: definition.persistence.entities,
          migrations: definition.persistence.migrations,
          runMigrations: dataConfig.RUN_MIGRATIONS,
          poolSize: dataConfig.DATABASE_POOL_SIZE,
          logger,
        }),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    );
  }
  imports.push(definition.module);

  const app = await NestFactory.create<NestExpressApplication>({ module: ServiceRootModule, imports }, { logger: new PinoNestLogger(logger), abortOnError: false, bodyParser: false });
  app.use(requestContextMiddleware(logger, metrics));
  // Input refused at the edge, for every route (docs/architecture.md, "Bad input"): array-valued or
  // control-character query parameters; bodies too deep, with U+0000 or prototype keys.
  app.set('query parser', 'simple');
  app.use(queryParametersMiddleware());
  app.useBodyParser('text', { limit: config.HTTP_BODY_LIMIT, type: 'application/json' });
  app.use(jsonBodyMiddleware());
  app.useGlobalPipes(new PathParameterPipe(), createValidationPipe());
  app.getHttpAdapter().getInstance().disable('x-powered-by');

  documentQueryParameters(app);
  const auth = definition.apiAuthentication ?? 'internal-token';
  // Built on the first request for it, not at start: the scan and the document cost memory (several
  // MB in the larger services) that a process serving commands and events never needs.
  const document = () => SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(definition.title)
      .setDescription(definition.description)
      .setVersion(process.env['npm_package_version'] ?? '0.1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: auth === 'access-token' ? 'Access token of a person or integrator' : 'Internal token signed by the gateway',
        },
        auth,
      )
      .addSecurityRequirements(auth)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });

  let server: HouqinEventServer | undefined;
  let relay: OutboxRelay | undefined;
  if (dataConfig && transport) {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const consumerGroup = dataConfig.KAFKA_CONSUMER_GROUP ?? definition.name;
    const dispatcher = new EventDispatcher(
      consumerGroup,
      catalog,
      dataSource,
      { maxAttempts: dataConfig.EVENT_MAX_ATTEMPTS, backoffMs: dataConfig.EVENT_RETRY_BACKOFF_MS, maxBackoffMs: 30_000 },
      logger,
      metrics,
    );
    server =
      transport instanceof KafkaEventTransport
        ? new KafkaEventServer(
            kafkaConnection(definition.name, dataConfig),
            {
              consumerGroup,
              partitionsConsumedConcurrently: dataConfig.KAFKA_CONSUMER_CONCURRENCY,
              sessionTimeoutMs: dataConfig.KAFKA_SESSION_TIMEOUT_MS,
              batchSize: dataConfig.EVENT_BATCH_SIZE,
            },
            catalog,
            dispatcher,
            transport,
            logger,
            metrics,
          )
        : new InProcessEventServer(options.broker!, consumerGroup, catalog, dispatcher, metrics, dataConfig.EVENT_BATCH_SIZE);
    runtime.server = server;
    runtime.consumerStallMs = dataConfig.CONSUMER_STALL_TIMEOUT_MS;
    relay = new OutboxRelay(
      dataSource,
      transport,
      {
        service: definition.name,
        databaseUrl: dataConfig.DATABASE_URL,
        pollIntervalMs: dataConfig.OUTBOX_POLL_INTERVAL_MS,
        batchSize: dataConfig.OUTBOX_BATCH_SIZE,
        retentionHours: dataConfig.OUTBOX_RETENTION_HOURS,
        idempotentCommands: definition.idempotencyKeys ?? Boolean(definition.persistence),
        inboxRetentionHours: dataConfig.INBOX_RETENTION_HOURS,
      },
      logger,
      metrics,
    );
    runtime.relay = relay;
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  }

  try {
    await redis?.connect();
    await transport?.connect();
    await app.startAllMicroservices();
    await app.listen(config.PORT, config.HOST);
    if (relay && dataConfig?.OUTBOX_RELAY_ENABLED) await relay.start();
  } catch (error) {
    logger.error({ err: error }, 'service failed to start');
    await app.close().catch(() => undefined);
    await transport?.close().catch(() => undefined);
    redis?.disconnect();
    throw error;
  }

  const httpServer = app.getHttpServer() as Server;
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, transport: transport?.kind ?? 'none' }, `${definition.name} listening`);

  let stopping: Promise<void> | undefined;
  const shutdown = (shutdownOptions: { flushOutbox?: boolean } = {}): Promise<void> => {
    stopping ??= (async () => {
      const budget = config.SHUTDOWN_TIMEOUT_MS;
      runtime.shuttingDown = true;
      logger.info('graceful shutdown: closing HTTP');
      await closeHttp(httpServer, budget);
      if (server) {
        logger.info('graceful shutdown: pausing consumer, waiting for handlers in flight');
        await (server as KafkaEventServer | InProcessEventServer).close(budget);
      }
      if (relay) {
        await relay.stop();
        if (dataConfig?.OUTBOX_RELAY_ENABLED && shutdownOptions.flushOutbox !== false) {
          const flushed = await relay.flush(budget);
          logger.info({ flushed }, 'graceful shutdown: outbox flushed');
        }
      }
      await transport?.close().catch((error: unknown) => logger.warn({ err: error }, 'transport close failed'));
      redis?.disconnect();
      await app.close();
      logger.info('graceful shutdown complete');
    })();
    return stopping;
  };

  return { name: definition.name, url, app, config, logger, runtime, shutdown };
}

function closeHttp(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export { sendProblem, toProblem };
