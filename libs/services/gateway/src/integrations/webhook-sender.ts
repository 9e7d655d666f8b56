import { Injectable } from '@nestjs/common';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** What one attempt came to, as the delivery log shows it. */
export type WebhookAnswer = { kind: 'answered'; status: number } | { kind: 'timed-out' } | { kind: 'unreachable'; reason: string };

/**
 * POSTs one delivery. Redirects are not followed (a 3xx is a failed attempt: the subscription's URL
 * is the one that was agreed), and the receiver's answer body is discarded unread.
 */
@Injectable()
export class WebhookSender {
  async post(request: WebhookRequest): Promise<WebhookAnswer> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'answered', status: response.status };
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timed-out' };
      return { kind: 'unreachable', reason: describeNetworkError(error) };
    }
  }
}

/** fetch reports "fetch failed" and hides the real reason (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return String(reason).slice(0, 500);
}
