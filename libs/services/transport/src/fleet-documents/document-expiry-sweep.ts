import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, FleetDocumentExpiring } from '@houqin/contracts';
import { Clock, businessDay } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { CLOCK, IntervalSweep, SERVICE_CONFIG, SERVICE_LOGGER, eventOrigin } from '@houqin/service-kit';
import type { TransportEnvironment } from '../transport.config';
import { ExpiryNotice, FleetDocument, expiryNotice } from './domain/fleet-document';

const BATCH = 200;

/** Per holder table: its two documents, their expiry and warned-for columns. */
const HOLDERS = [
  { holder: 'vehicle', table: 'vehicle', name: 'plate_number', active: `status <> 'retired'`, documents: [['insurance', 'insurance_expires_on', 'insurance_warned_for'], ['annual-inspection', 'inspection_expires_on', 'inspection_warned_for']] },
  { holder: 'driver', table: 'driver', name: 'name', active: `status <> 'left'`, documents: [['driving-licence', 'licence_expires_on', 'licence_warned_for'], ['health-check', 'health_check_expires_on', 'health_warned_for']] },
] as const;

interface HolderRow {
  id: string;
  agency_id: string;
  holder_name: string;
  first_expires: string | null;
  first_warned: string | null;
  second_expires: string | null;
  second_warned: string | null;
}

/** What one sweep announced: holder id and document per event. */
export interface DocumentExpirySweepResult {
  warned: Array<{ holderId: string; document: FleetDocument; expired: boolean }>;
}

/**
 * The durable timer of fleet documents (证照到期提醒): every DOCUMENT_EXPIRY_SWEEP_INTERVAL_MS it
 * claims the vehicles and drivers with a document expiring within DOCUMENT_EXPIRY_WARNING_DAYS (or
 * expired) and not yet warned for that expiry date (FOR UPDATE SKIP LOCKED), records the date warned
 * for and appends fleet-document.expiring in the same transaction: once per document and expiry,
 * whatever the number of replicas. A renewal with a new date is warned again when it nears.
 */
@Injectable()
export class DocumentExpirySweep extends IntervalSweep<DocumentExpirySweepResult> {
  private readonly warningDays: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: TransportEnvironment,
    @Inject(SERVICE_LOGGER) logger: Logger,
  ) {
    super(logger, { name: 'fleet document expiries', intervalMs: config.DOCUMENT_EXPIRY_SWEEP_INTERVAL_MS });
    this.warningDays = config.DOCUMENT_EXPIRY_WARNING_DAYS;
  }

  async sweep(): Promise<DocumentExpirySweepResult> {
    const warned: DocumentExpirySweepResult['warned'] = [];
    for (const holder of HOLDERS) {
      warned.push(...(await this.sweepInBatches(BATCH, () => this.dataSource.transaction((manager) => this.sweepBatch(manager, holder)))).flat());
    }
    if (warned.length > 0) this.logger.info({ documents: warned.length }, 'fleet documents expiring or expired announced');
    return { warned };
  }

  /** One batch of one table; returns one entry per claimed row (its warnings), so a short batch ends the loop. */
  private async sweepBatch(manager: EntityManager, spec: (typeof HOLDERS)[number]): Promise<Array<DocumentExpirySweepResult['warned']>> {
    const now = this.clock.now();
    const today = businessDay(now).date;
    const [first, second] = spec.documents;
    const due = (expires: string, warned: string) => `(${expires} IS NOT NULL AND ${expires} - $1::date <= $2 AND ${warned} IS DISTINCT FROM ${expires})`;
    const rows = (await manager.query(
      `SELECT id, agency_id, ${spec.name} AS holder_name,
              to_char(${first[1]}, 'YYYY-MM-DD') AS first_expires, to_char(${first[2]}, 'YYYY-MM-DD') AS first_warned,
              to_char(${second[1]}, 'YYYY-MM-DD') AS second_expires, to_char(${second[2]}, 'YYYY-MM-DD') AS second_warned
         FROM ${spec.table}
        WHERE ${spec.active} AND (${due(first[1], first[2])} OR ${due(second[1], second[2])})
        ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [today, this.warningDays, BATCH],
    )) as HolderRow[];
    const events: EventEnvelope[] = [];
    const claimed: Array<DocumentExpirySweepResult['warned']> = [];
    for (const row of rows) {
      const candidates: Array<{ column: string; notice: ExpiryNotice | undefined }> = [
        { column: first[2], notice: expiryNotice(first[0], row.first_expires ?? undefined, row.first_warned ?? undefined, today, this.warningDays) },
        { column: second[2], notice: expiryNotice(second[0], row.second_expires ?? undefined, row.second_warned ?? undefined, today, this.warningDays) },
      ];
      const notices = candidates.filter((entry): entry is { column: string; notice: ExpiryNotice } => entry.notice !== undefined);
      for (const { column, notice } of notices) {
        await manager.query(`UPDATE ${spec.table} SET ${column} = $2::date, version = version + 1 WHERE id = $1`, [row.id, notice.expiresOn]);
        events.push(
          FleetDocumentExpiring.create({
            subject: row.id,
            origin: eventOrigin({ agencyId: row.agency_id }),
            data: { holder: spec.holder, holderId: row.id, holderName: row.holder_name, document: notice.document, expiresOn: notice.expiresOn, daysLeft: notice.daysLeft, expired: notice.expired, detectedAt: now.toISOString() },
          }),
        );
      }
      claimed.push(notices.map(({ notice }) => ({ holderId: row.id, document: notice.document, expired: notice.expired })));
    }
    await this.outbox.append(manager, events);
    return claimed;
  }
}
