import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { throwError } from 'rxjs';
import { BusinessRuleViolation, DomainError, DuplicateError, IllegalTransitionError, NotFoundError, NotPermittedError } from '@houqin/domain';
import { requestContext } from '@houqin/observability';
import { isDatabaseUnavailable } from '@houqin/persistence';
import { SERVICE_LOGGER } from '../tokens';

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:houqin:problem:${code}`;
}

/** A request whose input breaks the declared rules; names every offending field. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(`invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function toProblem(exception: unknown): Problem {
  if (exception instanceof RequestValidationError) {
    return {
      type: problemType('validation-failed'),
      title: 'Invalid request',
      status: 400,
      detail: exception.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors: exception.errors,
    };
  }
  if (exception instanceof IllegalTransitionError) {
    return {
      type: problemType('illegal-transition'),
      title: 'Illegal state transition',
      status: 409,
      detail: exception.message,
      currentState: exception.currentState,
      attemptedAction: exception.attemptedAction,
    };
  }
  if (exception instanceof DuplicateError) {
    return {
      type: problemType(exception.code),
      title: 'Conflict',
      status: 409,
      detail: exception.message,
      errors: [{ field: exception.field, rule: 'unique', message: exception.message }],
    };
  }
  if (exception instanceof NotFoundError) {
    return { type: problemType('not-found'), title: 'Not Found', status: 404, detail: exception.message };
  }
  if (exception instanceof NotPermittedError) {
    return {
      type: problemType(exception.code),
      title: 'Forbidden',
      status: 403,
      detail: exception.message,
      ...(exception.field ? { errors: [{ field: exception.field, rule: exception.code, message: exception.message }] } : {}),
    };
  }
  if (exception instanceof BusinessRuleViolation) {
    return {
      type: problemType(exception.code),
      title: 'Business rule violated',
      status: 422,
      detail: exception.message,
      ...(exception.field ? { errors: [{ field: exception.field, rule: exception.code, message: exception.message }] } : {}),
    };
  }
  if (exception instanceof DomainError) {
    return { type: problemType(exception.code), title: 'Business rule violated', status: 422, detail: exception.message };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    if ((body['type'] as string | undefined)?.startsWith('urn:houqin:problem:')) return { ...(body as Problem), status };
    const message = Array.isArray(body['message']) ? (body['message'] as unknown[]).join('; ') : String(body['message'] ?? exception.message);
    const problem: Problem = {
      type: problemType(codeFor(status)),
      title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
      status,
      detail: status === 400 && /JSON/i.test(message) ? `request body is not valid JSON: ${message}` : message,
    };
    // Health checks report each indicator; keep them in the problem.
    if (typeof body['details'] === 'object' && body['details'] !== null) problem['checks'] = body['details'];
    return problem;
  }
  const typeError = (exception as { type?: string })?.type;
  if (typeError === 'entity.too.large') {
    return { type: problemType('payload-too-large'), title: 'Payload Too Large', status: 413, detail: 'request body exceeds the limit' };
  }
  if (typeError === 'entity.parse.failed') {
    return { type: problemType('malformed-body'), title: 'Bad Request', status: 400, detail: 'request body is not valid JSON' };
  }
  // The body reader's other refusals (an unknown charset or content encoding, a body that does not
  // decompress) are the client's: http-errors marks them with a 4xx status and expose.
  const clientError = exception as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown };
  const clientStatus = typeof clientError?.status === 'number' ? clientError.status : typeof clientError?.statusCode === 'number' ? clientError.statusCode : undefined;
  if (clientStatus !== undefined && clientStatus >= 400 && clientStatus < 500 && (clientError.expose === true || typeError !== undefined || clientStatus === 400)) {
    const status = clientStatus === 415 ? 415 : 400;
    return {
      type: problemType(status === 415 ? 'unsupported-media-type' : 'malformed-body'),
      title: status === 415 ? 'Unsupported Media Type' : 'Bad Request',
      status,
      detail: status === 415 ? `the request body cannot be read: ${String(clientError.message ?? 'unsupported encoding')}` : 'the request body cannot be read',
    };
  }
  // The service's database lost or refusing connections is not a bug: the request may be sent again
  // (the gateway retries idempotent requests and those with an Idempotency-Key).
  if (isDatabaseUnavailable(exception)) {
    return { type: problemType('database-unavailable'), title: 'Service Unavailable', status: 503, detail: 'the service cannot reach its database just now; try again', retryAfterSeconds: 1 };
  }
  return { type: problemType('internal-error'), title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred; it has been logged with the correlation id.' };
}

function codeFor(status: number): string {
  switch (status) {
    case 400:
      return 'bad-request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload-too-large';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'rate-limited';
    case 503:
      return 'unavailable';
    default:
      return `http-${status}`;
  }
}

export function sendProblem(response: Response, problem: Problem): void {
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * Every HTTP error leaves as application/problem+json. In event handlers (rpc context) the original
 * error is rethrown untouched, so the dispatcher can retry and dead-letter it with its real message.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception);
    problem.instance = request.originalUrl;
    const correlationId = requestContext.current()?.correlationId;
    if (correlationId) problem.correlationId = correlationId;
    if (problem.status >= 500 && problem.status !== 503) this.logger.error({ err: exception, path: request.originalUrl }, 'request failed');
    else if (problem.type === problemType('database-unavailable')) this.logger.warn({ err: exception, path: request.originalUrl }, 'request refused: the database is unavailable');
    if (response.headersSent) return undefined;
    if (problem.status === 503 && typeof problem['retryAfterSeconds'] === 'number') response.setHeader('Retry-After', String(problem['retryAfterSeconds']));
    sendProblem(response, problem);
    return undefined;
  }
}
