/**
 * A section of an aggregated view: one service's answer, or why it is missing. A view always
 * answers; a service that is down costs only its own section.
 */

export const UNAVAILABLE_REASONS = ['unreachable', 'timed-out', 'circuit-open', 'overloaded', 'error'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface AvailableSection<T = unknown> {
  status: 'available';
  data: T;
}

export interface UnavailableSection {
  status: 'unavailable';
  reason: UnavailableReason;
  detail: string;
}

export type Section<T = unknown> = AvailableSection<T> | UnavailableSection;

/** What became of asking a service for a section. */
export type SectionOutcome =
  /** The service answered; `body` is its JSON, or undefined when the body was not JSON. */
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'unreachable'; reason: string; attempts: number }
  /** No whole answer within the section's time budget. */
  | { kind: 'timed-out'; budgetMs: number }
  /** The service's circuit is open: it was not called. */
  | { kind: 'circuit-open'; retryAfterMs: number }
  /** The gateway already has as many requests in flight and waiting for the service as it may: it was not called. */
  | { kind: 'overloaded'; retryAfterMs: number }
  /** Asking failed in the gateway itself. */
  | { kind: 'failed'; message: string };

/** The section a service's outcome makes. Only a 2xx answer with a JSON object is data. */
export function sectionFrom(service: string, outcome: SectionOutcome): Section<Record<string, unknown>> {
  switch (outcome.kind) {
    case 'answered':
      if (outcome.status >= 200 && outcome.status < 300) {
        if (isJsonObject(outcome.body)) return { status: 'available', data: outcome.body };
        return unavailable('error', `${service} answered ${outcome.status} without a JSON object`);
      }
      return unavailable('error', `${service} answered ${outcome.status}${problemDetail(outcome.body)}`);
    case 'unreachable':
      return unavailable('unreachable', `${service} could not be reached (${outcome.reason}) after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`);
    case 'timed-out':
      return unavailable('timed-out', `${service} did not answer within ${outcome.budgetMs} ms`);
    case 'circuit-open':
      return unavailable('circuit-open', `${service} is failing; its circuit is open and it is not asked again for ${Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))} s`);
    case 'overloaded':
      return unavailable('overloaded', `${service} is busy; the gateway sheds requests to it and asks again in ${Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))} s`);
    case 'failed':
      return unavailable('error', `${service} could not be asked: ${outcome.message}`);
  }
}

export function unavailable(reason: UnavailableReason, detail: string): UnavailableSection {
  return { status: 'unavailable', reason, detail };
}

/**
 * The time a section may take: the section budget, but never past the request's deadline at the
 * gateway (UPSTREAM_TIMEOUT_MS) — a section is always answered before the view's own deadline.
 */
export function sectionBudgetMs(budgets: { sectionMs: number; upstreamMs: number }): number {
  return Math.min(budgets.sectionMs, budgets.upstreamMs);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A service's problem+json names what went wrong; keep its detail. */
function problemDetail(body: unknown): string {
  if (isJsonObject(body) && typeof body['detail'] === 'string' && body['detail']) return `: ${body['detail'].slice(0, 300)}`;
  return '';
}
