export * from './database-url';
export * from './data-source-options';
export * from './embedded-postgres';
export * from './agency-scoped';
export * from './typeorm-logger';
