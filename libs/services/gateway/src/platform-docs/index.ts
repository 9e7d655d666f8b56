export * from './merge-openapi';
export * from './platform-docs.module';
export * from './platform-docs.service';
export { PLATFORM_DOCS_PATH, PLATFORM_DOCUMENT_PATH } from './platform-docs.controller';
