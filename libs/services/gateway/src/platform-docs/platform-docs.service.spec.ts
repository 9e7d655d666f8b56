import type { Logger } from 'pino';
import { GatewayEnvironment } from '../gateway.config';
import { OpenApiDocument } from './merge-openapi';
import { PLATFORM_DOCS_DEGRADED_TTL_MS, PLATFORM_DOCS_TTL_MS, PlatformDocsService } from './platform-docs.service';

const config = {
  PROCUREMENT_URL: 'http://procurement',
  MAINTENANCE_URL: 'http://maintenance',
  CATERING_URL: 'http://catering',
  TRANSPORT_URL: 'http://transport',
  EVALUATION_URL: 'http://evaluation',
} as GatewayEnvironment;
const logger = { warn: () => undefined } as unknown as Logger;

class TestDocs extends PlatformDocsService {
  clock = 0;
  protected override now(): number {
    return this.clock;
  }
}

function doc(path: string): OpenApiDocument {
  return { openapi: '3.0.0', paths: { [path]: { get: { operationId: 'X_get', responses: {} } } } };
}

describe('PlatformDocsService', () => {
  it('merges every service, caches for the TTL, then rebuilds', async () => {
    const fetched: string[] = [];
    const docs = new TestDocs(config, logger, undefined, async (url) => {
      fetched.push(url);
      return doc('/things');
    });
    const first = await docs.document();
    expect(fetched).toEqual(['http://procurement/openapi.json', 'http://maintenance/openapi.json', 'http://catering/openapi.json', 'http://transport/openapi.json', 'http://evaluation/openapi.json']);
    expect(Object.keys(first.paths!)).toHaveLength(5);
    expect(first['x-houqin-unavailable']).toBeUndefined();
    docs.clock = PLATFORM_DOCS_TTL_MS - 1;
    expect(await docs.document()).toBe(first);
    expect(fetched).toHaveLength(5);
    docs.clock = PLATFORM_DOCS_TTL_MS;
    await docs.document();
    expect(fetched).toHaveLength(10);
  });

  it('answers without a service that is down, and retries it sooner', async () => {
    let transportUp = false;
    const docs = new TestDocs(config, logger, undefined, async (url) => {
      if (url.startsWith('http://transport') && !transportUp) throw new Error('ECONNREFUSED');
      return doc('/things');
    });
    const degraded = await docs.document();
    expect(degraded['x-houqin-unavailable']).toEqual(['transport']);
    expect(Object.keys(degraded.paths!)).not.toContain('/api/v1/transport/things');
    transportUp = true;
    docs.clock = PLATFORM_DOCS_DEGRADED_TTL_MS;
    const recovered = await docs.document();
    expect(recovered['x-houqin-unavailable']).toBeUndefined();
    expect(Object.keys(recovered.paths!)).toContain('/api/v1/transport/things');
  });

  it('builds once for concurrent callers', async () => {
    let calls = 0;
    const docs = new TestDocs(config, logger, undefined, async () => {
      calls += 1;
      return doc('/things');
    });
    await Promise.all([docs.document(), docs.document(), docs.document()]);
    expect(calls).toBe(5);
  });
});
