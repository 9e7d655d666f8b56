export * from './wait-for';
export * from './infrastructure';
export * from './tokens';
export * from './service-process';
export * from './platform-process';
export * from './service-calls';
export * from './backing-services';
