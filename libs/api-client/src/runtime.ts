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

  /** The fields the problem names (problem+json `errors`), each with the reason it gives. */
  get fieldErrors(): FieldError[] {
    const errors = this.problem['errors'];
    if (!Array.isArray(errors)) return [];
    return errors.filter((error): error is FieldError => !!error && typeof error === 'object' && typeof (error as FieldError).field === 'string' && typeof (error as FieldError).message === 'string');
  }
}

/** One entry of a problem's `errors`: the request field at fault and why. */
export interface FieldError {
  field: string;
  rule?: string;
  message: string;
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
    const { response, path } = await this.exchange(request);
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed: unknown = text.length > 0 && /json/.test(contentType) ? JSON.parse(text) : text.length > 0 ? text : undefined;
    if (!response.ok) throw new ProblemError(response.status, toProblem(response.status, response.statusText, parsed), request.method, path);
    return parsed as T;
  }

  /** Sends the request and answers the response unread (a stream); an error status is thrown as ProblemError. */
  async open(request: HttpRequest): Promise<Response> {
    const { response, path } = await this.exchange(request);
    if (response.ok && response.body) return response;
    const text = await response.text();
    const parsed: unknown = text.length > 0 && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text || undefined;
    throw new ProblemError(response.status, toProblem(response.status, response.statusText, parsed), request.method, path);
  }

  /** Subscribes to a server-sent event stream (see openEventStream). */
  stream(request: HttpRequest, handlers: EventStreamHandlers): EventStreamSubscription {
    return openEventStream(this, request, handlers);
  }

  private async exchange(request: HttpRequest): Promise<{ response: Response; path: string }> {
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
    return { response, path };
  }
}

function toProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === 'object' && typeof (body as Problem).title === 'string') {
    const problem = body as Partial<Problem>;
    return { ...problem, type: problem.type ?? 'about:blank', title: problem.title!, status: typeof problem.status === 'number' ? problem.status : status };
  }
  return { type: 'about:blank', title: statusText || `HTTP ${status}`, status, ...(typeof body === 'string' && body ? { detail: body } : {}) };
}

/** One message of a server-sent event stream (text/event-stream). */
export interface StreamedEvent {
  /** The id the server gave the message (sent back as Last-Event-ID on reconnection). */
  id?: string;
  /** The event type; `message` when the server named none. */
  event: string;
  data: string;
}

export interface EventStreamHandlers {
  onEvent(event: StreamedEvent): void;
  /** The stream is (re)connected. */
  onOpen?(): void;
  /** The stream dropped or was refused; a ProblemError with status 401/403/404 ends it, anything else is retried. */
  onError?(error: unknown): void;
}

export interface EventStreamSubscription {
  close(): void;
}

/**
 * Parses text/event-stream as it arrives (WHATWG HTML, server-sent events): `name: value` lines, a
 * blank line ends a message, `:` lines are comments (heartbeats). Feed it chunks in order.
 */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  /** The reconnection delay the server asked for with `retry:`. */
  retryMs: number | undefined;

  constructor(private readonly emit: (event: StreamedEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.emit({ ...(this.id !== undefined ? { id: this.id } : {}), event: this.event || 'message', data: this.data.join('\n') });
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data') this.data.push(value);
    else if (name === 'event') this.event = value;
    else if (name === 'id') this.id = value;
    else if (name === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }
}

/** Refusals that reconnecting cannot cure. */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 405]);

/**
 * Opens a server-sent event stream with the transport's authentication (a browser's EventSource
 * cannot send a bearer token) and keeps it open: a dropped stream is reopened after the server's
 * retry delay, resuming after the last event received (Last-Event-ID).
 */
export function openEventStream(transport: HttpTransport, request: HttpRequest, handlers: EventStreamHandlers): EventStreamSubscription {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = 3000;
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await transport.open({
          ...request,
          options: { ...request.options, signal: controller.signal, headers: { ...request.options?.headers, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } },
        });
        handlers.onOpen?.();
        const parser = new EventStreamParser((event) => {
          if (event.id !== undefined) lastEventId = event.id;
          handlers.onEvent(event);
        });
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
          retryMs = parser.retryMs ?? retryMs;
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        handlers.onError?.(error);
        if (error instanceof ProblemError && FINAL_STATUSES.has(error.status)) return;
      }
      if (controller.signal.aborted) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  };
  void run();
  return { close: () => controller.abort() };
}
