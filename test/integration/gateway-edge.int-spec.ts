import { RunningService } from '@houqin/service-kit';
import { accessToken, testCaller } from '@houqin/testing';
import { StubUpstream, startGateway } from './gateway-fixture';

const CONSOLE = 'https://console.houqin.example';
const PARTNER = 'http://localhost:5173';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-site',
};

function expectSecurityHeaders(response: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect({ [name]: response.headers.get(name) }).toEqual({ [name]: value });
  expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(response.headers.get('content-security-policy')).toBeTruthy();
}

/**
 * Every answer of the gateway carries the security headers, whoever produced it (a service, the
 * gateway itself, or the body parser refusing an oversized body); browsers on the configured
 * origins — and only those — may call the API cross-origin, without credentials.
 */
describe('the gateway’s edge', () => {
  let upstream: StubUpstream;
  let gateway: RunningService;
  const bearer = { authorization: `Bearer ${accessToken(testCaller())}` };

  beforeAll(async () => {
    upstream = await StubUpstream.start();
    gateway = await startGateway({ MAINTENANCE_URL: upstream.url, CORS_ORIGINS: `${CONSOLE}, ${PARTNER}`, HTTP_BODY_LIMIT: '1kb' });
  });

  afterAll(async () => {
    await gateway?.shutdown();
    await upstream?.close();
  });

  describe('security headers', () => {
    it('are on forwarded answers, refusals, unknown paths and probes; /metrics is not on the API port', async () => {
      const responses = {
        forwarded: await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, { headers: bearer }),
        unauthenticated: await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`),
        'unknown service': await fetch(`${gateway.url}/api/v1/nothing-here`, { headers: bearer }),
        'unknown path': await fetch(`${gateway.url}/api/not-a-route`),
        probe: await fetch(`${gateway.url}/health/live`),
        metrics: await fetch(`${gateway.url}/metrics`),
      };
      expect(Object.fromEntries(Object.entries(responses).map(([label, response]) => [label, response.status]))).toEqual({
        forwarded: 200,
        unauthenticated: 401,
        'unknown service': 404,
        'unknown path': 404,
        probe: 200,
        metrics: 404,
      });
      for (const response of Object.values(responses)) {
        expectSecurityHeaders(response);
        expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
      }
    });

    it('are on the 413 problem for a body over HTTP_BODY_LIMIT, which is never forwarded', async () => {
      upstream.reset();
      const response = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json', origin: CONSOLE },
        body: JSON.stringify({ description: 'x'.repeat(2048) }),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ type: 'urn:houqin:problem:payload-too-large', status: 413 });
      expectSecurityHeaders(response);
      expect(response.headers.get('access-control-allow-origin')).toBe(CONSOLE);
      expect(upstream.hits).toHaveLength(0);
    });

    it('let the API documentation page load its own scripts and styles', async () => {
      const page = await fetch(`${gateway.url}/docs`);
      expect(page.status).toBe(200);
      expectSecurityHeaders(page);
      const policy = page.headers.get('content-security-policy')!;
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self' 'unsafe-inline'");
      expect(policy).toContain("connect-src 'self'");
      const html = await page.text();
      // Every script is one the page's own origin serves: nothing inline, nothing from elsewhere.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline!.trim()).toBe('');
        const source = /src=['"]([^'"]+)['"]/.exec(attributes!)?.[1];
        expect(source).toMatch(/^\.\/|^\/docs\//);
        const script = await fetch(new URL(source!, `${gateway.url}/docs`));
        expect(script.status).toBe(200);
      }
      expect((await fetch(`${gateway.url}/openapi.json`)).status).toBe(200);
    });
  });

  describe('CORS', () => {
    it('answers a preflight from a configured origin, allowing the API’s methods and headers without credentials', async () => {
      upstream.reset();
      const response = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, {
        method: 'OPTIONS',
        headers: { origin: PARTNER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(PARTNER);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type.*idempotency-key/);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toContain('Origin');
      expectSecurityHeaders(response);
      expect(upstream.hits).toHaveLength(0);
    });

    it('lets a configured origin read the answer and the correlation id, Retry-After and rate-limit headers', async () => {
      const response = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, { headers: { ...bearer, origin: CONSOLE } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(CONSOLE);
      const exposed = response.headers.get('access-control-expose-headers')!.toLowerCase().split(/,\s*/);
      expect(exposed).toEqual(expect.arrayContaining(['x-correlation-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']));
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('grants nothing to any other origin', async () => {
      const preflight = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, { headers: { ...bearer, origin: 'https://evil.example' } });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
      expect(actual.headers.get('access-control-expose-headers')).toBeNull();
    });
  });
});

describe('a gateway without CORS_ORIGINS', () => {
  let gateway: RunningService;

  beforeAll(async () => {
    gateway = await startGateway({});
  });

  afterAll(async () => {
    await gateway?.shutdown();
  });

  it('grants no cross-origin access at all', async () => {
    const preflight = await fetch(`${gateway.url}/api/v1/maintenance/repair-requests`, {
      method: 'OPTIONS',
      headers: { origin: CONSOLE, 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expectSecurityHeaders(preflight);
  });

  it('refuses a CORS_ORIGINS that is not a list of origins, naming the variable', async () => {
    await expect(startGateway({ CORS_ORIGINS: 'https://console.example/app, *' })).rejects.toThrow(/CORS_ORIGINS/);
  });
});
