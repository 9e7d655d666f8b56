export * from './gateway.service';
export * from './gateway.config';
export { GatewayMetricsServer } from './gateway-metrics';
export * from './routing/service-routes';
export { rateLimitStorageKey } from './routing/redis-rate-limiter';
export { rateLimitKey } from './routing/domain/rate-limit';
export * from './access/route-policy';
export { PLATFORM_POLICIES } from './access/platform-policies';
export { AGENCY_HEADER } from './access/gateway-access.guard';
