import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import { parseParty, partyKey } from '../kpis/domain/evaluated-party';
import type { EvaluatedParty } from '../kpis/domain/evaluated-party';
import type { Complaint, ComplaintScope, ComplaintServiceType, ComplaintStatus, EvidenceItem } from './domain/complaint';
import { ComplaintEvidenceRecord, ComplaintRecord } from './complaint.entity';

export interface ComplaintFilter {
  status?: ComplaintStatus | undefined;
  party?: string | undefined;
  /** Filed at or after. */
  from?: Date | undefined;
  /** Filed before. */
  to?: Date | undefined;
}

export interface LoadedComplaint {
  complaint: Complaint;
  version: number;
}

/** How a work order was last assigned, as maintenance announced it (work-order.assigned in the audit trail). */
export interface WorkAssignment {
  assignedBy: string;
  automatic: boolean;
}

const ASSIGNED = 'houqin.maintenance.work-order.assigned.v1';
/** The KPI fact instance that names the party of a service instance (see kpis/domain/kpi-facts.ts). */
const FACT_INSTANCE: Partial<Record<ComplaintServiceType, string>> = { maintenance: 'work-order', procurement: 'purchase-order' };

/** Complaints with their evidence, and what evaluation already knows of the service instances complained about. */
@Injectable()
export class ComplaintRepository {
  /** A complaint of another agency is not found; who may see it is the use case's to check. */
  async load(manager: EntityManager, scope: { agencyId: string }, id: string, options: { forUpdate: boolean }): Promise<LoadedComplaint> {
    const record = await manager.findOne(ComplaintRecord, { where: { id, agencyId: scope.agencyId }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!record) throw new NotFoundError('complaint', id);
    const evidence = await manager.find(ComplaintEvidenceRecord, { where: { complaintId: id }, order: { addedAt: 'ASC', id: 'ASC' } });
    return { complaint: toDomain(record, evidence), version: record.version };
  }

  async insert(manager: EntityManager, complaint: Complaint): Promise<void> {
    await manager.insert(ComplaintRecord, toRecord(complaint, 1));
  }

  /** Saves a changed complaint (optimistic version check) and inserts the evidence it gained. */
  async save(manager: EntityManager, complaint: Complaint, version: number, options: { newEvidence?: EvidenceItem } = {}): Promise<void> {
    const result = await manager.update(ComplaintRecord, { id: complaint.id, version }, toRecord(complaint, version + 1));
    if (result.affected === 0) throw new NotFoundError('complaint', complaint.id);
    const item = options.newEvidence;
    if (item) {
      await manager.insert(ComplaintEvidenceRecord, {
        id: item.id,
        complaintId: complaint.id,
        agencyId: complaint.agencyId,
        description: item.description,
        attachments: item.attachments,
        addedBy: item.addedBy,
        addedAt: item.addedAt,
      });
    }
  }

  /** The complaints a viewer may see, latest filed first. */
  async list(manager: EntityManager, agencyId: string, scope: ComplaintScope, filter: ComplaintFilter, limit: number): Promise<Complaint[]> {
    const query = manager.createQueryBuilder(ComplaintRecord, 'complaint').where('complaint.agencyId = :agencyId', { agencyId }).orderBy('complaint.filedAt', 'DESC').addOrderBy('complaint.id').take(limit);
    if (scope.kind === 'vendor') query.andWhere('complaint.party = :vendorId', { vendorId: scope.vendorId });
    if (scope.kind === 'own') query.andWhere('complaint.complainantId = :complainantId', { complainantId: scope.complainantId });
    if (filter.status) query.andWhere('complaint.status = :status', { status: filter.status });
    if (filter.party) query.andWhere('complaint.party = :party', { party: filter.party });
    if (filter.from) query.andWhere('complaint.filedAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('complaint.filedAt < :to', { to: filter.to });
    const records = await query.getMany();
    const evidence = records.length > 0 ? await manager.find(ComplaintEvidenceRecord, { where: { complaintId: In(records.map((record) => record.id)) }, order: { addedAt: 'ASC', id: 'ASC' } }) : [];
    return records.map((record) => toDomain(record, evidence.filter((item) => item.complaintId === record.id)));
  }

  /** Claims undecided complaints past their response deadline not yet recorded overdue; replicas sweeping at once take different rows. */
  async claimOverdueResponses(manager: EntityManager, now: Date, limit: number): Promise<LoadedComplaint[]> {
    const records = await manager
      .createQueryBuilder(ComplaintRecord, 'complaint')
      .where("complaint.status IN ('filed', 'under-investigation') AND complaint.responseOverdueAt IS NULL AND complaint.responseDueAt <= :now", { now })
      .orderBy('complaint.responseDueAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return records.map((record) => ({ complaint: toDomain(record, []), version: record.version }));
  }

  /** The party of a service instance as the KPI facts know it (the latest assignment), if they do. */
  async partyOfInstance(manager: EntityManager, agencyId: string, serviceType: ComplaintServiceType, instanceId: string): Promise<EvaluatedParty | undefined> {
    const prefix = FACT_INSTANCE[serviceType];
    if (!prefix) return undefined;
    const rows = (await manager.query(`SELECT party FROM kpi_fact WHERE agency_id = $1 AND service_type = $2 AND instance = $3`, [agencyId, serviceType, `${prefix}:${instanceId}`])) as Array<{
      party: string | null;
    }>;
    const key = rows[0]?.party;
    return key ? parseParty(key) : undefined;
  }

  /** The latest assignment of a work order, from the audit trail of maintenance's events. */
  async assignmentOf(manager: EntityManager, agencyId: string, workOrderId: string): Promise<WorkAssignment | undefined> {
    const rows = (await manager.query(`SELECT payload FROM audit_entry WHERE agency_id = $1 AND subject = $2 AND event_type = $3 ORDER BY occurred_at DESC, sequence DESC LIMIT 1`, [
      agencyId,
      workOrderId,
      ASSIGNED,
    ])) as Array<{ payload: { assignedBy?: unknown; automatic?: unknown } }>;
    const payload = rows[0]?.payload;
    return payload && typeof payload.assignedBy === 'string' ? { assignedBy: payload.assignedBy, automatic: payload.automatic === true } : undefined;
  }

  /** The vendor's name as procurement announced it (analytics' vendor directory), if known. */
  async vendorName(manager: EntityManager, agencyId: string, vendorId: string): Promise<string | undefined> {
    const rows = (await manager.query(`SELECT name FROM evaluation_vendor WHERE agency_id = $1 AND vendor_id = $2`, [agencyId, vendorId])) as Array<{ name: string }>;
    return rows[0]?.name;
  }
}

function toRecord(complaint: Complaint, version: number): ComplaintRecord {
  const { triage, decision, appeal } = complaint;
  return {
    id: complaint.id,
    agencyId: complaint.agencyId,
    complainantId: complaint.complainantId,
    anonymousToVendor: complaint.anonymousToVendor,
    serviceType: complaint.serviceType ?? null,
    instanceId: complaint.instanceId ?? null,
    party: complaint.party ? partyKey(complaint.party) : null,
    category: complaint.category,
    description: complaint.description,
    attachments: complaint.attachments,
    status: complaint.status,
    filedAt: complaint.filedAt,
    responseDueAt: complaint.responseDueAt,
    responseOverdueAt: complaint.responseOverdueAt ?? null,
    severity: triage?.severity ?? null,
    investigatorId: triage?.investigatorId ?? null,
    triagedBy: triage?.triagedBy ?? null,
    triagedAt: triage?.triagedAt ?? null,
    triageNote: triage?.note ?? null,
    outcome: decision?.outcome ?? null,
    decisionReasons: decision?.reasons ?? null,
    decidedBy: decision?.decidedBy ?? null,
    decidedAt: decision?.decidedAt ?? null,
    decisionAnswerable: decision ? decision.answerable : null,
    handlingMinutes: complaint.handlingMinutes ?? null,
    appealReasons: appeal?.reasons ?? null,
    appealedAt: appeal?.appealedAt ?? null,
    appealOutcome: appeal?.decision?.outcome ?? null,
    appealDecisionReasons: appeal?.decision?.reasons ?? null,
    appealDecidedBy: appeal?.decision?.decidedBy ?? null,
    appealDecidedAt: appeal?.decision?.decidedAt ?? null,
    appealAnswerable: appeal?.decision ? appeal.decision.answerable : null,
    withdrawnAt: complaint.withdrawnAt ?? null,
    withdrawalReason: complaint.withdrawalReason ?? null,
    version,
  };
}

function toDomain(record: ComplaintRecord, evidence: ComplaintEvidenceRecord[]): Complaint {
  return {
    id: record.id,
    agencyId: record.agencyId,
    complainantId: record.complainantId,
    anonymousToVendor: record.anonymousToVendor,
    ...(record.serviceType ? { serviceType: record.serviceType } : {}),
    ...(record.instanceId ? { instanceId: record.instanceId } : {}),
    ...(record.party ? { party: parseParty(record.party) } : {}),
    category: record.category,
    description: record.description,
    attachments: record.attachments,
    status: record.status,
    filedAt: record.filedAt,
    responseDueAt: record.responseDueAt,
    ...(record.responseOverdueAt ? { responseOverdueAt: record.responseOverdueAt } : {}),
    ...(record.triagedAt && record.severity && record.investigatorId && record.triagedBy
      ? {
          triage: {
            severity: record.severity,
            investigatorId: record.investigatorId,
            triagedBy: record.triagedBy,
            triagedAt: record.triagedAt,
            ...(record.triageNote ? { note: record.triageNote } : {}),
          },
        }
      : {}),
    evidence: evidence.map((item) => ({ id: item.id, description: item.description, attachments: item.attachments, addedBy: item.addedBy, addedAt: item.addedAt })),
    ...(record.outcome && record.decisionReasons && record.decidedBy && record.decidedAt
      ? { decision: { outcome: record.outcome, reasons: record.decisionReasons, decidedBy: record.decidedBy, decidedAt: record.decidedAt, answerable: record.decisionAnswerable ?? [] } }
      : {}),
    ...(record.handlingMinutes !== null ? { handlingMinutes: record.handlingMinutes } : {}),
    ...(record.appealReasons && record.appealedAt
      ? {
          appeal: {
            reasons: record.appealReasons,
            appealedAt: record.appealedAt,
            ...(record.appealOutcome && record.appealDecisionReasons && record.appealDecidedBy && record.appealDecidedAt
              ? {
                  decision: {
                    outcome: record.appealOutcome,
                    reasons: record.appealDecisionReasons,
                    decidedBy: record.appealDecidedBy,
                    decidedAt: record.appealDecidedAt,
                    answerable: record.appealAnswerable ?? [],
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(record.withdrawnAt ? { withdrawnAt: record.withdrawnAt } : {}),
    ...(record.withdrawalReason ? { withdrawalReason: record.withdrawalReason } : {}),
  };
}
