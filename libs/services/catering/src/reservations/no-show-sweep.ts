import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { CateringEnvironment } from '../catering.config';
import { ReservationsService } from './reservations.service';

const BATCH = 200;

/**
 * The durable timer of no-shows (预订未就餐): every NO_SHOW_SWEEP_INTERVAL_MS it claims the booked
 * meals whose serving window has ended (FOR UPDATE SKIP LOCKED) and marks them no-show in the
 * claim's transaction — once each, whatever the number of replicas. Its hold is captured as the
 * charge in the same transaction: the kitchen cooked the meal.
 */
@Injectable()
export class NoShowSweep extends IntervalSweep<string[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reservations: ReservationsService,
    @Inject(SERVICE_CONFIG) config: CateringEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'no-shows', intervalMs: config.NO_SHOW_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<string[]> {
    const marked = await this.sweepInBatches(BATCH, () => this.dataSource.transaction((manager) => this.reservations.markNoShows(manager, BATCH)));
    if (marked.length > 0) this.logger.info({ reservations: marked.length }, 'booked meals nobody came for marked no-show');
    return marked;
  }
}
