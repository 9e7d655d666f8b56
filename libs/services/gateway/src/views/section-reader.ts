import { Inject, Injectable } from '@nestjs/common';
import { InternalTokenIssuer } from '@houqin/auth';
import { Caller, requestContext } from '@houqin/observability';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { RoutedService, upstreamUrl } from '../routing/service-routes';
import { UpstreamClient, UpstreamResult } from '../routing/upstream-client';
import { SectionOutcome, sectionBudgetMs } from './domain/section';

/**
 * Asks a service for one section of a view, on behalf of a caller, through the gateway's upstream
 * client — so the service's circuit breaker, retries and deadline apply as to any forwarded
 * request — and never waits longer than the section's time budget.
 */
@Injectable()
export class SectionReader {
  private readonly issuer: InternalTokenIssuer;
  readonly budgetMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment & { INTERNAL_TOKEN_SECRET: string },
    private readonly upstream: UpstreamClient,
  ) {
    this.issuer = new InternalTokenIssuer(config.INTERNAL_TOKEN_SECRET, 60);
    this.budgetMs = sectionBudgetMs({ sectionMs: config.VIEW_SECTION_TIMEOUT_MS, upstreamMs: config.UPSTREAM_TIMEOUT_MS });
  }

  /** GET `path` (with its query) of `service` as `caller`: the service sees the caller's agency, user and roles. */
  read(service: RoutedService, path: string, caller: Caller): Promise<SectionOutcome> {
    const context = requestContext.current();
    const headers: Record<string, string> = { authorization: `Bearer ${this.issuer.issue(caller)}`, accept: 'application/json' };
    if (context?.correlationId) headers['x-correlation-id'] = context.correlationId;
    if (context?.traceparent) headers['traceparent'] = context.traceparent;
    const answer = this.upstream
      .call({ service, method: 'GET', url: `${upstreamUrl(this.config, service)}${path}`, headers, hasIdempotencyKey: false })
      .then((result) => this.outcomeOf(result))
      .catch((error: unknown): SectionOutcome => ({ kind: 'failed', message: (error as Error).message }));
    return withinBudget(answer, this.budgetMs);
  }

  private async outcomeOf(result: UpstreamResult): Promise<SectionOutcome> {
    switch (result.kind) {
      case 'answered':
        return { kind: 'answered', status: result.response.status, body: parseJson(result.response.body.toString('utf8')) };
      case 'unreachable':
        return { kind: 'unreachable', reason: result.reason, attempts: result.attempts };
      case 'timed-out':
        return { kind: 'timed-out', budgetMs: this.budgetMs };
      case 'circuit-open':
        return { kind: 'circuit-open', retryAfterMs: result.retryAfterMs };
      case 'shed':
        return { kind: 'overloaded', retryAfterMs: result.retryAfterMs };
    }
  }
}

/** The outcome, or timed-out once the budget is spent; a late answer is read and dropped. */
async function withinBudget(answer: Promise<SectionOutcome>, budgetMs: number): Promise<SectionOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<SectionOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out', budgetMs }), budgetMs);
  });
  try {
    return await Promise.race([answer, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
