import http, { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/** A service's answer, read whole within the request's deadline. */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The deadline passed before the whole answer arrived. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
  }
}

/**
 * Keep-alive connection pools from the gateway to the services, one per protocol: a request reuses an
 * idle connection instead of opening one (node's agent drops an idle connection a second before the
 * keep-alive timeout the service announces, so it never reuses one the service is closing).
 * node:http rather than fetch: the same exchange for a fraction of the CPU (no web streams, no abort
 * signal per request).
 */
export class UpstreamConnections {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo', timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo', timeout: IDLE_SOCKET_MS }),
  };

  send(url: string, init: { method: string; headers: Record<string, string>; body?: string }, timeoutMs: number): Promise<UpstreamResponse> {
    const target = new URL(url);
    const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
    const headers = init.body === undefined ? init.headers : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
    return new Promise<UpstreamResponse>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const request = (protocol === 'https:' ? https : http).request(target, { method: init.method, headers, agent: this.agents[protocol] }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => settle(() => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) })));
        response.on('aborted', () => settle(() => reject(new Error('the connection closed before the answer was complete'))));
        response.on('error', (error) => settle(() => reject(error)));
      });
      // Bounds the whole exchange, reading the answer included.
      const timer = setTimeout(() => {
        const error = new UpstreamTimeoutError(timeoutMs);
        settle(() => reject(error));
        request.destroy(error);
      }, timeoutMs);
      request.on('error', (error) => settle(() => reject(error)));
      request.end(init.body);
    });
  }

  close(): void {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }
}

/** Idle pooled connections are closed after this at the latest (sooner when the service announces a shorter keep-alive). */
const IDLE_SOCKET_MS = 30_000;
