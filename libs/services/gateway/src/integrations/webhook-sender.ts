import { Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WebhookTargetGuard } from './webhook-target-guard';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** What one attempt came to, as the delivery log shows it. */
export type WebhookAnswer = { kind: 'answered'; status: number } | { kind: 'timed-out' } | { kind: 'unreachable'; reason: string };

/**
 * POSTs one delivery. The target is checked on every attempt (WebhookTargetGuard): the host is
 * resolved, checked, and the connection goes to the checked address. Redirects are not followed
 * (a 3xx is a failed attempt: the subscription's URL is the one that was agreed), and the
 * receiver's answer body is discarded unread.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly targets: WebhookTargetGuard) {}

  post(request: WebhookRequest): Promise<WebhookAnswer> {
    const url = new URL(request.url);
    const refusal = this.targets.refusalOfLiteral(url);
    if (refusal) return Promise.resolve({ kind: 'unreachable', reason: `ETARGETREFUSED target refused: ${refusal}` });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          lookup: this.targets.lookup,
          signal: AbortSignal.timeout(request.timeoutMs),
        },
        (response) => {
          response.resume();
          resolve({ kind: 'answered', status: response.statusCode ?? 0 });
        },
      );
      outgoing.on('error', (error) => {
        const name = error?.name;
        resolve(name === 'TimeoutError' || name === 'AbortError' ? { kind: 'timed-out' } : { kind: 'unreachable', reason: describeNetworkError(error) });
      });
      outgoing.end(request.body);
    });
  }
}

/** The system's code first (ECONNREFUSED, ENOTFOUND, ETARGETREFUSED, …), then what it says. */
function describeNetworkError(error: unknown): string {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  const reason = code && !message.startsWith(code) ? `${code} ${message}` : message;
  return reason.slice(0, 500);
}
