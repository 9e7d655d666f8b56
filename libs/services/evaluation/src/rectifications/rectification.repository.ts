import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { isUniqueViolation } from '@houqin/persistence';
import { parseParty, partyKey } from '../kpis/domain/evaluated-party';
import { RectificationEscalation, RectificationNotice, RectificationStatus, maySee } from './domain/rectification';
import type { Actor } from './domain/rectification';
import { RectificationEscalationRecord, RectificationNoticeRecord } from './rectification.entity';

const ESCALATION_PKEY = 'rectification_escalation_pkey';

export interface RectificationFilter {
  status?: RectificationStatus | undefined;
  party?: string | undefined;
  /** true: awaiting the answer past the deadline (as of `now`); false: anything else. */
  overdue?: boolean | undefined;
}

export interface LoadedNotice {
  notice: RectificationNotice;
  version: number;
}

/** The notices a caller may see: all of the agency's, or a vendor account's own vendor's. */
export type NoticeScope = Actor & { agencyId: string };

/** Rectification notices with their escalations, and the vendor names evaluation knows. */
@Injectable()
export class RectificationRepository {
  /** Another agency's notice, or another vendor's for a vendor account, is not found. */
  async load(manager: EntityManager, scope: NoticeScope, id: string, options: { forUpdate: boolean }): Promise<LoadedNotice> {
    const record = await manager.findOne(RectificationNoticeRecord, {
      where: { id, agencyId: scope.agencyId },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!record) throw new NotFoundError('rectification', id);
    const notice = toDomain(record, await this.escalationsOf(manager, [id]));
    if (!maySee(notice, scope)) throw new NotFoundError('rectification', id);
    return { notice, version: record.version };
  }

  async insert(manager: EntityManager, notice: RectificationNotice): Promise<void> {
    await manager.insert(RectificationNoticeRecord, toRecord(notice, 1));
  }

  /**
   * Saves a changed notice (optimistic version check). A new escalation is inserted once: a second
   * one for the same deadline is refused, so its event is never appended twice.
   */
  async save(manager: EntityManager, notice: RectificationNotice, version: number, options: { newEscalation?: RectificationEscalation } = {}): Promise<void> {
    const result = await manager.update(RectificationNoticeRecord, { id: notice.id, version }, toRecord(notice, version + 1));
    if (result.affected === 0) throw new NotFoundError('rectification', notice.id);
    if (!options.newEscalation) return;
    try {
      await manager.insert(RectificationEscalationRecord, { noticeId: notice.id, agencyId: notice.agencyId, ...options.newEscalation });
    } catch (error) {
      if (isUniqueViolation(error, ESCALATION_PKEY)) throw new IllegalTransitionError('rectification', 'escalated', 'escalate');
      throw error;
    }
  }

  /** Latest issued first; a vendor account lists its own vendor's only. */
  async list(manager: EntityManager, scope: NoticeScope, filter: RectificationFilter, limit: number, now: Date): Promise<RectificationNotice[]> {
    const query = manager
      .createQueryBuilder(RectificationNoticeRecord, 'notice')
      .where('notice.agencyId = :agencyId', { agencyId: scope.agencyId })
      .orderBy('notice.issuedAt', 'DESC')
      .addOrderBy('notice.id')
      .take(limit);
    const ownVendor = vendorActedFor(scope);
    if (ownVendor !== undefined) query.andWhere('notice.party = :ownVendor', { ownVendor });
    if (filter.status) query.andWhere('notice.status = :status', { status: filter.status });
    if (filter.party) query.andWhere('notice.party = :party', { party: filter.party });
    if (filter.overdue === true) query.andWhere("notice.status IN ('issued', 'returned') AND notice.deadline <= :now", { now });
    if (filter.overdue === false) query.andWhere("NOT (notice.status IN ('issued', 'returned') AND notice.deadline <= :now)", { now });
    const records = await query.getMany();
    const escalations = await this.escalationsOf(
      manager,
      records.map((record) => record.id),
    );
    return records.map((record) => toDomain(record, escalations));
  }

  /**
   * Claims notices awaiting an answer whose deadline passed and that were not escalated for it.
   * The condition is on the notice row itself (escalated_deadline), so a replica that waited for
   * another's lock re-checks it against the committed row and skips it.
   */
  async claimDueEscalations(manager: EntityManager, now: Date, limit: number): Promise<LoadedNotice[]> {
    const records = await manager
      .createQueryBuilder(RectificationNoticeRecord, 'notice')
      .where("notice.status IN ('issued', 'returned') AND notice.deadline <= :now AND notice.escalatedDeadline IS DISTINCT FROM notice.deadline", { now })
      .orderBy('notice.deadline', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    const escalations = await this.escalationsOf(
      manager,
      records.map((record) => record.id),
    );
    return records.map((record) => ({ notice: toDomain(record, escalations), version: record.version }));
  }

  /** The vendor's name as procurement registered it (evaluation's vendor projection), if known. */
  async vendorName(manager: EntityManager, agencyId: string, vendorId: string): Promise<string | undefined> {
    const rows = (await manager.query(`SELECT name FROM evaluation_vendor WHERE agency_id = $1 AND vendor_id = $2`, [agencyId, vendorId])) as Array<{ name: string }>;
    return rows[0]?.name;
  }

  private async escalationsOf(manager: EntityManager, ids: string[]): Promise<Map<string, RectificationEscalation[]>> {
    const byNotice = new Map<string, RectificationEscalation[]>();
    if (ids.length === 0) return byNotice;
    const rows = await manager.find(RectificationEscalationRecord, { where: { noticeId: In(ids) }, order: { escalatedAt: 'ASC', deadline: 'ASC' } });
    for (const row of rows) byNotice.set(row.noticeId, [...(byNotice.get(row.noticeId) ?? []), { deadline: row.deadline, escalatedAt: row.escalatedAt }]);
    return byNotice;
  }
}

/** The party a vendor account is confined to (a key matching no notice when it names no vendor); undefined for everyone else. */
function vendorActedFor(actor: Actor): string | undefined {
  if (!actor.roles.includes('vendor') || actor.roles.some((role) => role === 'agency-admin' || role === 'logistics-manager')) return undefined;
  return actor.vendorId ? actor.vendorId.toLowerCase() : 'no-vendor';
}

function toRecord(notice: RectificationNotice, version: number): RectificationNoticeRecord {
  // The deadline in force when it was escalated for it, else the latest escalated (or none).
  const current = notice.escalations.find((escalation) => escalation.deadline.getTime() === notice.deadline.getTime());
  const escalated = current ?? notice.escalations[notice.escalations.length - 1];
  return {
    id: notice.id,
    agencyId: notice.agencyId,
    party: partyKey(notice.party),
    vendorName: notice.vendorName ?? null,
    finding: notice.finding,
    violationId: notice.violationId ?? null,
    complaintId: notice.complaintId ?? null,
    requiredEvidence: [...notice.requiredEvidence],
    deadline: notice.deadline,
    status: notice.status,
    issuedBy: notice.issuedBy,
    issuedAt: notice.issuedAt,
    answers: notice.answers.map((answer) => ({ ...answer, answeredAt: answer.answeredAt.toISOString(), deadline: answer.deadline.toISOString() })),
    sendBacks: notice.sendBacks.map((sendBack) => ({
      ...sendBack,
      returnedAt: sendBack.returnedAt.toISOString(),
      previousDeadline: sendBack.previousDeadline.toISOString(),
      deadline: sendBack.deadline.toISOString(),
    })),
    escalatedDeadline: escalated ? escalated.deadline : null,
    verifiedBy: notice.verifiedBy ?? null,
    verifiedAt: notice.verifiedAt ?? null,
    verificationNote: notice.verificationNote ?? null,
    version,
  };
}

function toDomain(record: RectificationNoticeRecord, escalations: Map<string, RectificationEscalation[]>): RectificationNotice {
  return {
    id: record.id,
    agencyId: record.agencyId,
    party: parseParty(record.party),
    ...(record.vendorName ? { vendorName: record.vendorName } : {}),
    finding: record.finding,
    ...(record.violationId ? { violationId: record.violationId } : {}),
    ...(record.complaintId ? { complaintId: record.complaintId } : {}),
    requiredEvidence: record.requiredEvidence,
    deadline: record.deadline,
    status: record.status,
    issuedBy: record.issuedBy,
    issuedAt: record.issuedAt,
    answers: record.answers.map((answer) => ({ ...answer, answeredAt: new Date(answer.answeredAt), deadline: new Date(answer.deadline) })),
    sendBacks: record.sendBacks.map((sendBack) => ({
      ...sendBack,
      returnedAt: new Date(sendBack.returnedAt),
      previousDeadline: new Date(sendBack.previousDeadline),
      deadline: new Date(sendBack.deadline),
    })),
    escalations: escalations.get(record.id) ?? [],
    ...(record.verifiedBy ? { verifiedBy: record.verifiedBy } : {}),
    ...(record.verifiedAt ? { verifiedAt: record.verifiedAt } : {}),
    ...(record.verificationNote ? { verificationNote: record.verificationNote } : {}),
  };
}
