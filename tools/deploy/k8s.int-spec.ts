/**
 * k8s/ rendered with `kubectl kustomize` for every overlay, each object validated against the
 * Kubernetes schemas (unknown fields included), then the policy: every app Deployment probes the
 * routes the app serves on the port it listens on, has requests and limits, runs non-root on a
 * read-only root filesystem without capabilities, gets exactly the variables its schema validates,
 * is migrated by a Job first, has an HPA (or KEDA ScaledObject) and a PDB, and gets time to shut
 * down; NetworkPolicies deny by default and let the ingress reach only the gateway, the gateway
 * only the services, Kafka, its database and Redis, the services only Kafka, their database and
 * Redis (an app has a database, and so a migration Job, when its definition has `persistence`); no Secret carries data,
 * and every Secret referenced is created by the dev script and named in the operations guide; the
 * overlays differ in replicas, resources and image tags; alert rules use metrics the apps export.
 *
 * Integration tier: it runs kubectl (which must be on PATH).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Histogram } from 'prom-client';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { ServiceMetrics } from '@houqin/observability';
import {
  DeployedApp,
  conditionallyRequiredVariables,
  deployedApps,
  effectiveValue,
  healthRoutes,
  metricsRoute,
  readRepoFile,
  repoPath,
  requiredVariables,
} from './app-catalog';
import { KubernetesObject, UnknownFieldChecker, validateAgainstSchema } from './k8s-schema';
import { migrationEnvironment } from './migrate';

// ---------- the objects, with just enough typing for the checks ----------

type Labels = Record<string, string>;
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; configMapKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet?: { path?: string; port: number | string };
  tcpSocket?: { port: number | string };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  securityContext?: SecurityContext;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string };
}
interface PodSpec {
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
  terminationGracePeriodSeconds?: number;
  restartPolicy?: string;
  securityContext?: SecurityContext;
  topologySpreadConstraints?: Array<{ topologyKey: string; labelSelector?: LabelSelector }>;
  containers: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name: string; emptyDir?: object; secret?: { secretName: string }; configMap?: { name: string } }>;
}
interface PodTemplate {
  metadata?: { labels?: Labels; annotations?: Record<string, string> };
  spec: PodSpec;
}
interface Workload extends KubernetesObject {
  spec: { replicas?: number; selector?: LabelSelector; template: PodTemplate; backoffLimit?: number };
}
interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface NetworkPolicyRule {
  from?: NetworkPolicyPeer[];
  to?: NetworkPolicyPeer[];
  ports?: Array<{ port?: number | string; protocol?: string }>;
}
interface NetworkPolicy extends KubernetesObject {
  spec: { podSelector: LabelSelector; policyTypes?: Array<'Ingress' | 'Egress'>; ingress?: NetworkPolicyRule[]; egress?: NetworkPolicyRule[] };
}

interface Rendered {
  overlay: string;
  objects: KubernetesObject[];
  namespace: string;
}

const execFileAsync = promisify(execFile);
const OVERLAYS_DIR = repoPath('k8s/overlays');
const APP_COMPONENTS = ['gateway', 'service'];
const INGRESS_CONTROLLER_NAMESPACE = 'ingress-nginx';
const MONITORING_NAMESPACE = 'monitoring';

async function render(overlay: string): Promise<Rendered> {
  let output: string;
  try {
    ({ stdout: output } = await execFileAsync('kubectl', ['kustomize', path.join(OVERLAYS_DIR, overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    const failure = error as { code?: string; stderr?: string; message: string };
    if (failure.code === 'ENOENT') throw new Error('kubectl is not on PATH: the k8s/ overlays cannot be rendered');
    throw new Error(`kubectl kustomize k8s/overlays/${overlay} failed: ${failure.stderr ?? failure.message}`);
  }
  const objects = parseAllDocuments(output)
    .map((document) => document.toJS() as KubernetesObject | null)
    .filter((object): object is KubernetesObject => object !== null);
  const namespaces = objects.filter((object) => object.kind === 'Namespace').map((object) => object.metadata.name);
  if (namespaces.length !== 1) throw new Error(`k8s/overlays/${overlay} renders ${namespaces.length} Namespaces, not 1`);
  return { overlay, objects, namespace: namespaces[0]! };
}

function selects(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const value = have[expression.key];
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !(expression.values ?? []).includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && (expression.values ?? []).includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
    }
  }
  return true;
}

const ofKind = <T extends KubernetesObject>(rendered: Rendered, kind: string) => rendered.objects.filter((object) => object.kind === kind) as T[];
const workloads = (rendered: Rendered) => rendered.objects.filter((object) => ['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(object.kind)) as Workload[];
const podLabels = (workload: Workload): Labels => workload.spec.template.metadata?.labels ?? {};
const appDeployment = (rendered: Rendered, app: string) =>
  ofKind<Workload>(rendered, 'Deployment').filter((deployment) => deployment.metadata.name === app && APP_COMPONENTS.includes(podLabels(deployment)['app.kubernetes.io/component'] ?? ''));
/**
 * Where an app serves /metrics: its METRICS_PORT when its schema has one (the gateway: apart from
 * the public API port), else its app port.
 */
function metricsPortOf(app: DeployedApp, env: Map<string, string | undefined>, port: number): number | undefined {
  if (!app.schema.shape['METRICS_PORT']) return port;
  const value = effectiveValue(app.schema, 'METRICS_PORT', env.get('METRICS_PORT')) as number | undefined;
  return value === undefined || value === 0 ? undefined : value;
}

const migrationJobs = (rendered: Rendered) => ofKind<Workload>(rendered, 'Job').filter((job) => podLabels(job)['app.kubernetes.io/component'] === 'migration');

function configMapData(rendered: Rendered, name: string): Record<string, string> {
  const map = ofKind<KubernetesObject & { data?: Record<string, string> }>(rendered, 'ConfigMap').find((candidate) => candidate.metadata.name === name);
  if (!map) throw new Error(`${rendered.overlay}: ConfigMap ${name} is referenced but not rendered`);
  return map.data ?? {};
}

/** The variables a container gets: name -> literal value, or undefined when it comes from a Secret. */
function containerEnvironment(rendered: Rendered, container: Container): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef) throw new Error(`${container.name}: envFrom a Secret hides which variables it sets; use secretKeyRef per variable`);
    for (const [name, value] of Object.entries(configMapData(rendered, source.configMapRef!.name))) env.set(name, value);
  }
  for (const variable of container.env ?? []) {
    if (variable.valueFrom?.configMapKeyRef) env.set(variable.name, configMapData(rendered, variable.valueFrom.configMapKeyRef.name)[variable.valueFrom.configMapKeyRef.key]);
    else env.set(variable.name, variable.valueFrom ? undefined : (variable.value ?? ''));
  }
  return env;
}

function secretReferences(rendered: Rendered): Map<string, Set<string>> {
  const references = new Map<string, Set<string>>();
  const add = (name: string, key?: string) => {
    const keys = references.get(name) ?? new Set<string>();
    if (key) keys.add(key);
    references.set(name, keys);
  };
  for (const workload of workloads(rendered)) {
    const spec = workload.spec.template.spec;
    for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
      for (const variable of container.env ?? []) if (variable.valueFrom?.secretKeyRef) add(variable.valueFrom.secretKeyRef.name, variable.valueFrom.secretKeyRef.key);
      for (const source of container.envFrom ?? []) if (source.secretRef) add(source.secretRef.name);
    }
    for (const volume of spec.volumes ?? []) if (volume.secret) add(volume.secret.secretName);
  }
  for (const ingress of ofKind<KubernetesObject & { spec: { tls?: Array<{ secretName?: string }> } }>(rendered, 'Ingress')) {
    for (const tls of ingress.spec.tls ?? []) if (tls.secretName) add(tls.secretName);
  }
  for (const auth of ofKind<KubernetesObject & { spec: { secretTargetRef?: Array<{ name: string; key: string }> } }>(rendered, 'TriggerAuthentication')) {
    for (const target of auth.spec.secretTargetRef ?? []) add(target.name, target.key);
  }
  return references;
}

function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort ?? (port && /^\d+$/.test(port) ? Number(port) : undefined);
}

function quantity(value: string | undefined): number {
  if (value === undefined) return NaN;
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G)?$/.exec(value);
  if (!match) return NaN;
  const factors: Record<string, number> = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9 };
  return Number(match[1]) * (match[2] ? factors[match[2]]! : 1);
}

function imageTag(image: string): string | undefined {
  if (image.includes('@sha256:')) return image.split('@')[1];
  const last = image.split('/').pop()!;
  return last.includes(':') ? last.split(':')[1] : undefined;
}

/** Checks every container of a pod template against the pod-security rules; returns the problems. */
function securityProblems(template: PodTemplate): string[] {
  const problems: string[] = [];
  const spec = template.spec;
  if (spec.automountServiceAccountToken !== false) problems.push('automountServiceAccountToken is not false');
  if (spec.enableServiceLinks !== false) problems.push('enableServiceLinks is not false (service links would add variables the app does not validate)');
  if (spec.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push('no RuntimeDefault seccomp profile');
  const tmpVolumes = new Set((spec.volumes ?? []).filter((volume) => volume.emptyDir).map((volume) => volume.name));
  for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
    const own = container.securityContext ?? {};
    const nonRoot = own.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
    const user = own.runAsUser ?? spec.securityContext?.runAsUser;
    if (nonRoot !== true) problems.push(`${container.name}: runAsNonRoot is not true`);
    if (user === 0) problems.push(`${container.name}: runs as uid 0`);
    if (own.readOnlyRootFilesystem !== true) problems.push(`${container.name}: root filesystem is writable`);
    if (own.allowPrivilegeEscalation !== false) problems.push(`${container.name}: allowPrivilegeEscalation is not false`);
    if (!(own.capabilities?.drop ?? []).includes('ALL')) problems.push(`${container.name}: capabilities are not all dropped`);
    if ((own.capabilities?.add ?? []).length > 0) problems.push(`${container.name}: adds capabilities`);
    if (!(container.volumeMounts ?? []).some((mount) => mount.mountPath === '/tmp' && tmpVolumes.has(mount.name))) problems.push(`${container.name}: no writable /tmp (emptyDir)`);
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) if (!container.resources?.[kind]?.[resource]) problems.push(`${container.name}: no ${resource} ${kind}`);
    }
    for (const resource of ['cpu', 'memory']) {
      if (quantity(container.resources?.requests?.[resource]) > quantity(container.resources?.limits?.[resource])) problems.push(`${container.name}: ${resource} request above its limit`);
    }
  }
  return problems;
}

/** Env names against the app's schema: unknown ones, missing required ones, literal values the schema rejects. */
function environmentProblems(app: DeployedApp, env: Map<string, string | undefined>): string[] {
  const problems: string[] = [];
  const literal = Object.fromEntries([...env].filter(([, value]) => value !== undefined)) as Record<string, string>;
  for (const name of env.keys()) if (!(name in app.schema.shape)) problems.push(`${name} is not a variable ${app.name} validates`);
  for (const name of [...requiredVariables(app.schema), ...conditionallyRequiredVariables(app, literal)]) if (!env.has(name)) problems.push(`${name} is required but not set`);
  for (const [name, value] of Object.entries(literal)) {
    const field = app.schema.shape[name] as z.ZodType | undefined;
    const parsed = field?.safeParse(value);
    if (parsed && !parsed.success) problems.push(`${name}=${value}: ${parsed.error.issues.map((issue) => issue.message).join(', ')}`);
  }
  return problems;
}

/** The policies of the namespace that isolate the pod for `type`, i.e. select it and name that type. */
function isolating(rendered: Rendered, labels: Labels, type: 'Ingress' | 'Egress'): NetworkPolicy[] {
  return ofKind<NetworkPolicy>(rendered, 'NetworkPolicy').filter((policy) => {
    const types = policy.spec.policyTypes ?? (policy.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    return types.includes(type) && selects(policy.spec.podSelector, labels);
  });
}

interface Peer {
  kind: 'pods' | 'namespace' | 'ipBlock' | 'anything';
  /** pods: the names of the workloads whose pods match; namespace: the namespace name. */
  targets: string[];
}

function describePeer(rendered: Rendered, peer: NetworkPolicyPeer): Peer {
  if (peer.ipBlock) return { kind: 'ipBlock', targets: [peer.ipBlock.cidr] };
  if (peer.namespaceSelector) {
    const name = peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'];
    return { kind: name ? 'namespace' : 'anything', targets: name ? [name] : [] };
  }
  if (peer.podSelector) return { kind: 'pods', targets: workloads(rendered).filter((workload) => selects(peer.podSelector, podLabels(workload))).map((workload) => `${workload.kind}/${workload.metadata.name}`) };
  return { kind: 'anything', targets: [] };
}

function rulePorts(rule: NetworkPolicyRule): number[] {
  return (rule.ports ?? []).map((port) => Number(port.port));
}

const isDnsRule = (rendered: Rendered, rule: NetworkPolicyRule) =>
  (rule.to ?? []).every((peer) => describePeer(rendered, peer).kind === 'namespace' && peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'kube-system') &&
  rulePorts(rule).every((port) => port === 53);

// ---------- the stubs that run the dev scripts without a cluster ----------

let devSecretsCache: Map<string, Record<string, string>> | undefined;

/** Runs tools/deploy/dev-secrets.sh against a kubectl stub; returns the Secrets it would create. */
function devSecrets(): Map<string, Record<string, string>> {
  devSecretsCache ??= runDevSecrets();
  return devSecretsCache;
}

function runDevSecrets(): Map<string, Record<string, string>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'houqin-dev-secrets-'));
  try {
    const log = path.join(dir, 'calls.log');
    const stub = path.join(dir, 'kubectl');
    // Logs each call as one NUL-separated line; every `get` answers "not found".
    writeFileSync(stub, `#!/usr/bin/env bash\nprintf '%s\\0' "$@" >> ${JSON.stringify(log)}\nprintf '\\n' >> ${JSON.stringify(log)}\nfor arg in "$@"; do [ "$arg" = get ] && exit 1; done\nexit 0\n`);
    chmodSync(stub, 0o755);
    execFileSync('bash', [repoPath('tools/deploy/dev-secrets.sh'), 'houqin-dev'], { env: { ...process.env, PATH: `${dir}:${process.env['PATH']}` }, stdio: 'ignore' });
    const secrets = new Map<string, Record<string, string>>();
    for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
      const args = line.split('\0').slice(0, -1);
      const at = args.indexOf('generic');
      if (args[at - 2] !== 'create' || args[at - 1] !== 'secret' || at < 0) continue;
      const data: Record<string, string> = {};
      for (const arg of args.slice(at + 2)) {
        const literal = /^--from-literal=([^=]+)=(.*)$/.exec(arg);
        if (literal) data[literal[1]!] = literal[2]!;
      }
      secrets.set(args[at + 1]!, data);
    }
    return secrets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sources the dev PostgreSQL init script as the postgres image would, against a psql stub; returns the databases and roles it creates. */
function devDatabases(passwords: Record<string, string>): Array<{ db: string; role: string; password: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'houqin-postgres-init-'));
  try {
    const log = path.join(dir, 'calls.log');
    const stub = path.join(dir, 'psql');
    // Logs each call: its arguments (NUL-separated), a record separator, the SQL it read, another separator.
    writeFileSync(stub, `#!/usr/bin/env bash\nprintf '%s\\0' "$@" >> ${JSON.stringify(log)}\nprintf '\\x1e' >> ${JSON.stringify(log)}\ncat >> ${JSON.stringify(log)}\nprintf '\\x1d' >> ${JSON.stringify(log)}\n`);
    chmodSync(stub, 0o755);
    execFileSync('bash', ['-c', `set -e; source ${JSON.stringify(repoPath('k8s/overlays/dev/infrastructure/postgres-init.sh'))}`], {
      env: { ...process.env, ...passwords, POSTGRES_USER: 'postgres', PATH: `${dir}:${process.env['PATH']}` },
      stdio: 'ignore',
    });
    return readFileSync(log, 'utf8')
      .split('\x1d')
      .filter(Boolean)
      .map((record) => {
        const [args, sql] = record.split('\x1e');
        return { args: args!.split('\0').slice(0, -1), sql: sql ?? '' };
      })
      .filter((call) => /CREATE DATABASE :"db" OWNER :"role"/.test(call.sql) && /CREATE ROLE :"role" LOGIN PASSWORD :'password'/.test(call.sql))
      .map((call) => {
        // psql -v name=value ...: the variables the SQL interpolates.
        const variables = Object.fromEntries(
          call.args.filter((_, index) => call.args[index - 1] === '-v').map((assignment) => [assignment.slice(0, assignment.indexOf('=')), assignment.slice(assignment.indexOf('=') + 1)]),
        );
        return { db: variables['db'] ?? '', role: variables['role'] ?? '', password: variables['password'] ?? '' };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- the tests ----------

let apps: DeployedApp[];
let overlays: Rendered[];
const health = healthRoutes();

beforeAll(async () => {
  apps = await deployedApps();
  overlays = await Promise.all(overlayNames().map(render));
});

const byName = (name: string) => overlays.find((rendered) => rendered.overlay === name)!;

describe('k8s/ overlays', () => {
  it('include dev and prod, and render', () => {
    expect(overlays.map((rendered) => rendered.overlay)).toEqual(expect.arrayContaining(['dev', 'prod']));
    for (const rendered of overlays) expect(rendered.objects.length).toBeGreaterThan(0);
  });

  it('hold only objects that are valid against the Kubernetes schemas, with no unknown fields', () => {
    const all = overlays.flatMap((rendered) => rendered.objects);
    const checker = new UnknownFieldChecker(all);
    for (const rendered of overlays) {
      for (const object of rendered.objects) {
        const where = `${rendered.overlay}: ${object.kind}/${object.metadata?.name}`;
        expect(() => {
          try {
            validateAgainstSchema(object);
          } catch (error) {
            throw new Error(`${where}: ${(error as Error).message}`);
          }
        }).not.toThrow();
        expect({ where, unknown: checker.unknownFields(object) }).toEqual({ where, unknown: [] });
        if (object.kind !== 'Namespace') expect({ where, namespace: object.metadata.namespace }).toEqual({ where, namespace: rendered.namespace });
      }
      const namespace = ofKind(rendered, 'Namespace')[0]!;
      expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    }
  });

  it('commit no secret: no Secret carries data, and every Secret referenced is documented and created by the dev script', () => {
    const guide = readRepoFile('docs/deployment.md');
    const created = devSecrets();
    for (const rendered of overlays) {
      for (const secret of ofKind<KubernetesObject & { data?: object; stringData?: object }>(rendered, 'Secret')) {
        expect({ overlay: rendered.overlay, secret: secret.metadata.name, data: Object.keys({ ...secret.data, ...secret.stringData }) }).toEqual({ overlay: rendered.overlay, secret: secret.metadata.name, data: [] });
      }
      for (const [name, keys] of secretReferences(rendered)) {
        expect({ secret: name, documented: guide.includes(name) }).toEqual({ secret: name, documented: true });
        if (rendered.overlay !== 'dev') continue;
        expect({ secret: name, keys: [...keys].filter((key) => !(key in (created.get(name) ?? {}))) }).toEqual({ secret: name, keys: [] });
      }
    }
  });

  it.each(['live', 'ready'] as const)('read the %s route from the HealthController', (kind) => {
    expect(health[kind]).toMatch(/^\/[\w/-]+$/);
  });

  describe.each(overlayNames())('%s: every app Deployment', (overlay) => {
    it('probes the routes the app serves, on the port it listens on', () => {
      const rendered = byName(overlay);
      for (const app of apps) {
        const [deployment] = appDeployment(rendered, app.name);
        expect({ app: app.name, deployment: Boolean(deployment) }).toEqual({ app: app.name, deployment: true });
        const container = deployment!.spec.template.spec.containers[0]!;
        const env = containerEnvironment(rendered, container);
        const port = effectiveValue(app.schema, 'PORT', env.get('PORT')) as number;
        const probes = { startup: container.startupProbe, liveness: container.livenessProbe, readiness: container.readinessProbe };
        const seen = Object.fromEntries(Object.entries(probes).map(([kind, probe]) => [kind, { path: probe?.httpGet?.path, port: containerPort(container, probe?.httpGet?.port) }]));
        expect({ app: app.name, probes: seen }).toEqual({
          app: app.name,
          probes: { startup: { path: health.live, port }, liveness: { path: health.live, port }, readiness: { path: health.ready, port } },
        });
        const annotations = deployment!.spec.template.metadata?.annotations ?? {};
        const metricsPort = metricsPortOf(app, env, port);
        expect({ app: app.name, scrape: [annotations['prometheus.io/path'], Number(annotations['prometheus.io/port'])] }).toEqual({ app: app.name, scrape: [metricsRoute(), metricsPort] });
        expect({ app: app.name, declared: (container.ports ?? []).some((declared) => declared.containerPort === metricsPort) }).toEqual({ app: app.name, declared: true });
        // The gateway is public: its metrics are on a port of their own, which no Service exposes.
        if (app.name === 'gateway') expect({ app: app.name, metricsApart: metricsPort !== port }).toEqual({ app: app.name, metricsApart: true });
        // The Service reaches the same port, and only this app's serving pods (not its migration Job).
        const services = ofKind<KubernetesObject & { spec: { selector?: Labels; ports: Array<{ targetPort: number | string }> } }>(rendered, 'Service').filter((service) =>
          selects({ matchLabels: service.spec.selector }, podLabels(deployment!)),
        );
        expect(services.map((service) => service.metadata.name)).toEqual([app.name]);
        expect(services[0]!.spec.ports.map((servicePort) => containerPort(container, servicePort.targetPort))).toEqual([port]);
        for (const job of migrationJobs(rendered)) expect(selects({ matchLabels: services[0]!.spec.selector }, podLabels(job))).toBe(false);
      }
    });

    it('has requests and limits, runs non-root on a read-only root filesystem with every capability dropped, and a token-less ServiceAccount', () => {
      const rendered = byName(overlay);
      for (const app of apps) {
        const deployment = appDeployment(rendered, app.name)[0]!;
        expect({ app: app.name, problems: securityProblems(deployment.spec.template) }).toEqual({ app: app.name, problems: [] });
        const account = ofKind<KubernetesObject & { automountServiceAccountToken?: boolean }>(rendered, 'ServiceAccount').find(
          (candidate) => candidate.metadata.name === deployment.spec.template.spec.serviceAccountName,
        );
        expect({ app: app.name, automount: account?.automountServiceAccountToken }).toEqual({ app: app.name, automount: false });
        const tag = imageTag(deployment.spec.template.spec.containers[0]!.image);
        expect({ app: app.name, tag }).toEqual({ app: app.name, tag: expect.stringMatching(/^(?!latest$).+/) });
      }
    });

    it('gets exactly the variables its schema validates, with valid values', () => {
      const rendered = byName(overlay);
      for (const app of apps) {
        const container = appDeployment(rendered, app.name)[0]!.spec.template.spec.containers[0]!;
        expect({ app: app.name, problems: environmentProblems(app, containerEnvironment(rendered, container)) }).toEqual({ app: app.name, problems: [] });
      }
    });

    it('is migrated by a Job that runs first, not by its replicas', () => {
      const rendered = byName(overlay);
      for (const app of apps.filter((candidate) => candidate.ownsDatabase)) {
        const deployment = appDeployment(rendered, app.name)[0]!;
        const container = deployment.spec.template.spec.containers[0]!;
        const env = containerEnvironment(rendered, container);
        expect({ app: app.name, runMigrations: effectiveValue(app.schema, 'RUN_MIGRATIONS', env.get('RUN_MIGRATIONS')) }).toEqual({ app: app.name, runMigrations: false });
        const jobs = migrationJobs(rendered).filter((job) => job.spec.template.spec.containers.some((candidate) => (candidate.env ?? []).some((variable) => variable.name === 'SERVICE' && variable.value === app.name)));
        expect({ app: app.name, jobs: jobs.length }).toEqual({ app: app.name, jobs: 1 });
        const job = jobs[0]!;
        const migrate = job.spec.template.spec.containers[0]!;
        expect(migrate.command).toEqual(['node', 'dist/tools/deploy/migrate.js']);
        expect(migrate.image).toBe(container.image);
        const jobEnv = containerEnvironment(rendered, migrate);
        expect([...jobEnv.keys()].filter((name) => !(name in migrationEnvironment.shape))).toEqual([]);
        const databaseRef = (candidate: Container) => JSON.stringify((candidate.env ?? []).find((variable) => variable.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef);
        expect(databaseRef(migrate)).toBe(databaseRef(container));
        expect(['Never', 'OnFailure']).toContain(job.spec.template.spec.restartPolicy);
        expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(1);
        expect({ job: job.metadata.name, problems: securityProblems(job.spec.template) }).toEqual({ job: job.metadata.name, problems: [] });
      }
    });

    it('has an autoscaler on CPU and a PodDisruptionBudget of its own, and spreads over nodes and zones', () => {
      const rendered = byName(overlay);
      const appPods = apps.map((app) => podLabels(appDeployment(rendered, app.name)[0]!));
      for (const app of apps) {
        const deployment = appDeployment(rendered, app.name)[0]!;
        type Hpa = KubernetesObject & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas?: number; maxReplicas: number; metrics?: Array<{ type: string; resource?: { name: string } }> } };
        type Scaled = KubernetesObject & { spec: { scaleTargetRef: { kind?: string; name: string }; minReplicaCount?: number; maxReplicaCount?: number; triggers: Array<{ type: string }> } };
        const hpas = ofKind<Hpa>(rendered, 'HorizontalPodAutoscaler').filter((hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === app.name);
        const scaled = ofKind<Scaled>(rendered, 'ScaledObject').filter((object) => (object.spec.scaleTargetRef.kind ?? 'Deployment') === 'Deployment' && object.spec.scaleTargetRef.name === app.name);
        // Exactly one autoscaler: KEDA creates the HPA of a ScaledObject, and two HPAs fight.
        expect({ app: app.name, autoscalers: hpas.length + scaled.length }).toEqual({ app: app.name, autoscalers: 1 });
        const [min, max, cpu] = hpas[0]
          ? [hpas[0].spec.minReplicas ?? 1, hpas[0].spec.maxReplicas, (hpas[0].spec.metrics ?? []).some((metric) => metric.type === 'Resource' && metric.resource?.name === 'cpu')]
          : [scaled[0]!.spec.minReplicaCount ?? 0, scaled[0]!.spec.maxReplicaCount ?? 100, scaled[0]!.spec.triggers.some((trigger) => trigger.type === 'cpu')];
        expect({ app: app.name, cpu, min: min >= 1, max: max >= min }).toEqual({ app: app.name, cpu: true, min: true, max: true });

        type Pdb = KubernetesObject & { spec: { selector: LabelSelector; maxUnavailable?: number | string; minAvailable?: number | string } };
        const pdbs = ofKind<Pdb>(rendered, 'PodDisruptionBudget').filter((pdb) => selects(pdb.spec.selector, podLabels(deployment)));
        expect({ app: app.name, pdbs: pdbs.length }).toEqual({ app: app.name, pdbs: 1 });
        // Its own pods only, and it lets a node drain (one pod at a time).
        expect(appPods.filter((labels) => selects(pdbs[0]!.spec.selector, labels))).toHaveLength(1);
        expect({ app: app.name, maxUnavailable: pdbs[0]!.spec.maxUnavailable }).toEqual({ app: app.name, maxUnavailable: 1 });

        const spread = deployment.spec.template.spec.topologySpreadConstraints ?? [];
        expect(spread.map((constraint) => constraint.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
        for (const constraint of spread) expect(selects(constraint.labelSelector, podLabels(deployment))).toBe(true);
      }
    });

    it('gets the time its graceful shutdown may take before the kubelet kills it', () => {
      const rendered = byName(overlay);
      for (const app of apps) {
        const spec = appDeployment(rendered, app.name)[0]!.spec.template.spec;
        const container = spec.containers[0]!;
        const budget = effectiveValue(app.schema, 'SHUTDOWN_TIMEOUT_MS', containerEnvironment(rendered, container).get('SHUTDOWN_TIMEOUT_MS')) as number;
        const preStop = container.lifecycle?.preStop;
        const sleepCommand = preStop?.exec?.command;
        const preStopMs = preStop?.sleep ? preStop.sleep.seconds * 1000 : sleepCommand?.[0] === 'sleep' ? Number(sleepCommand[1]) * 1000 : 0;
        expect(preStopMs).toBeGreaterThan(0);
        // runServiceProcess exits at the latest 4 x SHUTDOWN_TIMEOUT_MS after SIGTERM, which follows preStop.
        const graceMs = (spec.terminationGracePeriodSeconds ?? 30) * 1000;
        expect({ app: app.name, enough: graceMs >= preStopMs + 4 * budget }).toEqual({ app: app.name, enough: true });
      }
    });
  });

  it.each(overlayNames())('%s: network policies deny by default; the ingress reaches only the gateway, the gateway only the services, Kafka, its database, Redis and public webhook receivers, the services only Kafka, their database and Redis', (overlay) => {
    const rendered = byName(overlay);
    const allPods = workloads(rendered);
    for (const workload of allPods) {
      for (const type of ['Ingress', 'Egress'] as const) {
        expect({ pod: workload.metadata.name, type, isolated: isolating(rendered, podLabels(workload), type).length > 0 }).toEqual({ pod: workload.metadata.name, type, isolated: true });
      }
    }
    // A default deny: every pod of the namespace, both directions, no rule.
    const denyAll = ofKind<NetworkPolicy>(rendered, 'NetworkPolicy').filter(
      (policy) =>
        Object.keys(policy.spec.podSelector).length === 0 &&
        ['Ingress', 'Egress'].every((type) => (policy.spec.policyTypes ?? []).includes(type as 'Ingress' | 'Egress')) &&
        (policy.spec.ingress ?? []).length === 0 &&
        (policy.spec.egress ?? []).length === 0,
    );
    expect(denyAll.length).toBeGreaterThan(0);

    for (const app of apps) {
      const deployment = appDeployment(rendered, app.name)[0]!;
      const container = deployment.spec.template.spec.containers[0]!;
      const env = containerEnvironment(rendered, container);
      const port = effectiveValue(app.schema, 'PORT', env.get('PORT')) as number;
      const labels = podLabels(deployment);
      // The apps that call this one (the gateway, for each service); none: it is the edge (the gateway).
      const callers = apps.filter((candidate) => candidate.upstreams.includes(app.name));
      const callerTargets = callers.map((caller) => `Deployment/${appDeployment(rendered, caller.name)[0]!.metadata.name}`).sort();

      // Who may connect: the ingress controller (gateway) or the gateway (services) to the app port;
      // Prometheus to the metrics port (the gateway's is not the API port).
      const metricsPort = metricsPortOf(app, env, port);
      for (const rule of isolating(rendered, labels, 'Ingress').flatMap((policy) => policy.spec.ingress ?? [])) {
        const fromMonitoring = (rule.from ?? []).every((candidate) => {
          const peer = describePeer(rendered, candidate);
          return peer.kind === 'namespace' && peer.targets[0] === MONITORING_NAMESPACE;
        });
        expect({ app: app.name, fromMonitoring, ports: rulePorts(rule) }).toEqual({ app: app.name, fromMonitoring, ports: [fromMonitoring ? metricsPort : port] });
        expect((rule.from ?? []).length).toBeGreaterThan(0);
        for (const peer of (rule.from ?? []).map((candidate) => describePeer(rendered, candidate))) {
          const allowed =
            (peer.kind === 'namespace' && peer.targets[0] === MONITORING_NAMESPACE) ||
            (callers.length === 0
              ? peer.kind === 'namespace' && peer.targets[0] === INGRESS_CONTROLLER_NAMESPACE
              : peer.kind === 'pods' && peer.targets.slice().sort().join() === callerTargets.join());
          expect({ app: app.name, peer, allowed }).toEqual({ app: app.name, peer, allowed: true });
        }
      }

      // Where it may connect: every rule names its peers and ports.
      const egress = isolating(rendered, labels, 'Egress')
        .flatMap((policy) => policy.spec.egress ?? [])
        .filter((rule) => !isDnsRule(rendered, rule));
      for (const rule of egress) {
        expect({ app: app.name, rule, bounded: (rule.to ?? []).length > 0 && rulePorts(rule).length > 0 }).toEqual({ app: app.name, rule, bounded: true });
        for (const peer of (rule.to ?? []).map((candidate) => describePeer(rendered, candidate))) {
          expect({ app: app.name, peer: peer.kind }).not.toEqual({ app: app.name, peer: 'anything' });
          // A pod selector that matches no pod is a rule for something that is not there.
          if (peer.kind === 'pods') expect({ app: app.name, rule, matches: peer.targets.length > 0 }).toEqual({ app: app.name, rule, matches: true });
        }
      }
      const reachable = (wanted: number) => egress.some((rule) => rulePorts(rule).includes(wanted));
      const redisPort = 6379;
      // Redis for every app; Kafka and PostgreSQL for those with a database; the upstream services' port for the gateway.
      const expected = new Set<number>([redisPort]);
      if (app.ownsDatabase) {
        for (const broker of String(env.get('KAFKA_BROKERS') ?? '').split(',')) expected.add(Number(broker.split(':')[1]));
        expected.add(5432);
      }
      const upstreams = apps.filter((candidate) => app.upstreams.includes(candidate.name));
      const upstreamPorts = upstreams.map((upstream) => effectiveValue(upstream.schema, 'PORT', containerEnvironment(rendered, appDeployment(rendered, upstream.name)[0]!.spec.template.spec.containers[0]!).get('PORT')) as number);
      for (const upstreamPort of upstreamPorts) expected.add(upstreamPort);
      // The gateway delivers webhooks to integrators' receivers: HTTPS and HTTP, never to private addresses.
      const webhookPorts = app.name === 'gateway' ? [443, 80] : [];
      for (const webhookPort of webhookPorts) expected.add(webhookPort);
      for (const rule of egress.filter((candidate) => webhookPorts.some((webhookPort) => rulePorts(candidate).includes(webhookPort)))) {
        for (const peer of rule.to ?? []) {
          expect({ app: app.name, peer, closesPrivateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'].every((cidr) => peer.ipBlock?.except?.includes(cidr)) }).toEqual({
            app: app.name,
            peer,
            closesPrivateRanges: true,
          });
        }
      }
      expect({ app: app.name, ports: [...new Set(egress.flatMap(rulePorts))].sort() }).toEqual({ app: app.name, ports: [...expected].sort() });
      for (const wanted of expected) expect({ app: app.name, wanted, reachable: reachable(wanted) }).toEqual({ app: app.name, wanted, reachable: true });
      if (upstreams.length > 0) {
        // The gateway: the rule to the services' port reaches exactly the services.
        const toUpstreams = egress.filter((rule) => rulePorts(rule).some((candidate) => upstreamPorts.includes(candidate)));
        const targets = toUpstreams.flatMap((rule) => (rule.to ?? []).flatMap((peer) => describePeer(rendered, peer).targets));
        expect({ app: app.name, targets: [...new Set(targets)].sort() }).toEqual({ app: app.name, targets: upstreams.map((upstream) => `Deployment/${upstream.name}`).sort() });
      }
    }

    // From outside, the Ingress leads only to the gateway.
    type Ingress = KubernetesObject & { spec: { ingressClassName?: string; rules: Array<{ http: { paths: Array<{ backend: { service: { name: string } } }> } }> } };
    const ingresses = ofKind<Ingress>(rendered, 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    for (const ingress of ingresses) {
      expect(ingress.spec.ingressClassName).toBeTruthy();
      expect([...new Set(ingress.spec.rules.flatMap((rule) => rule.http.paths.map((entry) => entry.backend.service.name)))]).toEqual(['gateway']);
    }
  });

  it('dev and prod differ in replicas, resources and image tags; dev runs one replica of each app', () => {
    const dev = byName('dev');
    const prod = byName('prod');
    for (const app of apps) {
      const [d, p] = [appDeployment(dev, app.name)[0]!, appDeployment(prod, app.name)[0]!];
      const [dc, pc] = [d.spec.template.spec.containers[0]!, p.spec.template.spec.containers[0]!];
      expect({ app: app.name, dev: d.spec.replicas }).toEqual({ app: app.name, dev: 1 });
      expect({ app: app.name, prodHasMore: (p.spec.replicas ?? 1) > 1 }).toEqual({ app: app.name, prodHasMore: true });
      expect({ app: app.name, resourcesDiffer: JSON.stringify(dc.resources) !== JSON.stringify(pc.resources) }).toEqual({ app: app.name, resourcesDiffer: true });
      expect({ app: app.name, tagsDiffer: imageTag(dc.image) !== imageTag(pc.image) }).toEqual({ app: app.name, tagsDiffer: true });
      expect({ app: app.name, prodTag: imageTag(pc.image) }).toEqual({ app: app.name, prodTag: expect.stringMatching(/^(\d+\.\d+\.\d+([-+][\w.]+)?|sha256:[0-9a-f]{64})$/) });
    }
  });

  it('dev runs Kafka (the tests’ version), PostgreSQL with the database of each app that has one and Redis in-cluster; prod uses external ones', () => {
    const dev = byName('dev');
    const kafkaVersion = /KAFKA_VERSION="\$\{KAFKA_VERSION:-([^}]+)\}"/.exec(readRepoFile('tools/kafka/kafka-local.sh'))?.[1];
    const images = workloads(dev).flatMap((workload) => workload.spec.template.spec.containers.map((container) => container.image));
    expect(images).toEqual(expect.arrayContaining([`apache/kafka:${kafkaVersion}`, expect.stringMatching(/^postgres:17(\.|$|-)/), expect.stringMatching(/^redis:7(\.|$|-)/)]));
    const servicesOf = (rendered: Rendered) =>
      new Map(ofKind<KubernetesObject & { spec: { ports: Array<{ port: number }> } }>(rendered, 'Service').map((service) => [service.metadata.name, service.spec.ports.map((port) => port.port)]));

    const secrets = devSecrets();
    const postgres = secrets.get('houqin-postgres') ?? {};
    const created = devDatabases(postgres);
    const devServices = servicesOf(dev);
    for (const app of apps.filter((candidate) => candidate.ownsDatabase)) {
      const container = appDeployment(dev, app.name)[0]!.spec.template.spec.containers[0]!;
      for (const broker of String(containerEnvironment(dev, container).get('KAFKA_BROKERS')).split(',')) {
        const [host, port] = broker.split(':');
        expect({ app: app.name, broker, inCluster: (devServices.get(host!) ?? []).includes(Number(port)) }).toEqual({ app: app.name, broker, inCluster: true });
      }
      const secretName = (container.env ?? []).find((variable) => variable.name === 'DATABASE_URL')!.valueFrom!.secretKeyRef!;
      const url = new URL(secrets.get(secretName.name)?.[secretName.key] ?? 'postgres://missing/missing');
      const database = url.pathname.slice(1);
      expect({ app: app.name, host: url.hostname, inCluster: devServices.get(url.hostname)?.includes(Number(url.port || 5432)) }).toEqual({ app: app.name, host: 'postgres', inCluster: true });
      expect({ app: app.name, created: created.find((entry) => entry.db === database) }).toEqual({
        app: app.name,
        created: { db: database, role: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
      });
    }
    expect(new Set(created.map((entry) => entry.db)).size).toBe(created.length);

    const prod = byName('prod');
    const prodImages = workloads(prod).flatMap((workload) => workload.spec.template.spec.containers.map((container) => container.image));
    expect(prodImages.filter((image) => /^(apache\/kafka|postgres|redis)[:@]/.test(image))).toEqual([]);
    const prodServices = servicesOf(prod);
    for (const app of apps.filter((candidate) => candidate.ownsDatabase)) {
      const brokers = String(containerEnvironment(prod, appDeployment(prod, app.name)[0]!.spec.template.spec.containers[0]!).get('KAFKA_BROKERS'));
      for (const broker of brokers.split(',')) expect(prodServices.has(broker.split(':')[0]!)).toBe(false);
    }
  });

  it('alert rules use only metrics the apps export, and cover dead letters, the outbox, consumers, handler failures and HTTP', () => {
    const metrics = new ServiceMetrics('probe', { defaultMetrics: false });
    const exported = new Set<string>();
    for (const metric of metrics.registry.getMetricsAsArray()) {
      exported.add(metric.name);
      if (metric instanceof Histogram) for (const suffix of ['_bucket', '_count', '_sum']) exported.add(`${metric.name}${suffix}`);
    }
    const rules = overlays.flatMap((rendered) => ofKind<KubernetesObject & { spec: { groups: Array<{ rules: Array<{ alert?: string; expr: string }> }> } }>(rendered, 'PrometheusRule'));
    expect(rules.length).toBeGreaterThan(0);
    const expressions = rules.flatMap((rule) => rule.spec.groups.flatMap((group) => group.rules.map((entry) => String(entry.expr))));
    const used = new Set(expressions.flatMap((expression) => expression.match(/\bhouqin_[a-z0-9_]+/g) ?? []));
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    for (const metric of ['houqin_dlq_events_total', 'houqin_outbox_backlog', 'houqin_consumer_up', 'houqin_consumer_lag', 'houqin_event_handler_failures_total', 'houqin_http_request_duration_seconds']) {
      expect({ metric, alerted: [...used].some((name) => name === metric || name.startsWith(`${metric}_`)) }).toEqual({ metric, alerted: true });
    }
    // The scrape config agrees with the apps' metrics route and port: each app is scraped once, on
    // the port where it serves /metrics.
    type PodMonitor = KubernetesObject & { spec: { selector: LabelSelector; podMetricsEndpoints: Array<{ port?: string; path?: string }> } };
    for (const rendered of overlays) {
      const monitors = ofKind<PodMonitor>(rendered, 'PodMonitor');
      if (monitors.length === 0) continue;
      for (const app of apps) {
        const deployment = appDeployment(rendered, app.name)[0]!;
        const container = deployment.spec.template.spec.containers[0]!;
        const env = containerEnvironment(rendered, container);
        const metricsPort = metricsPortOf(app, env, effectiveValue(app.schema, 'PORT', env.get('PORT')) as number);
        const scraped = monitors
          .filter((monitor) => selects(monitor.spec.selector, podLabels(deployment)))
          .flatMap((monitor) => monitor.spec.podMetricsEndpoints.map((endpoint) => [endpoint.path, containerPort(container, endpoint.port)]));
        expect({ overlay: rendered.overlay, app: app.name, scraped }).toEqual({ overlay: rendered.overlay, app: app.name, scraped: [[metricsRoute(), metricsPort]] });
      }
    }
  });
});

/** The overlay directories, known before beforeAll runs (it.each needs them at collection time). */
function overlayNames(): string[] {
  return readdirSync(OVERLAYS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
