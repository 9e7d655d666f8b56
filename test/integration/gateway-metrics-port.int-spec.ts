import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { RunningService } from '@houqin/service-kit';
import { gatewayMetricsUrl, startGateway } from './gateway-fixture';

/**
 * The gateway is public: its Prometheus metrics are served on a port of their own (METRICS_PORT),
 * which only Prometheus reaches, and never on the API port.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let gateway: RunningService;
let metricsPort: number;

beforeAll(async () => {
  metricsPort = await freePort();
  gateway = await startGateway({ METRICS_PORT: String(metricsPort) });
});

afterAll(async () => {
  await gateway?.shutdown();
});

describe("the gateway's metrics", () => {
  it('are served on METRICS_PORT, in Prometheus text format', async () => {
    expect(gatewayMetricsUrl(gateway)).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
    const answer = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    expect(text).toContain('houqin_gateway_upstream_requests_total');
    expect(text).toMatch(/houqin_http_request_duration_seconds/);
  });

  it('are not served on the API port, with or without credentials', async () => {
    for (const path of ['/metrics', '/metrics/', '/metrics?format=prometheus']) {
      const answer = await fetch(`${gateway.url}${path}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(await answer.text()).not.toContain('houqin_');
    }
  });

  it('answer nothing else on the metrics port', async () => {
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/v1/auth/me`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/health/live`)).status).toBe(404);
  });

  it('refuse to start on a METRICS_PORT that is taken, naming the variable', async () => {
    await expect(startGateway({ METRICS_PORT: String(metricsPort) })).rejects.toThrow(new RegExp(`METRICS_PORT ${metricsPort}`));
  });
});
