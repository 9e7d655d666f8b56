import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { CateringEnvironment } from '../catering.config';
import { AccountsService } from './accounts.service';

const BATCH = 200;

/**
 * The durable timer of monthly meal subsidies (餐补): every MEAL_SUBSIDY_SWEEP_INTERVAL_MS it claims
 * the accounts not yet credited for the current month (FOR UPDATE SKIP LOCKED) and credits each its
 * category's amount under the key `subsidy:YYYY-MM` in the claim's transaction: once per account and
 * month, whatever the number of replicas or sweeps.
 */
@Injectable()
export class SubsidySweep extends IntervalSweep<Array<{ agencyId: string; staffId: string; amountFen: number }>> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    @Inject(SERVICE_CONFIG) config: CateringEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'meal subsidies', intervalMs: config.MEAL_SUBSIDY_SWEEP_INTERVAL_MS });
  }

  async sweep(): Promise<Array<{ agencyId: string; staffId: string; amountFen: number }>> {
    const credited: Array<{ agencyId: string; staffId: string; amountFen: number }> = [];
    for (;;) {
      const batch = await this.dataSource.transaction((manager) => this.accounts.creditSubsidies(manager, BATCH));
      credited.push(...batch.credited);
      if (batch.claimed < BATCH) break;
    }
    if (credited.length > 0) this.logger.info({ accounts: credited.length }, 'monthly meal subsidies credited');
    return credited;
  }
}
