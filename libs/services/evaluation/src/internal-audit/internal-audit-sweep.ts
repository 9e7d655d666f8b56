import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { markOverdue } from './domain/audit-finding';
import { overdueEvent } from './internal-audit-events';
import { InternalAuditRepository } from './internal-audit.repository';

const BATCH = 200;

/**
 * The durable timer of internal audit: every INTERNAL_AUDIT_SWEEP_INTERVAL_MS it claims the failed
 * findings whose rectification is still unanswered after its deadline day (FOR UPDATE SKIP LOCKED),
 * marks them overdue and appends audit-finding.overdue in the claim's transaction: once per
 * finding, whatever the number of replicas. Returns the ids it marked.
 */
@Injectable()
export class InternalAuditSweep extends IntervalSweep<string[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audits: InternalAuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'internal audit rectification deadlines', intervalMs: config.INTERNAL_AUDIT_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<string[]> {
    const now = this.clock.now();
    const overdue = await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.audits.claimOverdue(manager, now, BATCH);
        for (const { value: finding, version } of claimed) {
          const next = markOverdue(finding, now);
          await this.audits.saveFinding(manager, next, version);
          const { value: task } = await this.audits.loadTask(manager, finding.agencyId, finding.taskId, { forUpdate: false });
          await this.outbox.append(manager, overdueEvent(next, task, eventOrigin(finding)));
        }
        return claimed.map(({ value }) => value.id);
      }),
    );
    if (overdue.length > 0) this.logger.info({ overdue: overdue.length }, 'internal audit rectifications overdue');
    return overdue;
  }
}
