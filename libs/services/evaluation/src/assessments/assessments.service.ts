import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessRuleViolation, Clock, DuplicateError, NotFoundError } from '@houqin/domain';
import { AssessmentSubmitted, EventEnvelope, EventOrigin } from '@houqin/contracts';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import type { ServiceType } from '../kpis/domain/evaluated-party';
import { parsePeriod } from '../kpis/domain/period';
import { Assessment, AssessmentChanges, draftAssessment, reviseAssessment, submitAssessment } from './domain/assessment';
import { EvaluatorOrganisation, TieNature, declareTie, engage, registerOrganisation, setAccounts } from './domain/evaluator-organisation';
import { AssessmentFilter, AssessmentsRepository } from './assessments.repository';
import { EvaluatorOrganisationsRepository, LoadedOrganisation } from './evaluator-organisations.repository';

/** Roles that see every organisation and assessment of their agency; an evaluator sees only its own organisation's. */
const AGENCY_WIDE = ['agency-admin', 'logistics-manager', 'auditor', 'supervisor', 'platform-admin'];

function agencyWide(caller: Caller): boolean {
  return caller.roles.some((role) => AGENCY_WIDE.includes(role));
}

/** Use cases of third-party assessments (第三方评估): engagements, ties, drafting and submitting. */
@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly organisations: EvaluatorOrganisationsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly outbox: Outbox,
  ) {}

  async register(caller: Caller, input: { name: string; creditCode?: string; accounts: string[]; from: Date; until: Date }): Promise<EvaluatorOrganisation> {
    return this.dataSource.transaction(async (manager) => {
      const organisation = registerOrganisation({ id: randomUUID(), agencyId: caller.agencyId, ...input }, caller.userId, this.clock);
      await this.requireAccountsFree(manager, organisation);
      await this.organisations.insert(manager, organisation);
      return organisation;
    });
  }

  async engage(caller: Caller, id: string, from: Date, until: Date): Promise<EvaluatorOrganisation> {
    return this.change(caller, id, (organisation) => engage(organisation, from, until, caller.userId, this.clock));
  }

  async setAccounts(caller: Caller, id: string, accounts: string[]): Promise<EvaluatorOrganisation> {
    return this.dataSource.transaction(async (manager) => {
      const { organisation, version } = await this.organisations.load(manager, caller.agencyId, id, { forUpdate: true });
      const next = setAccounts(organisation, accounts);
      await this.requireAccountsFree(manager, next);
      await this.organisations.save(manager, next, version);
      return next;
    });
  }

  /** The organisation declares a tie (an operator may record it for the organisation). */
  async declareTie(caller: Caller, id: string, tie: { vendorId: string; nature: TieNature; note?: string }): Promise<EvaluatorOrganisation> {
    return this.change(caller, id, (organisation) => declareTie(organisation, tie, caller.userId, this.clock));
  }

  async organisation(caller: Caller, id: string): Promise<EvaluatorOrganisation> {
    const { organisation } = await this.visibleOrganisation(this.dataSource.manager, caller, id, false);
    return organisation;
  }

  async listOrganisations(caller: Caller, limit: number): Promise<EvaluatorOrganisation[]> {
    if (agencyWide(caller)) return this.organisations.list(this.dataSource.manager, caller.agencyId, limit);
    const own = await this.organisations.actingFor(this.dataSource.manager, caller.agencyId, caller.userId);
    return own ? [own.organisation] : [];
  }

  async draft(caller: Caller, input: { vendorId: string; serviceType: ServiceType; period: string } & AssessmentChanges): Promise<Assessment> {
    return this.dataSource.transaction(async (manager) => {
      const { organisation } = await this.ownOrganisation(manager, caller);
      const assessment = draftAssessment(organisation, { ...input, id: randomUUID(), period: parsePeriod(input.period) }, caller.userId, this.clock);
      await this.assessments.insert(manager, assessment);
      return assessment;
    });
  }

  async revise(caller: Caller, id: string, changes: AssessmentChanges): Promise<Assessment> {
    return this.dataSource.transaction(async (manager) => {
      const { organisation } = await this.ownOrganisation(manager, caller);
      const { assessment, version } = await this.ownAssessment(manager, caller, organisation, id);
      const next = reviseAssessment(assessment, organisation, changes, this.clock);
      await this.assessments.save(manager, next, version);
      return next;
    });
  }

  async submit(caller: Caller, id: string): Promise<Assessment> {
    return this.dataSource.transaction(async (manager) => {
      const { organisation } = await this.ownOrganisation(manager, caller);
      const { assessment, version } = await this.ownAssessment(manager, caller, organisation, id);
      const next = submitAssessment(assessment, organisation, caller.userId, this.clock);
      await this.assessments.save(manager, next, version);
      await this.outbox.append(manager, submittedEvent(next, eventOrigin(caller)));
      return next;
    });
  }

  async get(caller: Caller, id: string): Promise<Assessment> {
    const manager = this.dataSource.manager;
    const { assessment } = await this.assessments.load(manager, caller.agencyId, id);
    if (!agencyWide(caller)) {
      const own = await this.organisations.actingFor(manager, caller.agencyId, caller.userId);
      if (!own || own.organisation.id !== assessment.organisationId) throw new NotFoundError('assessment', id);
    }
    return assessment;
  }

  async list(caller: Caller, filter: AssessmentFilter, limit: number): Promise<Assessment[]> {
    const manager = this.dataSource.manager;
    if (agencyWide(caller)) return this.assessments.list(manager, caller.agencyId, filter, limit);
    const own = await this.organisations.actingFor(manager, caller.agencyId, caller.userId);
    if (!own) return [];
    return this.assessments.list(manager, caller.agencyId, { ...filter, organisationId: own.organisation.id }, limit);
  }

  private async change(caller: Caller, id: string, apply: (organisation: EvaluatorOrganisation) => EvaluatorOrganisation): Promise<EvaluatorOrganisation> {
    return this.dataSource.transaction(async (manager) => {
      const { organisation, version } = await this.visibleOrganisation(manager, caller, id, true);
      const next = apply(organisation);
      await this.organisations.save(manager, next, version);
      return next;
    });
  }

  /** An operator sees any organisation of the agency; an evaluator only its own (another answers 404). */
  private async visibleOrganisation(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<LoadedOrganisation> {
    const loaded = await this.organisations.load(manager, caller.agencyId, id, { forUpdate });
    if (!agencyWide(caller) && !loaded.organisation.accounts.includes(caller.userId)) throw new NotFoundError('evaluator organisation', id);
    return loaded;
  }

  private async ownOrganisation(manager: EntityManager, caller: Caller): Promise<LoadedOrganisation> {
    const own = await this.organisations.actingFor(manager, caller.agencyId, caller.userId);
    if (!own) throw new BusinessRuleViolation('no-evaluator-organisation', 'the account acts for no evaluator organisation the agency engages', 'organisation');
    return own;
  }

  private async ownAssessment(manager: EntityManager, caller: Caller, organisation: EvaluatorOrganisation, id: string): Promise<{ assessment: Assessment; version: number }> {
    const loaded = await this.assessments.load(manager, caller.agencyId, id, { forUpdate: true });
    if (loaded.assessment.organisationId !== organisation.id) throw new NotFoundError('assessment', id);
    return loaded;
  }

  private async requireAccountsFree(manager: EntityManager, organisation: EvaluatorOrganisation): Promise<void> {
    const holder = await this.organisations.holderOfAny(manager, organisation.agencyId, organisation.accounts, organisation.id);
    if (holder) throw new DuplicateError('evaluator-account', 'accounts', `account ${holder.account} already acts for ${holder.organisation}`);
  }
}

/** assessment.submitted: what violations (a score below the agency's threshold) and integrators read of a submitted assessment. */
function submittedEvent(assessment: Assessment, origin: EventOrigin): EventEnvelope {
  if (assessment.overallScore === undefined || !assessment.submittedAt || !assessment.submittedBy) throw new Error(`assessment ${assessment.id} is not submitted`);
  return AssessmentSubmitted.create({
    subject: assessment.id,
    origin,
    time: assessment.submittedAt,
    data: {
      assessmentId: assessment.id,
      agencyId: assessment.agencyId,
      organisationId: assessment.organisationId,
      vendorId: assessment.vendorId,
      serviceType: assessment.serviceType,
      period: assessment.period.key,
      overallScore: assessment.overallScore,
      submittedBy: assessment.submittedBy,
      submittedAt: assessment.submittedAt.toISOString(),
    },
  });
}
