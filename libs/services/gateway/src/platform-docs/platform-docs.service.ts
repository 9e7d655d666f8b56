import { Inject, Injectable, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo, Server } from 'node:net';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { Logger } from 'pino';
import { GatewayEnvironment } from '../gateway.config';
import { ROUTED_SERVICES, upstreamUrl } from '../routing/service-routes';
import { OpenApiDocument, mergePlatformDocument } from './merge-openapi';

/** How long a merged document is served before it is rebuilt; shorter while a service is missing from it. */
export const PLATFORM_DOCS_TTL_MS = 60_000;
export const PLATFORM_DOCS_DEGRADED_TTL_MS = 5_000;
const FETCH_TIMEOUT_MS = 3_000;

export type FetchDocument = (url: string) => Promise<OpenApiDocument>;

export const PLATFORM_DOCS_FETCH = Symbol('PLATFORM_DOCS_FETCH');

async function fetchDocument(url: string): Promise<OpenApiDocument> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

/**
 * The platform's merged OpenAPI document: each service's /openapi.json fetched from its upstream,
 * with the gateway's own, merged and cached. A service that does not answer leaves its paths out
 * (and is named in x-houqin-unavailable) rather than failing the document.
 */
@Injectable()
export class PlatformDocsService {
  private cached?: { document: OpenApiDocument; expiresAt: number };
  private refreshing?: Promise<OpenApiDocument>;
  private readonly fetchDocument: FetchDocument;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
    @Optional() @Inject(PLATFORM_DOCS_FETCH) fetcher?: FetchDocument,
  ) {
    this.fetchDocument = fetcher ?? fetchDocument;
  }

  /** The clock of the cache (overridden in tests). */
  protected now(): number {
    return Date.now();
  }

  async document(): Promise<OpenApiDocument> {
    if (this.cached && this.cached.expiresAt > this.now()) return this.cached.document;
    this.refreshing ??= this.build().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async build(): Promise<OpenApiDocument> {
    const [gateway, ...documents] = await Promise.all([
      this.ownDocument(),
      ...ROUTED_SERVICES.map((service) =>
        this.fetchDocument(`${upstreamUrl(this.config, service)}/openapi.json`).catch((error: unknown) => {
          this.logger.warn({ service, err: error }, 'platform docs: service document unavailable');
          return undefined;
        }),
      ),
    ]);
    const document = mergePlatformDocument({
      ...(gateway ? { gateway } : {}),
      services: ROUTED_SERVICES.map((name, index) => ({ name, ...(documents[index] ? { document: documents[index] } : {}) })),
    });
    const degraded = documents.some((item) => item === undefined);
    this.cached = { document, expiresAt: this.now() + (degraded ? PLATFORM_DOCS_DEGRADED_TTL_MS : PLATFORM_DOCS_TTL_MS) };
    return document;
  }

  /** The gateway's own document, as the kit serves it at /openapi.json of this very process. */
  private async ownDocument(): Promise<OpenApiDocument | undefined> {
    const server = this.adapterHost?.httpAdapter?.getHttpServer() as Server | undefined;
    const address = server?.address() as AddressInfo | string | null | undefined;
    if (!address || typeof address === 'string') return undefined;
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
    try {
      return await this.fetchDocument(`http://${host}:${address.port}/openapi.json`);
    } catch (error) {
      this.logger.warn({ err: error }, 'platform docs: the gateway document is unavailable');
      return undefined;
    }
  }
}
