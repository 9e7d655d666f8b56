export * from './gateway.service';
export * from './gateway.config';
export * from './routing/service-routes';
