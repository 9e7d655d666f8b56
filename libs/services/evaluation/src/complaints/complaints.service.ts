import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { Clock, FileAttachment, NotFoundError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_CONFIG, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import type { EvaluatedParty } from '../kpis/domain/evaluated-party';
import {
  Answerable,
  Complaint,
  ComplaintCategory,
  ComplaintOutcome,
  ComplaintServiceType,
  ComplaintTerms,
  TriageInput,
  addEvidence,
  answerableFor,
  appealComplaint,
  appealDeadline,
  appealEffect,
  decideAppeal,
  decideComplaint,
  fileComplaint,
  maySee,
  scopeOf,
  triageComplaint,
  withdrawComplaint,
} from './domain/complaint';
import {
  appealDecidedEvent,
  appealedEvent,
  evidenceAddedEvent,
  filedEvent,
  overturnedEvent,
  rejectedEvent,
  triagedEvent,
  upheldEvent,
  withdrawnEvent,
} from './complaint-events';
import { ComplaintFilter, ComplaintRepository, LoadedComplaint } from './complaint.repository';

export interface FileComplaintCommand {
  serviceType?: ComplaintServiceType | undefined;
  instanceId?: string | undefined;
  /** The vendor complained about (takes precedence over what the instance's records say). */
  vendor?: EvaluatedParty | undefined;
  category: ComplaintCategory;
  description: string;
  attachments: readonly FileAttachment[];
  anonymousToVendor: boolean;
}

export interface DecideCommand {
  outcome: ComplaintOutcome;
  reasons: string;
  /** People, managers or departments the decider names as answerable, besides the party. */
  answerable?: readonly Answerable[] | undefined;
}

/** Use cases of complaints (投诉): load, apply the domain rule, save the change and its events in one transaction. */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly complaints: ComplaintRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EvaluationEnvironment,
  ) {}

  get terms(): ComplaintTerms {
    return { responseDays: this.config.COMPLAINT_RESPONSE_DAYS, appealDays: this.config.COMPLAINT_APPEAL_DAYS };
  }

  /** One of the agency's people files a complaint; the party is taken from the instance's records when not named. */
  async file(caller: Caller, command: FileComplaintCommand): Promise<Complaint> {
    return this.dataSource.transaction(async (manager) => {
      const known =
        command.vendor ?? (command.serviceType && command.instanceId ? await this.complaints.partyOfInstance(manager, caller.agencyId, command.serviceType, command.instanceId) : undefined);
      const complaint = fileComplaint(
        randomUUID(),
        caller.agencyId,
        {
          complainantId: caller.userId,
          anonymousToVendor: command.anonymousToVendor,
          serviceType: command.serviceType,
          instanceId: command.instanceId,
          party: known,
          category: command.category,
          description: command.description,
          attachments: command.attachments,
        },
        this.terms,
        this.clock.now(),
      );
      await this.complaints.insert(manager, complaint);
      await this.outbox.append(manager, filedEvent(complaint, eventOrigin(caller)));
      return complaint;
    });
  }

  async list(caller: Caller, filter: ComplaintFilter, limit: number): Promise<Complaint[]> {
    return this.complaints.list(this.dataSource.manager, caller.agencyId, scopeOf(caller), filter, limit);
  }

  /** A complaint the caller may not see is not found (another's complaint, another vendor's). */
  async get(caller: Caller, id: string): Promise<Complaint> {
    const { complaint } = await this.visible(this.dataSource.manager, caller, id, { forUpdate: false });
    return complaint;
  }

  async triage(caller: Caller, id: string, input: TriageInput): Promise<Complaint> {
    return this.change(caller, id, async (manager, complaint) => {
      let party = input.party;
      if (!party && !complaint.party && complaint.serviceType && complaint.instanceId) {
        party = await this.complaints.partyOfInstance(manager, caller.agencyId, complaint.serviceType, complaint.instanceId);
      }
      const triaged = triageComplaint(complaint, caller, { ...input, party }, this.clock.now());
      return { complaint: triaged, events: [triagedEvent(triaged, eventOrigin(caller))] };
    });
  }

  async addEvidence(caller: Caller, id: string, input: { description: string; attachments: readonly FileAttachment[] }): Promise<Complaint> {
    return this.change(caller, id, (_manager, complaint) => {
      const evidenceId = randomUUID();
      const next = addEvidence(complaint, caller, evidenceId, input, this.clock.now());
      const item = next.evidence[next.evidence.length - 1];
      if (!item) throw new Error('evidence was not added');
      return Promise.resolve({ complaint: next, events: [evidenceAddedEvent(next, item, eventOrigin(caller))], newEvidence: item });
    });
  }

  /** The first decision: upheld publishes complaint.upheld (naming who answers), rejected complaint.rejected. */
  async decide(caller: Caller, id: string, command: DecideCommand): Promise<Complaint> {
    return this.change(caller, id, async (manager, complaint) => {
      const answerable = command.outcome === 'upheld' && complaint.party ? await this.answerable(manager, complaint, complaint.party, command.answerable) : command.answerable;
      const decided = decideComplaint(complaint, caller, { outcome: command.outcome, reasons: command.reasons, ...(answerable ? { answerable } : {}) }, this.clock.now());
      const decision = decided.decision;
      if (!decision) throw new Error('the complaint was not decided');
      const origin = eventOrigin(caller);
      const deadline = appealDeadline(decided, this.terms) ?? decision.decidedAt;
      return { complaint: decided, events: [decision.outcome === 'upheld' ? upheldEvent(decided, decision, false, origin) : rejectedEvent(decided, decision, deadline, origin)] };
    });
  }

  async appeal(caller: Caller, id: string, reasons: string): Promise<Complaint> {
    return this.change(caller, id, (_manager, complaint) => {
      const appealed = appealComplaint(complaint, caller, reasons, this.terms, this.clock.now());
      return Promise.resolve({ complaint: appealed, events: [appealedEvent(appealed, eventOrigin(caller))] });
    });
  }

  /** The appeal's decision; complaint.upheld (onAppeal) or complaint.overturned when it changed the standing. */
  async decideAppeal(caller: Caller, id: string, command: DecideCommand): Promise<Complaint> {
    return this.change(caller, id, async (manager, complaint) => {
      const answerable = command.outcome === 'upheld' && complaint.party ? await this.answerable(manager, complaint, complaint.party, command.answerable) : command.answerable;
      const decided = decideAppeal(complaint, caller, { outcome: command.outcome, reasons: command.reasons, ...(answerable ? { answerable } : {}) }, this.clock.now());
      const origin = eventOrigin(caller);
      const events = [appealDecidedEvent(decided, origin)];
      const effect = appealEffect(decided);
      const final = decided.appeal?.decision;
      if (effect === 'upheld' && final) events.push(upheldEvent(decided, final, true, origin));
      if (effect === 'overturned') events.push(overturnedEvent(decided, origin));
      return { complaint: decided, events };
    });
  }

  async withdraw(caller: Caller, id: string, reason: string | undefined): Promise<Complaint> {
    return this.change(caller, id, (_manager, complaint) => {
      const withdrawn = withdrawComplaint(complaint, caller, reason, this.clock.now());
      return Promise.resolve({ complaint: withdrawn, events: [withdrawnEvent(withdrawn, eventOrigin(caller))] });
    });
  }

  /** Who answers: the party (named when known), the manager who assigned the work order, and those the decider names. */
  private async answerable(manager: EntityManager, complaint: Complaint, party: EvaluatedParty, named: readonly Answerable[] | undefined): Promise<Answerable[]> {
    const vendorName = party.kind === 'vendor' ? await this.complaints.vendorName(manager, complaint.agencyId, party.vendorId) : undefined;
    const assignment = complaint.serviceType === 'maintenance' && complaint.instanceId ? await this.complaints.assignmentOf(manager, complaint.agencyId, complaint.instanceId) : undefined;
    return answerableFor(party, { vendorName, assignedBy: assignment && !assignment.automatic ? assignment.assignedBy : undefined }, named ?? []);
  }

  private async visible(manager: EntityManager, caller: Caller, id: string, options: { forUpdate: boolean }): Promise<LoadedComplaint> {
    const loaded = await this.complaints.load(manager, caller, id, options);
    if (!maySee(loaded.complaint, caller)) throw new NotFoundError('complaint', id);
    return loaded;
  }

  /** Loads the complaint for update (404 when the caller may not see it), applies the change, saves it and its events. */
  private async change(
    caller: Caller,
    id: string,
    work: (manager: EntityManager, complaint: Complaint) => Promise<{ complaint: Complaint; events: EventEnvelope[]; newEvidence?: Complaint['evidence'][number] }>,
  ): Promise<Complaint> {
    return this.dataSource.transaction(async (manager) => {
      const { complaint, version } = await this.visible(manager, caller, id, { forUpdate: true });
      const result = await work(manager, complaint);
      await this.complaints.save(manager, result.complaint, version, result.newEvidence ? { newEvidence: result.newEvidence } : {});
      for (const event of result.events) await this.outbox.append(manager, event);
      return result.complaint;
    });
  }
}
