import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { markResponseOverdue } from './domain/complaint';
import { responseOverdueEvent } from './complaint-events';
import { ComplaintRepository } from './complaint.repository';

/** The complaints one sweep found past their response deadline (their ids). */
export interface ComplaintSweepResult {
  overdue: string[];
}

const BATCH = 200;

/**
 * The response deadline of complaints: every COMPLAINT_SWEEP_INTERVAL_MS it claims the undecided
 * complaints past their deadline by the service's clock (FOR UPDATE SKIP LOCKED, so replicas
 * sweeping at once take different ones), records them overdue and appends
 * complaint.response-overdue in the claim's transaction: once per complaint, whatever the number of replicas.
 */
@Injectable()
export class ComplaintSweep extends IntervalSweep<ComplaintSweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly complaints: ComplaintRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'complaint response deadlines', intervalMs: config.COMPLAINT_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<ComplaintSweepResult> {
    const now = this.clock.now();
    const overdue = await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.complaints.claimOverdueResponses(manager, now, BATCH);
        for (const { complaint, version } of claimed) {
          const next = markResponseOverdue(complaint, now);
          await this.complaints.save(manager, next, version);
          await this.outbox.append(manager, responseOverdueEvent(next, eventOrigin(next)));
        }
        return claimed.map(({ complaint }) => complaint.id);
      }),
    );
    if (overdue.length > 0) this.logger.info({ overdue: overdue.length }, 'complaints past their response deadline');
    return { overdue };
  }
}
