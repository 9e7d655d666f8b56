import Redis from 'ioredis';
import type { Logger } from 'pino';

export const REDIS_CLIENT = Symbol('houqin.redis');

/** Redis for shared ephemeral state. Optional: without REDIS_URL the service uses in-memory fallbacks. */
export function createRedis(url: string | undefined, logger: Logger): Redis | null {
  if (!url) return null;
  // Auto-pipelining: commands issued in the same tick (a request's rate limit and its token check)
  // leave in one write and come back in one round trip.
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false, connectTimeout: 3000, enableAutoPipelining: true });
  client.on('error', (error) => logger.warn({ err: error }, 'redis connection problem'));
  return client;
}
