export * from './database-url';
export * from './data-source-options';
export * from './embedded-postgres';
export * from './agency-scoped';
export * from './caller-scope';
export * from './typeorm-logger';
