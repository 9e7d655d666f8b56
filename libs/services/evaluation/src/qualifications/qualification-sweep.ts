import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { noticeDue, noticeSent } from './domain/qualification';
import { expiredEvent, expiringEvent } from './qualification-events';
import { QualificationsRepository } from './qualifications.repository';

/** The qualifications one sweep warned of and announced expired (their ids). */
export interface QualificationSweepResult {
  warned: string[];
  expired: string[];
}

const BATCH = 200;

/**
 * The durable timers of qualifications: every QUALIFICATION_SWEEP_INTERVAL_MS it claims those
 * whose warning or expiry fell due by the service's clock (FOR UPDATE SKIP LOCKED), records the
 * notice against the expiry date and appends qualification.expiring or qualification.expired in
 * the claim's transaction: each goes out once per qualification and expiry date, whatever the
 * number of replicas. A renewal moves the expiry date, so the old one is never announced.
 */
@Injectable()
export class QualificationSweep extends IntervalSweep<QualificationSweepResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly qualifications: QualificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EvaluationEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'qualification expiries', intervalMs: config.QUALIFICATION_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<QualificationSweepResult> {
    const now = this.clock.now();
    const warningDays = this.config.QUALIFICATION_WARNING_DAYS;
    const result: QualificationSweepResult = { warned: [], expired: [] };
    await this.sweepInBatches(BATCH, () =>
      this.dataSource.transaction(async (manager) => {
        const claimed = await this.qualifications.claimDueNotices(manager, now, warningDays, BATCH);
        for (const { qualification, version } of claimed) {
          const notice = noticeDue(qualification, now, warningDays);
          if (!notice) continue;
          const next = noticeSent(qualification, notice);
          await this.qualifications.save(manager, next, version, qualification.terms.length);
          const { holder } = qualification;
          const vendorName = holder.kind === 'vendor-staff' ? await this.qualifications.vendorName(manager, qualification.agencyId, holder.vendorId) : undefined;
          const origin = eventOrigin(qualification);
          await this.outbox.append(manager, notice === 'expired' ? expiredEvent(next, now, vendorName, origin) : expiringEvent(next, now, vendorName, origin));
          (notice === 'expired' ? result.expired : result.warned).push(qualification.id);
        }
        return claimed;
      }),
    );
    if (result.warned.length + result.expired.length > 0) this.logger.info({ warned: result.warned.length, expired: result.expired.length }, 'qualifications warned and expired');
    return result;
  }
}
