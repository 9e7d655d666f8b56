/** Headers a browser client may send on a cross-origin request. */
const ALLOWED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'idempotency-key', 'x-correlation-id', 'traceparent', 'if-match', 'if-none-match'];
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Response headers a browser client may read. */
const EXPOSED_HEADERS = ['x-correlation-id', 'traceparent', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Location', 'ETag', 'Idempotent-Replayed'];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface CorsRequest {
  method: string;
  origin: string | undefined;
  /** Access-Control-Request-Method: present only on a preflight. */
  requestedMethod: string | undefined;
}

export type CorsAnswer =
  /** Not a cross-origin request the policy cares about: the request proceeds untouched. */
  | { kind: 'pass' }
  /** An actual request: it proceeds, with these headers on its response. */
  | { kind: 'decorate'; headers: Array<[string, string]> }
  /** A preflight: answered right here with 204 and these headers. */
  | { kind: 'preflight'; headers: Array<[string, string]> };

/**
 * Cross-origin access for exactly the configured origins, without credentials (the API takes bearer
 * tokens, never cookies). With no origins configured CORS is off: browsers keep the same-origin rule.
 * A preflight from any other origin is answered without Access-Control-Allow-Origin, so the browser
 * refuses the actual request.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.origins = new Set(origins.map((origin) => origin.toLowerCase().replace(/\/+$/, '')));
  }

  get enabled(): boolean {
    return this.origins.size > 0;
  }

  allows(origin: string): boolean {
    return this.origins.has(origin.toLowerCase());
  }

  answer(request: CorsRequest): CorsAnswer {
    if (!this.enabled || request.origin === undefined) return { kind: 'pass' };
    const allowed = this.allows(request.origin);
    const vary: [string, string] = ['Vary', 'Origin'];
    if (request.method.toUpperCase() === 'OPTIONS' && request.requestedMethod !== undefined) {
      if (!allowed) return { kind: 'preflight', headers: [vary] };
      return {
        kind: 'preflight',
        headers: [
          vary,
          ['Access-Control-Allow-Origin', request.origin],
          ['Access-Control-Allow-Methods', ALLOWED_METHODS.join(', ')],
          ['Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS.join(', ')],
          ['Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS)],
        ],
      };
    }
    if (!allowed) return { kind: 'decorate', headers: [vary] };
    return { kind: 'decorate', headers: [vary, ['Access-Control-Allow-Origin', request.origin], ['Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', ')]] };
  }
}
