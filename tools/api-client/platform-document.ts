import 'reflect-metadata';
import { Global, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { cateringService } from '@houqin/catering';
import { evaluationService } from '@houqin/evaluation';
import { ROUTED_SERVICES, gatewayService } from '@houqin/gateway';
import { maintenanceService } from '@houqin/maintenance';
import { procurementService } from '@houqin/procurement';
import {
  EVENT_TRANSPORT,
  MessagingRuntime,
  REDIS_CLIENT,
  SERVICE_CONFIG,
  SERVICE_DEFINITION,
  SERVICE_LOGGER,
  ServiceDefinition,
  documentQueryParameters,
} from '@houqin/service-kit';
import { transportService } from '@houqin/transport';
import { OpenApiDocument, mergePlatformDocument } from '../../libs/services/gateway/src/platform-docs/merge-openapi';

const DEFINITIONS: Record<(typeof ROUTED_SERVICES)[number], ServiceDefinition> = {
  procurement: procurementService,
  maintenance: maintenanceService,
  catering: cateringService,
  transport: transportService,
  evaluation: evaluationService,
};

/**
 * A service's OpenAPI document from its Nest module alone: the application is created in preview
 * mode (the module graph, no instances — so no database, broker or HTTP server), with placeholders
 * for the providers the kit would give it.
 */
export async function serviceDocument(definition: ServiceDefinition): Promise<OpenApiDocument> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const placeholders: Array<string | symbol | Function> = [getDataSourceToken(), SERVICE_CONFIG, SERVICE_LOGGER, SERVICE_DEFINITION, EVENT_TRANSPORT, REDIS_CLIENT, MessagingRuntime];
  for (let attempt = 0; attempt < 100; attempt++) {
    const providers: Provider[] = placeholders.map((token) => ({ provide: token, useValue: {} }));
    @Global()
    @Module({ providers, exports: placeholders })
    class PlaceholderModule {}
    @Module({ imports: [PlaceholderModule, definition.module] })
    class PreviewRoot {}
    try {
      const app = await NestFactory.create(PreviewRoot, { preview: true, logger: false, abortOnError: false });
      // As startService does: query parameters described by their pipes (a defaulted limit is optional).
      documentQueryParameters(app);
      const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(definition.title).setDescription(definition.description).setVersion('0.1.0').build());
      await app.close();
      return JSON.parse(JSON.stringify(document)) as OpenApiDocument;
    } catch (error) {
      // Another kit provider the module injects: give it a placeholder too (nothing is instantiated).
      const missing = (error as { context?: { name?: string | symbol } }).context?.name;
      if (missing === undefined || placeholders.includes(missing)) throw error;
      placeholders.push(missing);
    }
  }
  throw new Error(`${definition.name}: could not build the OpenAPI document`);
}

/** The platform's merged document, as the gateway serves it at /api/openapi.json when every service is up. */
export async function platformDocument(): Promise<OpenApiDocument> {
  const gateway = await serviceDocument(gatewayService);
  const services = [];
  for (const name of ROUTED_SERVICES) services.push({ name, document: await serviceDocument(DEFINITIONS[name]) });
  return mergePlatformDocument({ gateway, services });
}
