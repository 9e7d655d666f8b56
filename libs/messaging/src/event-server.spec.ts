import { MessageHandler } from '@nestjs/microservices';
import { EventCatalog, EventEnvelope } from '@houqin/contracts';
import { HouqinEventServer } from './event-server';
import { EventContext } from './inbox/event-context';

class ProbeServer extends HouqinEventServer {
  constructor() {
    super(new EventCatalog([]));
  }
  get subscribedTopics(): string[] {
    return [];
  }
  listen(callback: () => void): void {
    callback();
  }
  close(): void {}
  override on(): void {}
  unwrap<T>(): T {
    throw new Error('nothing to unwrap');
  }
  handlerFor(type: string) {
    return this.resolveHandler(type);
  }
}

/** A handler as Nest registers it, recording when it runs. */
function recordingHandler(name: string, log: string[], fail = false): MessageHandler {
  return (async () => {
    log.push(`${name} starts`);
    await new Promise((resolve) => setImmediate(resolve));
    log.push(`${name} ends`);
    if (fail) throw new Error(`${name} failed`);
  }) as unknown as MessageHandler;
}

const envelope = {} as EventEnvelope;
const context = {} as EventContext;

describe('handlers of one event type', () => {
  it('run one after the other in the order they were registered, sharing the event’s transaction', async () => {
    const server = new ProbeServer();
    const log: string[] = [];
    server.addHandler('houqin.x.y.done.v1', recordingHandler('audit trail', log), true);
    server.addHandler('houqin.x.y.done.v1', recordingHandler('KPIs', log), true);
    server.addHandler('houqin.x.y.done.v1', recordingHandler('surveys', log), true);
    await server.handlerFor('houqin.x.y.done.v1')!(envelope, context);
    expect(log).toEqual(['audit trail starts', 'audit trail ends', 'KPIs starts', 'KPIs ends', 'surveys starts', 'surveys ends']);
  });

  it('are never chained for Nest to run at once', () => {
    const server = new ProbeServer();
    const first = recordingHandler('first', []);
    server.addHandler('houqin.x.y.done.v1', first, true);
    server.addHandler('houqin.x.y.done.v1', recordingHandler('second', []), true);
    expect(first.next).toBeUndefined();
  });

  it('stop at the first failure, so the transaction rolls back with nothing else attempted', async () => {
    const server = new ProbeServer();
    const log: string[] = [];
    server.addHandler('houqin.x.y.done.v1', recordingHandler('first', log, true), true);
    server.addHandler('houqin.x.y.done.v1', recordingHandler('second', log), true);
    await expect(server.handlerFor('houqin.x.y.done.v1')!(envelope, context)).rejects.toThrow('first failed');
    expect(log).toEqual(['first starts', 'first ends']);
  });

  it('has no handler for a type nobody handles', () => {
    expect(new ProbeServer().handlerFor('houqin.x.y.other.v1')).toBeUndefined();
  });
});
