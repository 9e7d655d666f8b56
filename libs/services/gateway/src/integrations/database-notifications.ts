import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { SERVICE_CONFIG, SERVICE_LOGGER, ServiceEnvironment } from '@houqin/service-kit';

/** NOTIFY channels of this module; PostgreSQL delivers a notification only when its transaction commits. */
export const AGENCY_EVENT_CHANNEL = 'houqin_agency_event';
export const WEBHOOK_DELIVERY_CHANNEL = 'houqin_webhook_delivery';
const CHANNELS = [AGENCY_EVENT_CHANNEL, WEBHOOK_DELIVERY_CHANNEL] as const;
export type NotificationChannel = (typeof CHANNELS)[number];

type Listener = (payload: string) => void;

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * One dedicated connection per gateway process that LISTENs to this module's channels, so a commit
 * on any replica wakes the delivery worker and the live streams of every replica. A lost connection
 * is re-established with backoff; on reconnecting, every listener hears a "resync" (payload `*`),
 * since notifications sent meanwhile are gone.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listeners = new Map<NotificationChannel, Set<Listener>>();
  private client?: Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceEnvironment, 'DATABASE_URL'>,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  on(channel: NotificationChannel, listener: Listener): void {
    const listeners = this.listeners.get(channel) ?? new Set<Listener>();
    listeners.add(listener);
    this.listeners.set(channel, listeners);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect(false);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(resync: boolean): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'houqin-gateway-integrations-listen' });
    client.on('notification', (message) => {
      if (CHANNELS.includes(message.channel as NotificationChannel)) this.emit(message.channel as NotificationChannel, message.payload ?? '');
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'integrations LISTEN connection lost; reconnecting');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.failures = 0;
      if (resync) for (const channel of CHANNELS) this.emit(channel, '*');
    } catch (error) {
      this.logger.warn({ err: error }, 'integrations LISTEN unavailable; polling only until it reconnects');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.failures += 1;
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, 250 * 2 ** Math.min(this.failures, 7));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect(true);
    }, delay);
    this.reconnectTimer.unref();
  }

  private emit(channel: NotificationChannel, payload: string): void {
    for (const listener of this.listeners.get(channel) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.error({ err: error, channel }, 'integrations notification listener failed');
      }
    }
  }
}
