import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { MessagingRuntime, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import { commentFrame, eventFrame, retryFrame } from './domain/sse-frame';
import { AgencyEventLog } from './agency-event-log';
import { AGENCY_EVENT_CHANNEL, DatabaseNotifications } from './database-notifications';
import { IntegrationsEnvironment } from './integrations.config';
import { IntegrationsMetrics } from './integrations-metrics';

/** Events read from the log per query while a stream catches up. */
const PAGE_SIZE = 200;
/** How often the hub checks heartbeats due and whether the process is shutting down. */
const TICK_MS = 250;
/** What a browser's EventSource waits before reconnecting (with Last-Event-ID). */
const RECONNECT_DELAY_MS = 3000;

export interface StreamRequest {
  agencyId: string;
  /** Only these event types; all when absent. */
  types?: readonly string[];
  /** Resume after this position in the agency's log (Last-Event-ID); from now on when absent. */
  afterPosition?: string;
}

/**
 * One client's stream: a cursor in its agency's event log. Every wake-up reads the log after the
 * cursor, so a stream never depends on what a notification carried — a replay after Last-Event-ID
 * and the live part are the same read, and nothing falls between them.
 */
class AgencyEventStream {
  private pumping = false;
  private again = false;
  private closed = false;
  private lastWriteAt = Date.now();

  constructor(
    readonly agencyId: string,
    private readonly types: readonly string[] | undefined,
    private cursor: string,
    private readonly response: ServerResponse,
    private readonly log: AgencyEventLog,
    private readonly onError: (error: unknown) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends whatever the log holds after the cursor; a wake-up during a pump makes it read once more. */
  async pump(): Promise<void> {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        let page: Awaited<ReturnType<AgencyEventLog['readAfter']>>;
        do {
          page = await this.log.readAfter(this.agencyId, this.cursor, this.types, PAGE_SIZE);
          for (const event of page) {
            if (this.closed) return;
            await this.write(eventFrame({ id: event.position, event: event.type, data: event.json }));
            this.cursor = event.position;
          }
        } while (page.length === PAGE_SIZE && !this.closed);
      } while (this.again && !this.closed);
    } catch (error) {
      // The client reconnects with the Last-Event-ID it has and resumes exactly there.
      this.onError(error);
      this.close();
    } finally {
      this.pumping = false;
    }
  }

  heartbeatIfIdle(now: number, idleMs: number): void {
    if (this.closed || this.pumping || now - this.lastWriteAt < idleMs) return;
    void this.write(commentFrame('heartbeat'));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.response.writableEnded) this.response.end();
  }

  async write(frame: string): Promise<void> {
    if (this.closed || this.response.writableEnded || this.response.destroyed) return;
    this.lastWriteAt = Date.now();
    if (this.response.write(frame)) return;
    // Slow client: wait until the socket drained (or closed) before writing more.
    await new Promise<void>((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.on('drain', done);
      this.response.on('close', done);
    });
  }
}

/**
 * The live event streams (SSE) of this gateway replica. Each consumed event is NOTIFYed on commit
 * by whichever replica consumed it, so the clients of every replica see it; a notification only
 * names the agency, and its streams read the log after their cursors. Heartbeat comments keep idle
 * connections open through proxies; at shutdown every stream is ended so the client reconnects
 * (with Last-Event-ID) to another replica.
 */
@Injectable()
export class EventStreamHub implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly streams = new Set<AgencyEventStream>();
  private ticker?: NodeJS.Timeout;
  private closing = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsEnvironment,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly runtime: MessagingRuntime,
    private readonly log: AgencyEventLog,
    private readonly metrics: IntegrationsMetrics,
    notifications: DatabaseNotifications,
  ) {
    notifications.on(AGENCY_EVENT_CHANNEL, (agencyId) => this.wake(agencyId));
  }

  get isAccepting(): boolean {
    return !this.closing && !this.runtime.shuttingDown;
  }

  onApplicationBootstrap(): void {
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref();
  }

  beforeApplicationShutdown(): void {
    this.closeAll();
    clearInterval(this.ticker);
  }

  /** Answers the request with the stream: headers now, then the replay, then live events. */
  async open(response: ServerResponse, request: StreamRequest): Promise<void> {
    const cursor = request.afterPosition ?? (await this.log.latestPosition(request.agencyId));
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // The connection ends with the stream: a graceful shutdown does not wait for it to idle out.
      connection: 'close',
      // nginx and similar proxies must pass events on at once instead of buffering them.
      'x-accel-buffering': 'no',
    });
    const stream = new AgencyEventStream(request.agencyId, request.types, cursor, response, this.log, (error) =>
      this.logger.warn({ err: error, agencyId: request.agencyId }, 'event stream could not read the event log; closing it'),
    );
    this.streams.add(stream);
    this.metrics.streamClients.inc();
    response.on('close', () => {
      stream.close();
      if (this.streams.delete(stream)) this.metrics.streamClients.dec();
    });
    await stream.write(retryFrame(RECONNECT_DELAY_MS));
    await stream.pump();
  }

  private wake(agencyId: string): void {
    // '*': the LISTEN connection was re-established and notifications may have been missed.
    for (const stream of this.streams) if (agencyId === '*' || stream.agencyId === agencyId) void stream.pump();
  }

  private tick(): void {
    if (this.runtime.shuttingDown) {
      this.closeAll();
      return;
    }
    const now = Date.now();
    for (const stream of this.streams) stream.heartbeatIfIdle(now, this.config.EVENT_STREAM_HEARTBEAT_MS);
  }

  private closeAll(): void {
    this.closing = true;
    for (const stream of this.streams) stream.close();
  }
}
