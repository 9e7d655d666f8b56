/**
 * docker-compose.yml against the apps: every deployed app is there, built from the Dockerfile with
 * its APP; each one's environment names only variables its schema has and passes the app's own
 * start-up validation; the database and role of each app with one (every definition with
 * `persistence`: the services and the gateway) exist in deploy/postgres/init.sql; migrations run
 * before such an app starts; ports, upstream URLs and health-check paths are the ones the apps
 * serve; the Kafka version is the tests' one; shutdown gets the time the process may take.
 */
import { existsSync } from 'node:fs';
import { parse } from 'yaml';
import { loadServiceDefinitionConfig } from '@houqin/service-kit';
import { DeployedApp, deployedApps, durationMs, effectiveValue, healthRoutes, readRepoFile, repoPath } from './app-catalog';
import { MIGRATABLE_SERVICES, migrationEnvironment } from './migrate';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published?: string | number }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readRepoFile('docker-compose.yml'), { merge: true }) as ComposeFile;
const initSql = readRepoFile('deploy/postgres/init.sql');

/** `${NAME:-default}`, `${NAME-default}` and `${NAME}` as compose interpolates them with NAME unset. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g, (_, _name: string, operator?: string, fallback?: string) => (operator ? (fallback ?? '') : ''));
}

function environmentOf(service: ComposeService): Record<string, string> {
  const raw = service.environment ?? {};
  const entries = Array.isArray(raw)
    ? raw.map((line) => {
        const [name, ...value] = line.split('=');
        return [name!, value.join('=')] as const;
      })
    : Object.entries(raw).map(([name, value]) => [name, value === null ? '' : String(value)] as const);
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(value)]));
}

function dependsOn(service: ComposeService): Record<string, string> {
  const raw = service.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, value.condition ?? 'service_started']));
}

/** The services a service waits for, directly or through the one-shot containers it waits for. */
function transitiveDependencies(name: string, seen = new Set<string>()): Set<string> {
  for (const dependency of Object.keys(dependsOn(compose.services[name] ?? {}))) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    transitiveDependencies(dependency, seen);
  }
  return seen;
}

function healthcheckCommand(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function databases(sql: string): Map<string, { owner: string }> {
  const found = new Map<string, { owner: string }>();
  for (const match of sql.matchAll(/CREATE DATABASE\s+"?([a-z_][a-z0-9_]*)"?\s+OWNER\s+"?([a-z_][a-z0-9_]*)"?/gi)) found.set(match[1]!, { owner: match[2]! });
  return found;
}

function roles(sql: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of sql.matchAll(/CREATE ROLE\s+"?([a-z_][a-z0-9_]*)"?\s+(?:WITH\s+)?LOGIN\s+PASSWORD\s+'((?:[^']|'')*)'/gi)) found.set(match[1]!, match[2]!.replace(/''/g, "'"));
  return found;
}

function brokerPort(service: ComposeService): { host: string; port: number } | undefined {
  const advertised = environmentOf(service)['KAFKA_ADVERTISED_LISTENERS'] ?? '';
  const match = /PLAINTEXT:\/\/([^:,]+):(\d+)/.exec(advertised);
  return match ? { host: match[1]!, port: Number(match[2]) } : undefined;
}

let apps: DeployedApp[];
const health = healthRoutes();

beforeAll(async () => {
  apps = await deployedApps();
});

describe('docker-compose.yml', () => {
  it('runs every deployed app, built from the Dockerfile with its APP', () => {
    expect(apps.map((app) => app.name).sort()).toEqual(['catering', 'evaluation', 'gateway', 'maintenance', 'procurement', 'transport']);
    for (const app of apps) {
      const service = compose.services[app.name];
      expect({ app: app.name, present: Boolean(service) }).toEqual({ app: app.name, present: true });
      expect({ app: app.name, args: service!.build?.args }).toEqual({ app: app.name, args: { APP: app.name } });
      expect(existsSync(repoPath(service!.build?.context ?? '.', service!.build?.dockerfile ?? 'Dockerfile'))).toBe(true);
      expect(existsSync(repoPath('apps', service!.build!.args!['APP']!, 'src/main.ts'))).toBe(true);
    }
  });

  it("gives each app exactly the variables its schema validates, and they pass the app's own start-up validation", () => {
    for (const app of apps) {
      const env = environmentOf(compose.services[app.name]!);
      const unknown = Object.keys(env).filter((name) => !(name in app.schema.shape));
      expect({ app: app.name, unknown }).toEqual({ app: app.name, unknown: [] });
      // The very function the app runs first: a required variable missing, a bad value or a broken
      // cross-variable rule (KAFKA_BROKERS with the Kafka transport) throws ConfigurationError.
      expect(() => loadServiceDefinitionConfig(app.definition, env)).not.toThrow();
    }
  });

  it("points each app with a database at its own one, created with its owner role in deploy/postgres/init.sql", () => {
    const created = databases(initSql);
    const logins = roles(initSql);
    const postgres = compose.services['postgres'];
    expect(postgres).toBeDefined();
    const mounts = (postgres!.volumes ?? []).map((volume) => (typeof volume === 'string' ? volume : `${volume.source}:${volume.target}`));
    expect(mounts.some((mount) => /^\.\/deploy\/postgres\/init\.sql:\/docker-entrypoint-initdb\.d\/[^:]+\.sql(:ro)?$/.test(mount))).toBe(true);
    const used = new Set<string>();
    for (const app of apps.filter((candidate) => candidate.ownsDatabase)) {
      const url = new URL(environmentOf(compose.services[app.name]!)['DATABASE_URL']!);
      const database = decodeURIComponent(url.pathname.slice(1));
      const user = decodeURIComponent(url.username);
      expect({ app: app.name, host: url.hostname, database, owner: created.get(database)?.owner }).toEqual({ app: app.name, host: 'postgres', database, owner: user });
      expect({ app: app.name, password: logins.get(user) }).toEqual({ app: app.name, password: decodeURIComponent(url.password) });
      expect(used.has(database)).toBe(false);
      used.add(database);
    }
  });

  it('migrates each database before its app starts', () => {
    // The migration command knows exactly the apps whose definition has persistence.
    expect(Object.keys(MIGRATABLE_SERVICES).sort()).toEqual(apps.filter((candidate) => candidate.ownsDatabase).map((app) => app.name).sort());
    for (const app of apps.filter((candidate) => candidate.ownsDatabase)) {
      const env = environmentOf(compose.services[app.name]!);
      if (effectiveValue(app.schema, 'RUN_MIGRATIONS', env['RUN_MIGRATIONS']) === true) continue;
      // Otherwise a one-shot container runs tools/deploy/migrate.ts for it, and the service waits for its success.
      const waitsFor = Object.entries(dependsOn(compose.services[app.name]!)).filter(([name, condition]) => {
        const candidate = compose.services[name]!;
        return condition === 'service_completed_successfully' && environmentOf(candidate)['SERVICE'] === app.name;
      });
      expect({ app: app.name, migrations: waitsFor.length }).toEqual({ app: app.name, migrations: 1 });
      const migrate = compose.services[waitsFor[0]![0]]!;
      expect(migrate.command).toEqual(['node', 'dist/tools/deploy/migrate.js']);
      expect(migrate.build?.args?.['APP']).toBe(app.name);
      const migrateEnv = environmentOf(migrate);
      expect(Object.keys(migrateEnv).filter((name) => !(name in migrationEnvironment.shape))).toEqual([]);
      expect(migrationEnvironment.safeParse(migrateEnv).success).toBe(true);
      expect(migrateEnv['DATABASE_URL']).toBe(env['DATABASE_URL']);
      expect(dependsOn(migrate)['postgres']).toBe('service_healthy');
    }
  });

  it('starts each app only after what it needs is healthy, and checks its health on a path the app serves', () => {
    const kafka = compose.services['kafka']!;
    const kafkaVersion = /KAFKA_VERSION="\$\{KAFKA_VERSION:-([^}]+)\}"/.exec(readRepoFile('tools/kafka/kafka-local.sh'))?.[1];
    expect(kafka.image).toBe(`apache/kafka:${kafkaVersion}`);
    expect(environmentOf(kafka)['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    const broker = brokerPort(kafka);
    for (const infrastructure of ['kafka', 'postgres', 'redis']) expect(healthcheckCommand(compose.services[infrastructure]!)).not.toBe('');

    for (const app of apps) {
      const service = compose.services[app.name]!;
      const env = environmentOf(service);
      const port = effectiveValue(app.schema, 'PORT', env['PORT']) as number;
      const check = /https?:\/\/(?:127\.0\.0\.1|localhost):(\d+)(\/[\w/-]*)/.exec(healthcheckCommand(service));
      expect({ app: app.name, port: Number(check?.[1]), path: check?.[2] }).toEqual({ app: app.name, port, path: expect.stringMatching(new RegExp(`^(${health.live}|${health.ready})$`)) });

      const direct = dependsOn(service);
      const all = transitiveDependencies(app.name);
      if (app.ownsDatabase) {
        for (const dependency of ['kafka', 'postgres']) expect({ app: app.name, dependency, waits: all.has(dependency) }).toEqual({ app: app.name, dependency, waits: true });
        for (const broker0 of String(effectiveValue(app.schema, 'KAFKA_BROKERS', env['KAFKA_BROKERS'])).split(',')) expect(broker0).toBe(`${broker?.host}:${broker?.port}`);
        expect(broker?.host).toBe('kafka');
      }
      if (env['REDIS_URL']) {
        expect(new URL(env['REDIS_URL']).hostname).toBe('redis');
        expect(all.has('redis')).toBe(true);
      }
      for (const [dependency, condition] of Object.entries(direct)) {
        if (condition === 'service_healthy') expect({ dependency, healthcheck: healthcheckCommand(compose.services[dependency]!) !== '' }).toEqual({ dependency, healthcheck: true });
        else expect({ dependency, condition }).toEqual({ dependency, condition: 'service_completed_successfully' });
      }
    }
  });

  it('publishes the gateway, which reaches every service on the port that service listens on', () => {
    const gatewayApp = apps.find((app) => app.name === 'gateway')!;
    // The services: the apps the gateway routes to (its <NAME>_URL variables).
    expect(gatewayApp.upstreams.sort()).toEqual(['catering', 'evaluation', 'maintenance', 'procurement', 'transport']);
    const gateway = compose.services['gateway']!;
    const gatewayPort = effectiveValue(gatewayApp.schema, 'PORT', environmentOf(gateway)['PORT']);
    const published = (gateway.ports ?? []).map((port) => (typeof port === 'string' ? Number(interpolate(port).split(':').pop()) : port.target));
    expect(published).toEqual([gatewayPort]);
    expect(interpolate(String(gateway.ports?.[0]))).toBe(`8080:${gatewayPort}`);
    for (const app of apps.filter((candidate) => gatewayApp.upstreams.includes(candidate.name))) {
      expect(Object.keys(app.schema.shape)).not.toContain(`${app.name.toUpperCase()}_URL`);
      const upstream = new URL(environmentOf(gateway)[`${app.name.toUpperCase()}_URL`]!);
      const port = effectiveValue(app.schema, 'PORT', environmentOf(compose.services[app.name]!)['PORT']);
      expect({ app: app.name, host: upstream.hostname, port: Number(upstream.port || 80) }).toEqual({ app: app.name, host: app.name, port });
      expect(Object.keys(dependsOn(gateway))).toContain(app.name);
      // Only the gateway is published.
      expect({ app: app.name, ports: compose.services[app.name]!.ports ?? [] }).toEqual({ app: app.name, ports: [] });
    }
  });

  it('lets each app finish its graceful shutdown before compose kills it, and keeps state in named volumes', () => {
    for (const app of apps) {
      const service = compose.services[app.name]!;
      const budget = effectiveValue(app.schema, 'SHUTDOWN_TIMEOUT_MS', environmentOf(service)['SHUTDOWN_TIMEOUT_MS']) as number;
      // runServiceProcess exits at the latest 4 x SHUTDOWN_TIMEOUT_MS after SIGTERM.
      expect({ app: app.name, graceMs: durationMs(service.stop_grace_period ?? '10s') >= 4 * budget }).toEqual({ app: app.name, graceMs: true });
    }
    const declared = new Set(Object.keys(compose.volumes ?? {}));
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
        if (source.startsWith('.') || source.startsWith('/')) continue;
        expect({ service: name, volume: source, declared: declared.has(source) }).toEqual({ service: name, volume: source, declared: true });
      }
    }
    for (const infrastructure of ['kafka', 'postgres', 'redis']) expect((compose.services[infrastructure]!.volumes ?? []).length).toBeGreaterThan(0);
  });
});
