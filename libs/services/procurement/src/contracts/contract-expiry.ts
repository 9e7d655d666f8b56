import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ContractExpired } from '@houqin/contracts';
import { Outbox } from '@houqin/messaging';
import { IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { ProcurementEnvironment } from '../procurement.config';
import type { ServiceType } from './domain/contract';

interface ExpiredRow {
  id: string;
  agency_id: string;
  vendor_id: string;
  vendor_name: string;
  service_type: ServiceType;
  valid_to: Date;
  expired_at: Date;
}

/**
 * Every CONTRACT_EXPIRY_SWEEP_MS, marks signed contracts whose validTo has passed as expired and
 * appends contract.expired in the same transaction. The UPDATE … WHERE status = 'signed' re-checks
 * each row after waiting for its lock, so with several replicas sweeping at once every contract
 * expires, and is announced, exactly once.
 */
@Injectable()
export class ContractExpirySweep extends IntervalSweep<string[]> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) config: ProcurementEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'contract expiry', intervalMs: config.CONTRACT_EXPIRY_SWEEP_MS });
  }

  /** The ids of the contracts this call expired. */
  async sweep(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE procurement_contract SET status = 'expired', expired_at = now(), version = version + 1
          WHERE status = 'signed' AND valid_to <= now()
          RETURNING id, agency_id, vendor_id, vendor_name, service_type, valid_to, expired_at`,
      )) as [ExpiredRow[], number];
      for (const row of rows) {
        await this.outbox.append(
          manager,
          ContractExpired.create({
            subject: row.id,
            origin: eventOrigin({ agencyId: row.agency_id }),
            data: {
              contractId: row.id,
              agencyId: row.agency_id,
              vendorId: row.vendor_id,
              vendorName: row.vendor_name,
              serviceType: row.service_type,
              validTo: row.valid_to.toISOString(),
              expiredAt: row.expired_at.toISOString(),
            },
          }),
        );
      }
      if (rows.length > 0) this.logger.info({ contracts: rows.map((row) => row.id) }, 'contracts expired');
      return rows.map((row) => row.id);
    });
  }
}
