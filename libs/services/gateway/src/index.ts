export * from './gateway.service';
export * from './gateway.config';
export * from './routing/service-routes';
export { rateLimitStorageKey } from './routing/redis-rate-limiter';
export { rateLimitKey } from './routing/domain/rate-limit';
