import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { endPeriod } from './domain/sanction';
import { reinstatedEvent } from './sanction-events';
import { SanctionsRepository } from './sanctions.repository';

const BATCH = 100;

/**
 * The durable timer of suspensions: every SANCTION_SWEEP_INTERVAL_MS it claims the active
 * suspensions whose `until` the service's clock has passed (FOR UPDATE SKIP LOCKED, so replicas
 * sweeping at once take different sanctions), records the end of the period and appends
 * vendor.reinstated in the claim's transaction: each period ends exactly once, whatever the number of replicas.
 */
@Injectable()
export class SanctionSweep extends IntervalSweep<string[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly sanctions: SanctionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'sanction periods', intervalMs: config.SANCTION_SWEEP_INTERVAL_MS });
  }

  /** The ids of the sanctions whose period this call ended. */
  async sweep(): Promise<string[]> {
    const now = this.clock.now();
    const ended = await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.sanctions.claimEndedPeriods(manager, now, BATCH);
        const done: string[] = [];
        for (const { sanction, version } of claimed) {
          const next = endPeriod(sanction, now);
          if (!next) continue;
          await this.sanctions.saveSanction(manager, next, version);
          await this.outbox.append(manager, reinstatedEvent(next, eventOrigin(next)));
          done.push(next.id);
        }
        return done;
      }),
    );
    if (ended.length > 0) this.logger.info({ sanctions: ended }, 'suspension periods ended, vendors reinstated');
    return ended;
  }
}
