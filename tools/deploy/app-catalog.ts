/**
 * What the deployment tests compare the deployment files against, read from the real code rather
 * than copied: which apps are deployed (apps/<name>/src/main.ts that call runServiceProcess), the
 * environment schema each validates at start, the paths of the health and metrics controllers,
 * and the defaults of the variables the deployment has to agree with (PORT, SHUTDOWN_TIMEOUT_MS).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';
import { ServiceDefinition, coreEnvironment, serviceEnvironment } from '@houqin/service-kit';
import { HealthController } from '../../libs/service-kit/src/health/health.controller';
import { MetricsController } from '../../libs/service-kit/src/health/metrics.controller';

export const REPO_ROOT = path.resolve(__dirname, '../..');

export function repoPath(...parts: string[]): string {
  return path.join(REPO_ROOT, ...parts);
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8');
}

export type EnvSchema = z.ZodObject<z.ZodRawShape>;

export interface DeployedApp {
  /** The directory under apps/ (also the image's APP build argument and the compose/k8s name). */
  name: string;
  definition: ServiceDefinition;
  /**
   * True for the apps whose definition has `persistence` (the five services and the gateway): they
   * own a database, are migrated before they start and take part in messaging (outbox relay and consumer).
   */
  ownsDatabase: boolean;
  /**
   * The other deployed apps this one calls: those whose `<NAME>_URL` variable its schema reads (the
   * gateway's upstream services). Empty for the services, which only the gateway calls.
   */
  upstreams: string[];
  /** The schema the app validates its environment with, exactly as loadServiceDefinitionConfig builds it. */
  schema: EnvSchema;
}

/**
 * The apps that run as their own process: apps/<name>/src/main.ts calling runServiceProcess with a
 * definition imported from a @houqin/* library. (The single-process apps/platform does not, and is
 * not deployed.)
 */
export async function deployedApps(): Promise<DeployedApp[]> {
  const apps: DeployedApp[] = [];
  for (const name of readdirSync(repoPath('apps')).sort()) {
    const main = repoPath('apps', name, 'src', 'main.ts');
    if (!existsSync(main)) continue;
    const source = readFileSync(main, 'utf8');
    const run = /runServiceProcess\(\s*(\w+)\s*\)/.exec(source);
    if (!run) continue;
    const identifier = run[1]!;
    const from = new RegExp(`import\\s*\\{[^}]*\\b${identifier}\\b[^}]*\\}\\s*from\\s*'(@houqin/[\\w-]+)'`).exec(source);
    if (!from) throw new Error(`${main}: cannot find where ${identifier} is imported from`);
    const module = (await import(from[1]!)) as Record<string, unknown>;
    const definition = module[identifier] as ServiceDefinition | undefined;
    if (!definition?.name) throw new Error(`${from[1]} does not export a service definition named ${identifier}`);
    const base: EnvSchema = definition.persistence ? serviceEnvironment : coreEnvironment;
    const schema = definition.environment ? base.extend(definition.environment.shape) : base;
    apps.push({ name, definition, ownsDatabase: Boolean(definition.persistence), upstreams: [], schema });
  }
  for (const app of apps) {
    app.upstreams = apps.filter((other) => other !== app && `${other.name.toUpperCase()}_URL` in app.schema.shape).map((other) => other.name);
  }
  return apps;
}

/** Variables the schema cannot do without: no default and not optional. */
export function requiredVariables(schema: EnvSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name)
    .sort();
}

/**
 * Required by the cross-variable rules of checkServiceConfig, given the values that are known:
 * KAFKA_BROKERS whenever an app with a database (it takes part in messaging) uses the Kafka transport.
 */
export function conditionallyRequiredVariables(app: DeployedApp, values: Record<string, string | undefined>): string[] {
  if (!app.ownsDatabase) return [];
  const transport = (app.schema.shape['MESSAGING_TRANSPORT'] as z.ZodType).parse(values['MESSAGING_TRANSPORT']);
  return transport === 'kafka' ? ['KAFKA_BROKERS'] : [];
}

/** The value a variable takes: the one given, else the schema's default. */
export function effectiveValue(schema: EnvSchema, name: string, given: string | undefined): unknown {
  const field = schema.shape[name] as z.ZodType | undefined;
  if (!field) throw new Error(`${name} is not in the schema`);
  return field.parse(given === '' ? undefined : given);
}

function routePath(...segments: Array<string | undefined>): string {
  return `/${segments.filter((segment): segment is string => Boolean(segment)).map((segment) => segment.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}

/** The liveness and readiness routes, read from HealthController's decorators (handlers live() and ready()). */
export function healthRoutes(): { live: string; ready: string } {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const handler = (name: 'live' | 'ready') => {
    const method = (HealthController.prototype as unknown as Record<string, object>)[name];
    if (!method) throw new Error(`HealthController has no ${name}() handler`);
    return routePath(base, Reflect.getMetadata(PATH_METADATA, method) as string);
  };
  return { live: handler('live'), ready: handler('ready') };
}

/** The Prometheus endpoint, read from MetricsController. */
export function metricsRoute(): string {
  const base = Reflect.getMetadata(PATH_METADATA, MetricsController) as string;
  const method = (MetricsController.prototype as unknown as Record<string, object>)['render'];
  return routePath(base, method ? (Reflect.getMetadata(PATH_METADATA, method) as string) : undefined);
}

/** Milliseconds a go-duration-like value stands for: "70s", "1m30s", "500ms", "90". */
export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value * 1000;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  let total = 0;
  let rest = text;
  const part = /^(\d+(?:\.\d+)?)(h|ms|m|s|us)/;
  while (rest.length > 0) {
    const match = part.exec(rest);
    if (!match) throw new Error(`not a duration: ${value}`);
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}
