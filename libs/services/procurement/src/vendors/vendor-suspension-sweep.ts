import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER } from '@houqin/service-kit';
import type { ProcurementEnvironment } from '../procurement.config';
import { VendorRepository } from './vendor.repository';
import { VendorsService } from './vendors.service';

const BATCH = 100;

/**
 * The durable timer of vendor suspensions: every VENDOR_SUSPENSION_SWEEP_MS it claims the
 * suspended vendors whose suspension's end the database's now() has passed (FOR UPDATE SKIP
 * LOCKED, so replicas sweeping at once take different vendors), makes them active again and
 * appends vendor.reinstated in the same transaction. A replica that dies before committing leaves
 * the vendor for the next sweep; once committed it is active: each suspension ends exactly once.
 */
@Injectable()
export class VendorSuspensionSweep extends IntervalSweep<string[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: VendorRepository,
    private readonly vendors: VendorsService,
    @Inject(SERVICE_CONFIG) config: ProcurementEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'vendor suspensions', intervalMs: config.VENDOR_SUSPENSION_SWEEP_MS });
  }

  /** The ids of the vendors this call reinstated. */
  async sweep(): Promise<string[]> {
    const reinstated = await this.sweepInBatches(BATCH, () => this.sweepBatch());
    if (reinstated.length > 0) this.logger.info({ vendors: reinstated }, 'vendor suspensions ended');
    return reinstated;
  }

  private async sweepBatch(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const { claimed, now } = await this.repository.claimLapsedSuspensions(manager, BATCH);
      const reinstated: string[] = [];
      for (const loaded of claimed) {
        if (await this.vendors.endSuspension(manager, loaded, now)) reinstated.push(loaded.vendor.id);
      }
      return reinstated;
    });
  }
}
