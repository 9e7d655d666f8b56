import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import { IntegrationsEnvironment } from './integrations.config';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Keeps the agency event log and the delivery log bounded: events older than
 * EVENT_STREAM_RETENTION_HOURS, and finished deliveries (with their attempts) older than
 * WEBHOOK_DELIVERY_RETENTION_DAYS, are deleted once a minute by whichever replica gets the lock.
 * Pending deliveries are never deleted, whatever their age.
 */
@Injectable()
export class IntegrationsRetention extends IntervalSweep<void> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'integrations retention', intervalMs: SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended('houqin.gateway.integrations-retention', 0)) AS held`)) as Array<{ held: boolean }>;
      if (!lock?.held) return;
      await manager.query(`DELETE FROM agency_event WHERE recorded_at < now() - make_interval(hours => $1)`, [this.config.EVENT_STREAM_RETENTION_HOURS]);
      await manager.query(`DELETE FROM webhook_delivery WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1)`, [this.config.WEBHOOK_DELIVERY_RETENTION_DAYS]);
    });
  }
}
