import { CorsPolicy } from './cors-policy';
import { securityHeaders } from './security-headers';

const CONSOLE = 'https://console.houqin.example';

function header(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

describe('security headers', () => {
  it('forbid loading anything from an API answer', () => {
    const headers = securityHeaders('/api/v1/maintenance/repair-requests');
    expect(header(headers, 'Content-Security-Policy')).toMatch(/^default-src 'none'/);
    expect(header(headers, 'X-Content-Type-Options')).toBe('nosniff');
    expect(header(headers, 'X-Frame-Options')).toBe('DENY');
    expect(header(headers, 'Referrer-Policy')).toBe('no-referrer');
    expect(header(headers, 'Strict-Transport-Security')).toMatch(/max-age=\d+/);
    expect(header(headers, 'Cross-Origin-Resource-Policy')).toBe('same-site');
  });

  it('let the Swagger UI page load its own scripts and styles', () => {
    for (const path of ['/docs', '/docs/', '/docs/swagger-ui-init.js']) {
      const policy = header(securityHeaders(path), 'Content-Security-Policy')!;
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self' 'unsafe-inline'");
      expect(policy).toContain("connect-src 'self'");
    }
    expect(header(securityHeaders('/docsy'), 'Content-Security-Policy')).toMatch(/^default-src 'none';/);
  });
});

describe('the CORS policy', () => {
  const policy = new CorsPolicy([`${CONSOLE}/`]);

  it('is off without configured origins', () => {
    expect(new CorsPolicy([]).answer({ method: 'OPTIONS', origin: CONSOLE, requestedMethod: 'POST' })).toEqual({ kind: 'pass' });
  });

  it('leaves same-origin requests alone', () => {
    expect(policy.answer({ method: 'GET', origin: undefined, requestedMethod: undefined })).toEqual({ kind: 'pass' });
  });

  it('answers a preflight from a configured origin, without credentials', () => {
    const answer = policy.answer({ method: 'OPTIONS', origin: CONSOLE, requestedMethod: 'POST' });
    expect(answer.kind).toBe('preflight');
    const headers = answer.kind === 'pass' ? [] : answer.headers;
    expect(header(headers, 'Access-Control-Allow-Origin')).toBe(CONSOLE);
    expect(header(headers, 'Access-Control-Allow-Headers')).toContain('idempotency-key');
    expect(header(headers, 'Access-Control-Allow-Credentials')).toBeUndefined();
  });

  it('exposes the correlation id and the rate-limit headers to a configured origin', () => {
    const answer = policy.answer({ method: 'GET', origin: CONSOLE, requestedMethod: undefined });
    const headers = answer.kind === 'decorate' ? answer.headers : [];
    expect(header(headers, 'Access-Control-Allow-Origin')).toBe(CONSOLE);
    expect(header(headers, 'Access-Control-Expose-Headers')).toMatch(/x-correlation-id.*Retry-After.*RateLimit-Remaining/);
  });

  it('grants nothing to another origin', () => {
    for (const request of [
      { method: 'OPTIONS', origin: 'https://evil.example', requestedMethod: 'DELETE' },
      { method: 'GET', origin: 'https://evil.example', requestedMethod: undefined },
    ]) {
      const answer = policy.answer(request);
      expect(answer.kind === 'pass' ? [] : answer.headers).toEqual([['Vary', 'Origin']]);
    }
  });
});
