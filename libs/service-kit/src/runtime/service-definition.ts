import { DynamicModule, Type } from '@nestjs/common';
import { z } from 'zod';
import { EventCatalog, ServiceName } from '@houqin/contracts';

/** What makes one service different from another; everything else comes from the kit. */
export interface ServiceDefinition {
  name: ServiceName;
  title: string;
  description: string;
  /** The Nest module holding the service's features. */
  module: Type<unknown> | DynamicModule;
  /**
   * The service's own database: its entities and migrations (messaging tables included). A service
   * with persistence gets the outbox, the relay, the inbox and an event consumer.
   */
  persistence?: {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: Function[];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: Function[];
  };
  /** Variables the service reads beyond the kit's. */
  environment?: z.ZodObject<z.ZodRawShape>;
  /** How callers authenticate, as the OpenAPI document declares it: services take the gateway's internal token. */
  apiAuthentication?: 'internal-token' | 'access-token';
  /**
   * Whether the service honours Idempotency-Key itself (default: when it owns a database). The
   * gateway forwards keys to the owning service instead.
   */
  idempotencyKeys?: boolean;
  /** Event types the service knows; defaults to the platform catalog. */
  catalog?: EventCatalog;
  /**
   * Rules between variables (one needs another, one bounds another), checked with the schema before
   * anything starts: each problem names its variable.
   */
  checkEnvironment?(config: Record<string, unknown>): Array<{ variable: string; message: string }>;
}
