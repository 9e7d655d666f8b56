import { RoutePolicy } from './route-policy';

interface CompiledPolicy {
  policy: RoutePolicy;
  pattern: RegExp;
  /** Literal segments first: /vendors/summary wins over /vendors/:id. */
  specificity: number;
}

/**
 * The gateway's policy table: one row per route of the platform's API. A request whose method and
 * path match no row is refused (deny by default); a path matching rows of other methods only is a
 * 405 the caller can act on.
 */
export class PolicyTable {
  private readonly compiled: CompiledPolicy[];

  constructor(readonly policies: readonly RoutePolicy[]) {
    const seen = new Set<string>();
    for (const policy of policies) {
      const key = `${policy.method} ${policy.path}`;
      if (seen.has(key)) throw new Error(`policy table declares ${key} twice`);
      seen.add(key);
    }
    this.compiled = policies
      .map((policy) => ({ policy, pattern: patternOf(policy.path), specificity: specificityOf(policy.path) }))
      .sort((a, b) => b.specificity - a.specificity);
  }

  match(method: string, path: string): RoutePolicy | undefined {
    const normalised = normalise(path);
    return this.compiled.find((entry) => entry.policy.method === method && entry.pattern.test(normalised))?.policy;
  }

  /** Methods declared for the path, for the Allow header of a 405. */
  methodsFor(path: string): string[] {
    const normalised = normalise(path);
    return [...new Set(this.compiled.filter((entry) => entry.pattern.test(normalised)).map((entry) => entry.policy.method))];
  }
}

function normalise(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed || '/';
}

function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

function specificityOf(path: string): number {
  return path.split('/').reduce((score, segment) => score * 2 + (segment.startsWith(':') ? 0 : 1), 0);
}

/** The OpenAPI form of a policy path: `/api/v1/vendors/:id` → `/api/v1/vendors/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
