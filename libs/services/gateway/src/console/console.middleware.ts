import { Inject, Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { Logger } from 'pino';
import { ConsoleEnvironment } from './console.config';
import { CONSOLE_CONTENT_SECURITY_POLICY, consoleAnswer, contentTypeOf } from './domain/console-route';

function listFiles(root: string, under = ''): string[] {
  return readdirSync(path.join(root, under), { withFileTypes: true }).flatMap((entry) => {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(root, relative) : entry.isFile() ? [relative] : [];
  });
}

/**
 * Serves the built web console (apps/console) at `/`, beside the API: the build's files are read
 * once at start (a few hundred kilobytes), hashed assets cached for a year, index.html never.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware, OnModuleInit {
  private readonly files = new Map<string, Buffer>();
  private readonly names = new Set<string>();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ConsoleEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const root = path.resolve(this.config.CONSOLE_DIR ?? path.join(process.cwd(), 'dist/apps/console'));
    if (!existsSync(path.join(root, 'index.html'))) {
      this.logger.warn({ consoleDir: root }, 'no web console built there (npm run build): / answers 404');
      return;
    }
    for (const file of listFiles(root)) {
      this.files.set(file, readFileSync(path.join(root, file)));
      this.names.add(file);
    }
    this.logger.debug({ consoleDir: root, files: this.files.size }, 'web console served at /');
  }

  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    if (this.files.size === 0) return next();
    const answer = consoleAnswer(request.method ?? 'GET', request.url ?? '/', this.names);
    if (answer.kind === 'pass') return next();
    const relativePath = answer.kind === 'file' ? answer.relativePath : 'index.html';
    const body = this.files.get(relativePath)!;
    response.setHeader('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
    response.setHeader('Content-Type', contentTypeOf(relativePath));
    response.setHeader('Content-Length', String(body.length));
    response.setHeader('Cache-Control', answer.kind === 'file' && answer.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    response.statusCode = 200;
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}
