/**
 * Applies one app's pending database migrations, then exits: the command of the migration Job of
 * each app with a database in k8s/ and of the `<app>-migrate` one-shot containers of
 * docker-compose.yml (`node dist/tools/deploy/migrate.js`, compiled by `npm run build`).
 *
 * Environment: SERVICE (gateway, procurement, maintenance, catering, transport or evaluation: every
 * definition with `persistence`), DATABASE_URL (that app's own database), optional LOG_LEVEL. Exit
 * codes: 0 applied (or nothing pending), 78 bad configuration, 1 a migration failed.
 *
 * The apps then run with RUN_MIGRATIONS=false, so replicas never race each other over the
 * schema. A session-level advisory lock per service makes two overlapping runs of this command
 * (a retried Job, a manual run) apply the migrations one after the other rather than together.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { cateringService } from '@houqin/catering';
import { evaluationService } from '@houqin/evaluation';
import { gatewayService } from '@houqin/gateway';
import { maintenanceService } from '@houqin/maintenance';
import { createLogger } from '@houqin/observability';
import { serviceDataSourceOptions } from '@houqin/persistence';
import { procurementService } from '@houqin/procurement';
import { ConfigurationError, ServiceDefinition, loadConfig, postgresUrlVariable } from '@houqin/service-kit';
import { transportService } from '@houqin/transport';

/** The deployed apps' definitions; those with `persistence` own a database and are migrated here. */
const DEFINITIONS: readonly ServiceDefinition[] = [gatewayService, procurementService, maintenanceService, cateringService, transportService, evaluationService];

/** The apps that own a database, by name. */
export const MIGRATABLE_SERVICES: Readonly<Record<string, ServiceDefinition>> = Object.fromEntries(
  DEFINITIONS.filter((definition) => definition.persistence).map((definition) => [definition.name, definition]),
);

const migratableNames = Object.keys(MIGRATABLE_SERVICES);

/** Variables the migration command reads; docker-compose.yml and the Jobs set exactly these. */
export const migrationEnvironment = z.object({
  SERVICE: z.enum(migratableNames as [string, ...string[]]).describe('The app (gateway or service) whose database is migrated'),
  DATABASE_URL: postgresUrlVariable.describe("The app's own PostgreSQL database"),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
});

export type MigrationEnvironment = z.infer<typeof migrationEnvironment>;

/** Applies the pending migrations of `config.SERVICE`; returns the names of those it applied. */
export async function migrate(config: MigrationEnvironment): Promise<string[]> {
  const definition = MIGRATABLE_SERVICES[config.SERVICE];
  if (!definition?.persistence) throw new Error(`${config.SERVICE} has no database`);
  const dataSource = new DataSource({
    ...serviceDataSourceOptions({
      service: `${definition.name}-migrate`,
      url: config.DATABASE_URL,
      entities: definition.persistence.entities,
      migrations: definition.persistence.migrations,
      runMigrations: false,
      poolSize: 2,
    }),
    logging: ['error', 'warn'],
  });
  await dataSource.initialize();
  try {
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    const key = `houqin.migrations.${definition.name}`;
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      await lock.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<number> {
  let config: MigrationEnvironment;
  try {
    config = loadConfig('migrate', migrationEnvironment, process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      return 78; // EX_CONFIG, as the services
    }
    throw error;
  }
  const logger = createLogger(`${config.SERVICE}-migrate`, config.LOG_LEVEL);
  try {
    const applied = await migrate(config);
    logger.info({ applied }, applied.length > 0 ? `applied ${applied.length} migration(s)` : 'schema up to date');
    return 0;
  } catch (error) {
    logger.error({ err: error }, 'migration failed');
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
