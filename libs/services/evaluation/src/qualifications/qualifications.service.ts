import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, SERVICE_CONFIG, eventOrigin } from '@houqin/service-kit';
import type { EvaluationEnvironment } from '../evaluation.config';
import { partyKey } from '../kpis/domain/evaluated-party';
import { Qualification, QualificationInput, RenewalInput, expiresOn, recordQualification, renewQualification } from './domain/qualification';
import { assertRecordableBy } from './domain/qualification-holder';
import { TrainingInput, TrainingRecord, recordTraining } from './domain/training-record';
import { renewedEvent } from './qualification-events';
import { HolderScope, QualificationFilter, QualificationsRepository, TrainingFilter } from './qualifications.repository';

/** The nil vendor: a vendor account that names no vendor matches no record. */
const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

/** A vendor account acts for its own vendor only; everyone else for the agency. */
function actingFor(caller: Caller): { vendorId?: string } {
  if (!caller.roles.includes('vendor')) return {};
  return { vendorId: caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? partyKey({ kind: 'vendor', vendorId: caller.vendorId }) : NO_VENDOR };
}

function scopeOf(caller: Caller): HolderScope {
  return { agencyId: caller.agencyId, party: actingFor(caller).vendorId };
}

/** Use cases of qualifications (资质证书) and training records (培训记录). */
@Injectable()
export class QualificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly qualifications: QualificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: EvaluationEnvironment,
  ) {}

  get warningDays(): number {
    return this.config.QUALIFICATION_WARNING_DAYS;
  }

  /** Operators record anyone's; a vendor account its own staff's only (422 naming holder.vendorId). */
  async record(caller: Caller, input: QualificationInput): Promise<Qualification> {
    assertRecordableBy(input.holder, actingFor(caller));
    const qualification = recordQualification(randomUUID(), caller.agencyId, input, caller.userId, this.clock.now());
    await this.dataSource.transaction((manager) => this.qualifications.insert(manager, qualification));
    return qualification;
  }

  async get(caller: Caller, id: string): Promise<Qualification> {
    return (await this.qualifications.load(this.dataSource.manager, scopeOf(caller), id, { forUpdate: false })).qualification;
  }

  async list(caller: Caller, filter: QualificationFilter, limit: number): Promise<Qualification[]> {
    return this.qualifications.list(this.dataSource.manager, scopeOf(caller), filter, limit, this.clock.now());
  }

  /** A new expiry, kept beside the earlier ones; qualification.renewed goes out with it. */
  async renew(caller: Caller, id: string, input: RenewalInput): Promise<Qualification> {
    return this.dataSource.transaction(async (manager) => {
      const { qualification, version } = await this.qualifications.load(manager, scopeOf(caller), id, { forUpdate: true });
      const renewed = renewQualification(qualification, input, caller.userId, this.clock.now());
      await this.qualifications.save(manager, renewed, version, qualification.terms.length);
      await this.outbox.append(manager, renewedEvent(renewed, expiresOn(qualification), eventOrigin(caller)));
      return renewed;
    });
  }

  async recordTraining(caller: Caller, input: TrainingInput): Promise<TrainingRecord> {
    assertRecordableBy(input.holder, actingFor(caller));
    const training = recordTraining(randomUUID(), caller.agencyId, input, caller.userId, this.clock.now());
    await this.qualifications.insertTraining(this.dataSource.manager, training);
    return training;
  }

  async listTraining(caller: Caller, filter: TrainingFilter, limit: number): Promise<TrainingRecord[]> {
    return this.qualifications.listTraining(this.dataSource.manager, scopeOf(caller), filter, limit);
  }
}
