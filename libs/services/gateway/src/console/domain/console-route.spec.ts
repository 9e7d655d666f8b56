import { consoleAnswer, contentTypeOf } from './console-route';

const BUILD = new Set(['index.html', 'assets/index-3f2a.js', 'assets/antd-9c1b.js']);

describe('which requests the web console answers', () => {
  it('serves the files of the build, hashed assets as immutable', () => {
    expect(consoleAnswer('GET', '/assets/index-3f2a.js', BUILD)).toEqual({ kind: 'file', relativePath: 'assets/index-3f2a.js', immutable: true });
    expect(contentTypeOf('assets/index-3f2a.js')).toBe('text/javascript; charset=utf-8');
  });

  it('answers a deep link with the app, so a reload shows the same page', () => {
    expect(consoleAnswer('GET', '/', BUILD)).toEqual({ kind: 'app' });
    expect(consoleAnswer('GET', '/work-orders/5c1d?tab=open', BUILD)).toEqual({ kind: 'app' });
    expect(consoleAnswer('HEAD', '/index.html', BUILD)).toEqual({ kind: 'app' });
  });

  it('leaves the API, its docs, probes and metrics to the gateway', () => {
    for (const path of ['/api/v1/auth/me', '/api/openapi.json', '/docs', '/docs/swagger-ui.css', '/health/ready', '/metrics']) expect(consoleAnswer('GET', path, BUILD)).toEqual({ kind: 'pass' });
  });

  it('answers 404 (passes) for a missing asset rather than the app, and never takes writes', () => {
    expect(consoleAnswer('GET', '/assets/index-old.js', BUILD)).toEqual({ kind: 'pass' });
    expect(consoleAnswer('POST', '/', BUILD)).toEqual({ kind: 'pass' });
    expect(consoleAnswer('GET', '/%E0%A4%A', BUILD)).toEqual({ kind: 'pass' });
  });

  it('never reaches outside the build', () => {
    expect(consoleAnswer('GET', '/../package.json', BUILD)).toEqual({ kind: 'pass' });
    expect(consoleAnswer('GET', '/assets/../../secrets.json', BUILD)).toEqual({ kind: 'pass' });
  });
});
