import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { addDays, dayOf, startOfDay } from './domain/calendar-date';
import { Qualification, QualificationTerm, expiresAt } from './domain/qualification';
import { Holder, employerOf } from './domain/qualification-holder';
import { TrainingRecord } from './domain/training-record';
import { QualificationRecord, QualificationTermRecord, TrainingRecordRecord } from './qualification.entity';

/** Whose records a caller reads: its agency's, and a vendor account only its own vendor's staff's. */
export interface HolderScope {
  agencyId: string;
  /** Set for a vendor account: the party its reads are confined to. */
  party?: string | undefined;
}

export interface QualificationFilter {
  party?: string | undefined;
  /** An internal member's user id or a vendor staff number. */
  holder?: string | undefined;
  /** Not expired, and expiring on or before the day N days from today (China Standard Time). */
  expiringWithinDays?: number | undefined;
  expired?: boolean | undefined;
}

export interface TrainingFilter {
  party?: string | undefined;
  holder?: string | undefined;
}

export interface LoadedQualification {
  qualification: Qualification;
  version: number;
}

type HolderColumns = Pick<QualificationRecord, 'holderKind' | 'holderUserId' | 'holderName' | 'vendorId' | 'staffNumber' | 'holderReference' | 'party'>;

function holderColumns(holder: Holder): HolderColumns {
  return {
    holderKind: holder.kind,
    holderUserId: holder.kind === 'internal-staff' ? holder.userId : null,
    holderName: holder.name,
    vendorId: holder.kind === 'vendor-staff' ? holder.vendorId.toLowerCase() : null,
    staffNumber: holder.kind === 'vendor-staff' ? holder.staffNumber : null,
    holderReference: holder.reference ?? null,
    party: employerOf(holder),
  };
}

function holderOf(record: HolderColumns): Holder {
  const reference = record.holderReference ? { reference: record.holderReference } : {};
  return record.holderKind === 'vendor-staff'
    ? { kind: 'vendor-staff', vendorId: record.vendorId ?? '', name: record.holderName, staffNumber: record.staffNumber ?? '', ...reference }
    : { kind: 'internal-staff', userId: record.holderUserId ?? '', name: record.holderName, ...reference };
}

/** Qualifications with their terms, and training records. */
@Injectable()
export class QualificationsRepository {
  /** Another agency's qualification, or another vendor's for a vendor account, is not found. */
  async load(manager: EntityManager, scope: HolderScope, id: string, options: { forUpdate: boolean }): Promise<LoadedQualification> {
    const record = await manager.findOne(QualificationRecord, {
      where: { id, agencyId: scope.agencyId, ...(scope.party !== undefined ? { party: scope.party } : {}) },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!record) throw new NotFoundError('qualification', id);
    return { qualification: (await this.withTerms(manager, [record]))[0]!, version: record.version };
  }

  async insert(manager: EntityManager, qualification: Qualification): Promise<void> {
    await manager.insert(QualificationRecord, toRecord(qualification, 1));
    await this.insertTerms(manager, qualification, 0);
  }

  /** Saves a changed qualification (optimistic version check) and appends the terms it gained. */
  async save(manager: EntityManager, qualification: Qualification, version: number, knownTerms: number): Promise<void> {
    const result = await manager.update(QualificationRecord, { id: qualification.id, version }, toRecord(qualification, version + 1));
    if (result.affected === 0) throw new NotFoundError('qualification', qualification.id);
    await this.insertTerms(manager, qualification, knownTerms);
  }

  /** The soonest to expire first. */
  async list(manager: EntityManager, scope: HolderScope, filter: QualificationFilter, limit: number, now: Date): Promise<Qualification[]> {
    const query = manager
      .createQueryBuilder(QualificationRecord, 'q')
      .where('q.agencyId = :agencyId', { agencyId: scope.agencyId })
      .orderBy('q.expiresAt', 'ASC')
      .addOrderBy('q.id')
      .take(limit);
    if (scope.party !== undefined) query.andWhere('q.party = :scoped', { scoped: scope.party });
    if (filter.party) query.andWhere('q.party = :party', { party: filter.party });
    if (filter.holder) query.andWhere('(q.holderUserId = :holder OR q.staffNumber = :holder)', { holder: filter.holder });
    if (filter.expired === true) query.andWhere('q.expiresAt <= :now', { now });
    if (filter.expired === false) query.andWhere('q.expiresAt > :now', { now });
    if (filter.expiringWithinDays !== undefined) {
      query.andWhere('q.expiresAt > :now AND q.expiresAt <= :horizon', { now, horizon: startOfDay(addDays(dayOf(now), filter.expiringWithinDays)) });
    }
    return this.withTerms(manager, await query.getMany());
  }

  /**
   * Claims qualifications whose warning (from `warningDays` before the expiry) or expiry fell due
   * at `now` and was not yet announced for their expiry date; replicas sweeping at once take
   * different rows.
   */
  async claimDueNotices(manager: EntityManager, now: Date, warningDays: number, limit: number): Promise<LoadedQualification[]> {
    const records = await manager
      .createQueryBuilder(QualificationRecord, 'q')
      .where('q.expiredFor IS DISTINCT FROM q.expiresOn')
      .andWhere(
        `((q.expiresAt <= :now) OR (q.warnedFor IS DISTINCT FROM q.expiresOn AND q.expiresAt - make_interval(days => :days) <= :now))`,
        { now, days: warningDays },
      )
      .orderBy('q.expiresAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    const byId = new Map(records.map((record) => [record.id, record.version]));
    return (await this.withTerms(manager, records)).map((qualification) => ({ qualification, version: byId.get(qualification.id)! }));
  }

  /** The vendor's name as procurement announced it (evaluation's vendor directory), if known. */
  async vendorName(manager: EntityManager, agencyId: string, vendorId: string): Promise<string | undefined> {
    const rows = (await manager.query(`SELECT name FROM evaluation_vendor WHERE agency_id = $1 AND vendor_id = $2`, [agencyId, vendorId])) as Array<{ name: string }>;
    return rows[0]?.name;
  }

  async insertTraining(manager: EntityManager, training: TrainingRecord): Promise<void> {
    await manager.insert(TrainingRecordRecord, {
      id: training.id,
      agencyId: training.agencyId,
      ...holderColumns(training.holder),
      course: training.course,
      hoursTenths: Math.round(training.hours * 10),
      completedOn: training.completedOn,
      certificateNumber: training.certificate?.number ?? null,
      certificateAttachment: training.certificate?.attachment ?? null,
      recordedBy: training.recordedBy,
      recordedAt: training.recordedAt,
    });
  }

  /** The latest completed first. */
  async listTraining(manager: EntityManager, scope: HolderScope, filter: TrainingFilter, limit: number): Promise<TrainingRecord[]> {
    const query = manager
      .createQueryBuilder(TrainingRecordRecord, 't')
      .where('t.agencyId = :agencyId', { agencyId: scope.agencyId })
      .orderBy('t.completedOn', 'DESC')
      .addOrderBy('t.recordedAt', 'DESC')
      .addOrderBy('t.id')
      .take(limit);
    if (scope.party !== undefined) query.andWhere('t.party = :scoped', { scoped: scope.party });
    if (filter.party) query.andWhere('t.party = :party', { party: filter.party });
    if (filter.holder) query.andWhere('(t.holderUserId = :holder OR t.staffNumber = :holder)', { holder: filter.holder });
    return (await query.getMany()).map(trainingOf);
  }

  private async insertTerms(manager: EntityManager, qualification: Qualification, from: number): Promise<void> {
    const added = qualification.terms.slice(from).map((term, index) => ({ qualificationId: qualification.id, sequence: from + index + 1, ...term }));
    if (added.length > 0) await manager.insert(QualificationTermRecord, added);
  }

  private async withTerms(manager: EntityManager, records: QualificationRecord[]): Promise<Qualification[]> {
    if (records.length === 0) return [];
    const terms = await manager.find(QualificationTermRecord, { where: { qualificationId: In(records.map((record) => record.id)) }, order: { sequence: 'ASC' } });
    const byQualification = new Map<string, QualificationTerm[]>();
    for (const { qualificationId, sequence: _sequence, ...term } of terms) byQualification.set(qualificationId, [...(byQualification.get(qualificationId) ?? []), term]);
    return records.map((record) => ({
      id: record.id,
      agencyId: record.agencyId,
      holder: holderOf(record),
      type: record.type,
      ...(record.label ? { label: record.label } : {}),
      mandatory: record.mandatory,
      terms: byQualification.get(record.id) ?? [],
      ...(record.warnedFor ? { warnedFor: record.warnedFor } : {}),
      ...(record.expiredFor ? { expiredFor: record.expiredFor } : {}),
    }));
  }
}

function toRecord(qualification: Qualification, version: number): QualificationRecord {
  const first = qualification.terms[0]!;
  const current = qualification.terms[qualification.terms.length - 1]!;
  return {
    id: qualification.id,
    agencyId: qualification.agencyId,
    ...holderColumns(qualification.holder),
    type: qualification.type,
    label: qualification.label ?? null,
    mandatory: qualification.mandatory,
    certificateNumber: current.certificateNumber,
    issuedOn: current.issuedOn,
    expiresOn: current.expiresOn,
    expiresAt: expiresAt(qualification),
    warnedFor: qualification.warnedFor ?? null,
    expiredFor: qualification.expiredFor ?? null,
    recordedBy: first.recordedBy,
    recordedAt: first.recordedAt,
    version,
  };
}

function trainingOf(record: TrainingRecordRecord): TrainingRecord {
  return {
    id: record.id,
    agencyId: record.agencyId,
    holder: holderOf(record),
    course: record.course,
    hours: record.hoursTenths / 10,
    completedOn: record.completedOn,
    ...(record.certificateNumber ? { certificate: { number: record.certificateNumber, ...(record.certificateAttachment ? { attachment: record.certificateAttachment } : {}) } } : {}),
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt,
  };
}
