import { Injectable, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { AnswerInput, IssueInput, RectificationNotice, answerRectification, issueRectification, sendBackRectification, verifyRectification } from './domain/rectification';
import { answeredEvent, issuedEvent, returnedEvent, verifiedEvent } from './rectification-events';
import { RectificationFilter, RectificationRepository } from './rectification.repository';

/** Use cases of rectification notices (整改通知): load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class RectificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly notices: RectificationRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An operator issues a notice; the vendor is named as procurement registered it, when evaluation knows it. */
  async issue(caller: Caller, input: Omit<IssueInput, 'vendorName'>): Promise<RectificationNotice> {
    return this.dataSource.transaction(async (manager) => {
      const vendorName = input.party.kind === 'vendor' ? await this.notices.vendorName(manager, caller.agencyId, input.party.vendorId) : undefined;
      const notice = issueRectification(randomUUID(), caller.agencyId, { ...input, vendorName }, caller.userId, this.clock.now());
      await this.notices.insert(manager, notice);
      await this.outbox.append(manager, issuedEvent(notice, eventOrigin(caller)));
      return notice;
    });
  }

  async get(caller: Caller, id: string): Promise<RectificationNotice> {
    return (await this.notices.load(this.dataSource.manager, caller, id, { forUpdate: false })).notice;
  }

  async list(caller: Caller, filter: RectificationFilter, limit: number): Promise<RectificationNotice[]> {
    return this.notices.list(this.dataSource.manager, caller, filter, limit, this.clock.now());
  }

  /** The party answers with its statement and evidence (late answers are taken, and marked late). */
  async answer(caller: Caller, id: string, input: AnswerInput): Promise<RectificationNotice> {
    return this.dataSource.transaction(async (manager) => {
      const { notice, version } = await this.notices.load(manager, caller, id, { forUpdate: true });
      const answered = answerRectification(notice, caller, input, this.clock.now());
      await this.notices.save(manager, answered, version);
      await this.outbox.append(manager, answeredEvent(answered, eventOrigin(caller)));
      return answered;
    });
  }

  async verify(caller: Caller, id: string, note: string | undefined): Promise<RectificationNotice> {
    return this.dataSource.transaction(async (manager) => {
      const { notice, version } = await this.notices.load(manager, caller, id, { forUpdate: true });
      const closed = verifyRectification(notice, caller.userId, note, this.clock.now());
      await this.notices.save(manager, closed, version);
      await this.outbox.append(manager, verifiedEvent(closed, eventOrigin(caller)));
      return closed;
    });
  }

  async sendBack(caller: Caller, id: string, input: { reason: string; deadline?: Date | undefined }): Promise<RectificationNotice> {
    return this.dataSource.transaction(async (manager) => {
      const { notice, version } = await this.notices.load(manager, caller, id, { forUpdate: true });
      const returned = sendBackRectification(notice, caller.userId, input, this.clock.now());
      await this.notices.save(manager, returned, version);
      await this.outbox.append(manager, returnedEvent(returned, eventOrigin(caller)));
      return returned;
    });
  }
}
