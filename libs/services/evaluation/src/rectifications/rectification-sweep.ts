import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { escalateRectification } from './domain/rectification';
import { overdueEvent } from './rectification-events';
import { RectificationRepository } from './rectification.repository';

const BATCH = 200;

/**
 * The durable timer of rectification notices: every RECTIFICATION_SWEEP_INTERVAL_MS it claims the
 * notices awaiting an answer whose deadline passed and that were not escalated for that deadline
 * (FOR UPDATE SKIP LOCKED), records the escalation and appends rectification.overdue in the claim's
 * transaction: once per notice and deadline, whatever the number of replicas or restarts.
 */
@Injectable()
export class RectificationSweep extends IntervalSweep<string[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly notices: RectificationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'rectification deadlines', intervalMs: config.RECTIFICATION_SWEEP_INTERVAL_MS });
  }

  /** The ids of the notices escalated by this pass. */
  async sweep(): Promise<string[]> {
    const now = this.clock.now();
    const escalated = await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.notices.claimDueEscalations(manager, now, BATCH);
        for (const { notice, version } of claimed) {
          // The vendor's name as known now (it may have been registered after the notice was issued).
          const vendorName = notice.party.kind === 'vendor' ? ((await this.notices.vendorName(manager, notice.agencyId, notice.party.vendorId)) ?? notice.vendorName) : undefined;
          const next = escalateRectification({ ...notice, ...(vendorName ? { vendorName } : {}) }, now);
          const escalation = next.escalations[next.escalations.length - 1];
          await this.notices.save(manager, next, version, escalation ? { newEscalation: escalation } : {});
          await this.outbox.append(manager, overdueEvent(next, eventOrigin(next)));
        }
        return claimed.map(({ notice }) => notice.id);
      }),
    );
    if (escalated.length > 0) this.logger.info({ escalated: escalated.length }, 'overdue rectification notices escalated to the logistics manager');
    return escalated;
  }
}
