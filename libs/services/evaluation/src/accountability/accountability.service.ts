import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ComplaintOverturned, ComplaintUpheld, EventData, RectificationOverdue, ViolationRecorded, ViolationVoided } from '@houqin/contracts';
import { NotFoundError } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { AccountabilityEntryRecord } from './accountability.entity';
import { AccountabilityFilter, AccountabilityRepository } from './accountability.repository';
import { AccountabilitySummary, OffenceKind, entriesOf, summarise } from './domain/accountability';

/** Who reads the whole of an agency's record: its operators, the auditor (审计) and the supervising body. */
const RECORD_READERS = ['agency-admin', 'logistics-manager', 'auditor', 'supervisor'];
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export interface AccountabilityRecordOf {
  summary: AccountabilitySummary;
  entries: AccountabilityEntryRecord[];
}

/**
 * The accountability record (问责): entries written from the supervision events, read by the
 * agency's operators, auditor and supervisor; a person reads their own, a vendor account its own
 * vendor's (anything else answers 404, as if it did not exist).
 */
@Injectable()
export class AccountabilityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: AccountabilityRepository,
  ) {}

  async complaintUpheld(manager: EntityManager, eventId: string, data: EventData<typeof ComplaintUpheld>): Promise<void> {
    await this.entries.record(
      manager,
      entriesOf({
        agencyId: data.agencyId,
        kind: 'upheld-complaint',
        offenceId: data.complaintId,
        party: data.party,
        source: 'complaint',
        ...(data.instanceId ? { sourceRef: data.instanceId } : {}),
        severity: data.severity,
        description: `${data.category}: ${data.reasons}`,
        occurredAt: new Date(data.decidedAt),
        decidedBy: data.decidedBy,
        sourceEventId: eventId,
        answerable: data.answerable,
      }),
    );
  }

  async complaintOverturned(manager: EntityManager, data: EventData<typeof ComplaintOverturned>): Promise<void> {
    await this.entries.markVoided(manager, data.agencyId, 'upheld-complaint', data.complaintId, { at: new Date(data.decidedAt), by: data.decidedBy, reason: data.reasons });
  }

  async violationRecorded(manager: EntityManager, eventId: string, data: EventData<typeof ViolationRecorded>): Promise<void> {
    await this.entries.record(
      manager,
      entriesOf({
        agencyId: data.agencyId,
        kind: 'violation',
        offenceId: data.violationId,
        party: data.party,
        source: data.source,
        sourceRef: data.sourceRef,
        severity: data.severity,
        penaltyPoints: data.penaltyPoints,
        penaltyAmountFen: data.penaltyAmount,
        settlementPeriod: data.settlementPeriod,
        description: data.description,
        occurredAt: new Date(data.occurredAt),
        decidedBy: data.recordedBy,
        sourceEventId: eventId,
        answerable: data.answerable,
      }),
    );
  }

  async violationVoided(manager: EntityManager, data: EventData<typeof ViolationVoided>): Promise<void> {
    await this.entries.markVoided(manager, data.agencyId, 'violation', data.violationId, { at: new Date(data.voidedAt), by: data.voidedBy, reason: data.reason });
  }

  async rectificationOverdue(manager: EntityManager, eventId: string, data: EventData<typeof RectificationOverdue>): Promise<void> {
    await this.entries.record(
      manager,
      entriesOf({
        agencyId: data.agencyId,
        kind: 'overdue-rectification',
        offenceId: data.noticeId,
        party: data.party,
        source: 'rectification',
        ...(data.violationId ? { sourceRef: data.violationId } : {}),
        description: `rectification notice overdue since ${data.deadline}, escalated to the ${data.escalateTo}`,
        occurredAt: new Date(data.escalatedAt),
        sourceEventId: eventId,
        answerable: data.answerable,
      }),
    );
  }

  /** The agency's record as the caller may see it: a vendor account only its own vendor's entries. */
  async list(caller: Caller, filter: AccountabilityFilter): Promise<AccountabilityEntryRecord[]> {
    const scoped = { ...filter };
    const vendor = vendorActedFor(caller);
    if (vendor !== undefined) {
      if (filter.vendorId !== undefined && filter.vendorId !== vendor) throw new NotFoundError('vendor', filter.vendorId);
      scoped.vendorId = vendor;
    } else if (!readsWholeRecord(caller)) {
      if (filter.userId !== undefined && filter.userId !== caller.userId) throw new NotFoundError('person', filter.userId);
      scoped.userId = caller.userId;
    }
    return this.entries.list(this.dataSource.manager, caller.agencyId, scoped);
  }

  /** A person's record: readers of the whole record, or the person themself (anyone else: 404). */
  async ofPerson(caller: Caller, userId: string, range: Pick<AccountabilityFilter, 'from' | 'to'>): Promise<AccountabilityRecordOf> {
    if (!readsWholeRecord(caller) && (vendorActedFor(caller) !== undefined || caller.userId !== userId)) throw new NotFoundError('person', userId);
    return this.recordOf({ ...range, userId, includeVoided: true }, caller.agencyId);
  }

  /** A vendor's record: readers of the whole record, or the vendor's own account (another vendor's: 404). */
  async ofVendor(caller: Caller, vendorId: string, range: Pick<AccountabilityFilter, 'from' | 'to'>): Promise<AccountabilityRecordOf> {
    const vendor = vendorActedFor(caller);
    if (vendor !== undefined ? vendor !== vendorId : !readsWholeRecord(caller)) throw new NotFoundError('vendor', vendorId);
    return this.recordOf({ ...range, vendorId, includeVoided: true }, caller.agencyId);
  }

  private async recordOf(filter: AccountabilityFilter, agencyId: string): Promise<AccountabilityRecordOf> {
    const entries = await this.entries.list(this.dataSource.manager, agencyId, filter);
    const summary = summarise(
      entries.map((entry) => ({
        kind: entry.offenceKind as OffenceKind,
        voided: entry.voidedAt !== null,
        ...(entry.penaltyPoints !== null ? { penaltyPoints: entry.penaltyPoints } : {}),
        ...(entry.penaltyAmountFen !== null ? { penaltyAmountFen: entry.penaltyAmountFen } : {}),
      })),
    );
    return { summary, entries };
  }
}

function readsWholeRecord(caller: Caller): boolean {
  return caller.roles.some((role) => RECORD_READERS.includes(role));
}

/** The vendor a vendor account acts for (the nil id, matching nothing, when it names none); undefined for everyone else. */
function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId.toLowerCase() : NIL_UUID;
}
