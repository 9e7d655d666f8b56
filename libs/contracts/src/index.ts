export * from './envelope';
export * from './event-contract';
export * from './catalog';
export * from './events';
export * from './asyncapi';
