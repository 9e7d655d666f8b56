import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { TransportEnvironment } from '../transport.config';
import { markResponseBreached } from './domain/rental-response';
import { tripRentalResponseBreachedEvent } from './trip-events';
import { TripsRepository } from './trips.repository';

const BATCH = 200;

/** What one sweep announced: the trips whose rental response was breached. */
export interface RentalResponseSweepResult {
  breached: string[];
}

/**
 * The durable timer of rental responses (租车响应超时): every RENTAL_RESPONSE_SWEEP_INTERVAL_MS it
 * claims the rental trips still owing their vendor's answer past the deadline (FOR UPDATE SKIP
 * LOCKED, so replicas take different trips and never wait for a confirmation in progress), marks the
 * breach and appends trip.rental-response-breached in the same transaction: once per trip, whatever
 * the number of replicas. A confirmation holding the row lock announces a late answer itself.
 * "Past the deadline" is judged by the injected Clock, as the confirmation judges it.
 */
@Injectable()
export class RentalResponseSweep extends IntervalSweep<RentalResponseSweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trips: TripsRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: TransportEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'rental responses', intervalMs: config.RENTAL_RESPONSE_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<RentalResponseSweepResult> {
    const breached = await this.sweepInBatches(BATCH, () => this.dataSource.transaction((manager) => this.sweepBatch(manager)));
    if (breached.length > 0) this.logger.info({ trips: breached }, 'rental responses breached');
    return { breached };
  }

  /** One batch: the ids of the trips it claimed and breached, so a short batch ends the loop. */
  private async sweepBatch(manager: EntityManager): Promise<string[]> {
    const now = this.clock.now();
    const claimed = await this.trips.claimOwedRentalResponses(manager, now, BATCH);
    for (const { trip, version } of claimed) {
      const breached = markResponseBreached(trip, now);
      await this.trips.save(manager, breached, version);
      await this.outbox.append(manager, tripRentalResponseBreachedEvent(breached, eventOrigin({ agencyId: trip.agencyId })));
    }
    return claimed.map(({ trip }) => trip.id);
  }
}
