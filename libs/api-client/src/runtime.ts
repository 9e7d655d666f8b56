/** The hand-written half of the typed client: transport, authentication and problem+json errors. */

/** An RFC 9457 problem as the platform answers errors (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** A call answered with an error status; carries the problem+json the platform sent. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path} answered ${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'ProblemError';
  }
}

export interface HouqinClientOptions {
  /** The gateway, e.g. http://127.0.0.1:8080 (no trailing /api/v1). */
  baseUrl: string;
  /** The caller's access token, or a function giving the current one (refreshed tokens). */
  accessToken?: string | (() => string | Promise<string>);
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  /** Makes a POST/PATCH safe to retry: the service answers a repeat with the first result. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** A query parameter: undefined and null are left out, an array repeats the parameter, anything else is sent as String(value). */
export type QueryValue = unknown;

export interface HttpRequest {
  method: string;
  /** Path template with {name} placeholders. */
  path: string;
  pathParams?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  options?: RequestOptions;
}

/** Sends the requests of the generated operations. */
export class HttpTransport {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HouqinClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async send<T>(request: HttpRequest): Promise<T> {
    const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = request.pathParams?.[name];
      if (value === undefined) throw new TypeError(`${request.method} ${request.path}: missing path parameter ${name}`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined || value === null) continue;
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) search.append(name, String(item));
    }
    const url = `${this.baseUrl}${path}${search.size > 0 ? `?${search.toString()}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...this.options.headers, ...request.options?.headers };
    const token = typeof this.options.accessToken === 'function' ? await this.options.accessToken() : this.options.accessToken;
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (request.options?.idempotencyKey) headers['idempotency-key'] = request.options.idempotencyKey;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.fetchImpl(url, {
      method: request.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(request.options?.signal ? { signal: request.options.signal } : {}),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed: unknown = text.length > 0 && /json/.test(contentType) ? JSON.parse(text) : text.length > 0 ? text : undefined;
    if (!response.ok) throw new ProblemError(response.status, toProblem(response.status, response.statusText, parsed), request.method, path);
    return parsed as T;
  }
}

function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === 'object' && typeof (body as Problem).title === 'string') {
    const problem = body as Partial<Problem>;
    return { ...problem, type: problem.type ?? 'about:blank', title: problem.title!, status: typeof problem.status === 'number' ? problem.status : status };
  }
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status, ...(typeof body === 'string' && body ? { detail: body } : {}) };
}
