/**
 * One OpenAPI document for the whole platform, merged from the gateway's own document and the
 * document each service serves at /openapi.json. Pure: no Nest, no I/O — the gateway serves its
 * result and tools/api-client generates the typed client from the very same function.
 */

import { platformPolicyTable } from '../access/platform-policies';
import { PolicyTable } from '../access/policy-table';

/** The parts of an OpenAPI 3.0 document the merge reads and writes; everything else passes through. */
export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; description?: string; version?: string; [key: string]: unknown };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: Array<{ name: string; description?: string }>;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
}

export interface ServiceDocumentInput {
  /** The routed service name: its paths become /api/v1/<name>/…. */
  name: string;
  /** Its document, or undefined when it could not be fetched (the service is listed as unavailable). */
  document?: OpenApiDocument;
}

export interface MergeInput {
  /** The gateway's own document: its operations keep their paths and unprefixed schema names. */
  gateway?: OpenApiDocument;
  services: ServiceDocumentInput[];
  version?: string;
  /** The policy table whose rows annotate the operations; default the platform's. */
  policies?: PolicyTable;
}

/** The scheme every operation of the merged document requires. */
export const ACCESS_TOKEN_SCHEME = 'access-token';
export const API_KEY_SCHEME = 'api-key';
/** Each operation's row of the gateway's policy table: action, roles, scope. */
export const POLICY_EXTENSION = 'x-houqin-policy';

export const UNAVAILABLE_EXTENSION = 'x-houqin-unavailable';
export const SERVICE_EXTENSION = 'x-houqin-service';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The kit's probes, metrics and docs of every process: operational, not part of the API. */
function isKitPath(path: string): boolean {
  return /^\/(health|metrics|docs|openapi\.(json|yaml))(\/|$)/.test(path);
}

/** The gateway's generic forwarder (/api/v1/{service}/…): the merged document lists each service's real operations instead. */
function isForwarderPath(path: string): boolean {
  return /^\/api\/v1\/\{[^}]+\}(\/|$)/.test(path);
}

/** Schema (and other component) names of a service get its name as prefix: maintenance's RepairRequestView is MaintenanceRepairRequestView. */
export function componentPrefix(service: string): string {
  return service
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function rewriteRefs(value: unknown, rename: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = key === '$ref' && typeof item === 'string' ? rename(item) : rewriteRefs(item, rename);
  }
  return result;
}

function prefixedRef(prefix: string): (ref: string) => string {
  return (ref) => {
    const match = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    return match ? `#/components/${match[1]}/${prefix}${match[2]}` : ref;
  };
}

function accessTokenScheme(): Record<string, unknown> {
  return {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "Access token of a person (or the console), issued by the gateway at POST /api/v1/auth/login — or a token of the agency's OpenID Connect provider when the gateway is configured for one: Authorization: Bearer <token>.",
  };
}

function apiKeyScheme(): Record<string, unknown> {
  return {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: "An integrator's API key (hqk_…), scoped to its agency and to actions; `Authorization: ApiKey <key>` works too. Only operations whose policy admits the integrator role accept it.",
  };
}

/**
 * Each operation as the policy table sees it: its row (x-houqin-policy), no security for a public
 * route, and the API key as an alternative where the row admits integrators.
 */
function withPolicies(paths: Record<string, unknown>, table: PolicyTable): void {
  for (const [path, item] of Object.entries(paths)) {
    // A concrete path for the matcher: every {parameter} becomes one segment.
    const concrete = path.replace(/\{[A-Za-z0-9_]+\}/g, 'x');
    const operations: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      const policy = HTTP_METHODS.has(key) && value && typeof value === 'object' ? table.match(key.toUpperCase(), concrete) : undefined;
      if (!policy) {
        operations[key] = value;
        continue;
      }
      const admitsKeys = (policy.roles as readonly string[]).includes('integrator');
      operations[key] = {
        ...(value as Record<string, unknown>),
        [POLICY_EXTENSION]: { action: policy.action, roles: [...policy.roles], scope: policy.scope, ...(policy.note ? { note: policy.note } : {}) },
        security: policy.scope === 'public' ? [] : [{ [ACCESS_TOKEN_SCHEME]: [] }, ...(admitsKeys ? [{ [API_KEY_SCHEME]: [] }] : [])],
      };
    }
    paths[path] = operations;
  }
}

/** Merges the gateway's and the services' documents into the platform's one document. */
export function mergePlatformDocument(input: MergeInput): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};
  const tags: Array<{ name: string; description?: string }> = [];
  const unavailable: string[] = [];

  const addComponents = (source: OpenApiDocument['components'], prefix: string) => {
    for (const [kind, entries] of Object.entries(source ?? {})) {
      if (kind === 'securitySchemes' || !entries) continue;
      const target = (components[kind] ??= {});
      for (const [name, component] of Object.entries(entries)) target[`${prefix}${name}`] = rewriteRefs(component, prefixedRef(prefix));
    }
  };

  const gateway = input.gateway;
  if (gateway) {
    for (const [path, item] of Object.entries(gateway.paths ?? {})) {
      if (isKitPath(path) || isForwarderPath(path)) continue;
      paths[path] = operationsOf(item, (operation) => ({
        ...operation,
        [SERVICE_EXTENSION]: 'gateway',
        ...(operation['security'] ? { security: onlyAccessToken(operation['security']) } : {}),
      }));
    }
    addComponents(gateway.components, '');
    for (const tag of gateway.tags ?? []) tags.push(tag);
  }

  for (const service of input.services) {
    const document = service.document;
    if (!document) {
      unavailable.push(service.name);
      tags.push({ name: service.name, description: `${service.name} is unavailable right now: its operations are missing from this document.` });
      continue;
    }
    const prefix = componentPrefix(service.name);
    const rename = prefixedRef(prefix);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      if (isKitPath(path)) continue;
      const merged = `/api/v1/${service.name}${path === '/' ? '' : path}`;
      paths[merged] = operationsOf(rewriteRefs(item, rename) as Record<string, unknown>, (operation) => {
        const rest: Record<string, unknown> = { ...operation };
        delete rest['security'];
        return {
          ...rest,
          ...(typeof operation['operationId'] === 'string' ? { operationId: `${service.name}_${operation['operationId']}` } : {}),
          tags: [service.name],
          [SERVICE_EXTENSION]: service.name,
          security: [{ [ACCESS_TOKEN_SCHEME]: [] }],
        };
      });
    }
    addComponents(document.components, prefix);
    const info = document.info ?? {};
    tags.push({ name: service.name, ...(info.title || info.description ? { description: [info.title, info.description].filter(Boolean).join(': ') } : {}) });
  }

  withPolicies(paths, input.policies ?? platformPolicyTable());
  components['securitySchemes'] = { [ACCESS_TOKEN_SCHEME]: accessTokenScheme(), [API_KEY_SCHEME]: apiKeyScheme() };
  return {
    openapi: gateway?.openapi ?? '3.0.0',
    info: {
      title: 'Houqin platform API',
      description:
        'Every operation of the platform through its one door, the gateway: /api/v1/<service>/… is forwarded to the owning service. ' +
        'Authenticate with an access token (Authorization: Bearer <token>) or, for integrators, an API key (X-Api-Key). ' +
        'Every operation names its row of the policy table (x-houqin-policy: action, roles, scope; see docs/authorization.md): a role outside it is 403, another agency 404. ' +
        'Errors are application/problem+json (RFC 9457).',
      version: input.version ?? gateway?.info?.version ?? '0.1.0',
    },
    tags,
    paths,
    components,
    security: [{ [ACCESS_TOKEN_SCHEME]: [] }],
    ...(unavailable.length > 0 ? { [UNAVAILABLE_EXTENSION]: unavailable } : {}),
  };
}

function onlyAccessToken(security: unknown): unknown {
  if (!Array.isArray(security)) return security;
  return security.length === 0 ? security : [{ [ACCESS_TOKEN_SCHEME]: [] }];
}

function operationsOf(item: Record<string, unknown>, map: (operation: Record<string, unknown>) => Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    result[key] = HTTP_METHODS.has(key) && value && typeof value === 'object' ? map(value as Record<string, unknown>) : value;
  }
  return result;
}
