import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@houqin/contracts';
import { DeliveryMetadata } from '../transport';
import { BatchScope } from './batch-scope';

/**
 * What an event handler receives besides the event (`@Ctx()`): the transaction in which the inbox
 * records the event as processed. Writes made through `manager` commit with that record, so a
 * redelivered event changes nothing. The transaction may hold a batch of events, each in its own
 * savepoint; `batch` is what the batch's handlers share.
 */
export class EventContext extends BaseRpcContext<[EventEnvelope, EntityManager, DeliveryMetadata, number, BatchScope]> {
  constructor(envelope: EventEnvelope, manager: EntityManager, delivery: DeliveryMetadata, attempt: number, batch: BatchScope = new BatchScope()) {
    super([envelope, manager, delivery, attempt, batch]);
  }
  get envelope(): EventEnvelope {
    return this.args[0];
  }
  get manager(): EntityManager {
    return this.args[1];
  }
  get delivery(): DeliveryMetadata {
    return this.args[2];
  }
  /** 1 on first delivery to the handler, counting retries. */
  get attempt(): number {
    return this.args[3];
  }
  /** Shared by the handlers of every event applied in this transaction. */
  get batch(): BatchScope {
    return this.args[4];
  }
}
