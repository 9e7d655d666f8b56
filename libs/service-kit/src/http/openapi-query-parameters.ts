import type { INestApplication, PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { ApiQuery, DECORATORS } from '@nestjs/swagger';
import type { DocumentsQueryParameter, QueryParameterDocumentation } from './validation';

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: Array<PipeTransform | Type<PipeTransform>>;
}

function documentationOf(pipe: PipeTransform | Type<PipeTransform>): QueryParameterDocumentation | undefined {
  const candidate = (typeof pipe === 'function' ? pipe.prototype : pipe) as Partial<DocumentsQueryParameter>;
  return typeof candidate.describeQueryParameter === 'function' ? candidate.describeQueryParameter() : undefined;
}

/**
 * Swagger reads `@Query('limit', new IntegerParam(…))` as a required parameter of type number; the
 * pipe knows better (optional, with bounds and a default). Before the document is built, each query
 * parameter whose pipe documents itself gets that description, unless the route states its own
 * `@ApiQuery` — so the document, and the client generated from it, say what the API does.
 */
export function documentQueryParameters(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const descriptor = Object.getOwnPropertyDescriptor(prototype, method);
        if (method === 'constructor' || typeof descriptor?.value !== 'function') continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
        for (const [key, argument] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY || typeof argument.data !== 'string') continue;
          const explicit = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, descriptor.value) ?? []) as Array<{ name?: string; in?: string }>;
          if (explicit.some((parameter) => parameter.in === 'query' && parameter.name === argument.data)) continue;
          const documentation = (argument.pipes ?? []).map(documentationOf).find(Boolean);
          if (!documentation) continue;
          ApiQuery({ name: argument.data, ...documentation })(prototype, method, descriptor);
        }
      }
    }
  }
}
