import { Module } from '@nestjs/common';
import { PlatformDocsController } from './platform-docs.controller';
import { PlatformDocsService } from './platform-docs.service';

/**
 * The platform's one OpenAPI document at GET /api/openapi.json and Swagger UI at /api/docs (the
 * gateway's own document stays at /openapi.json and /docs, where the kit serves it).
 */
@Module({ controllers: [PlatformDocsController], providers: [PlatformDocsService], exports: [PlatformDocsService] })
export class PlatformDocsModule {}
