import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConsoleMiddleware } from './console.middleware';

/** The web console at `/` (see ConsoleMiddleware); the API stays under /api, its docs under /docs. */
@Module({ providers: [ConsoleMiddleware] })
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
