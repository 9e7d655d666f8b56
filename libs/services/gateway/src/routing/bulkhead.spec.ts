import { Admission, Bulkhead } from './bulkhead';

function admitted(admission: Admission): Extract<Admission, { admitted: true }> {
  if (!admission.admitted) throw new Error(`expected a slot, was shed: ${admission.reason}`);
  return admission;
}

describe('the bulkhead in front of a service', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('admits up to its concurrency at once, queues the next ones and sheds beyond the queue', async () => {
    const bulkhead = new Bulkhead('maintenance', { maxConcurrent: 2, maxQueued: 1, queueTimeoutMs: 1000 });
    const first = admitted(await bulkhead.acquire());
    admitted(await bulkhead.acquire());
    const queued = bulkhead.acquire();
    expect(bulkhead.waiting).toBe(1);
    expect(await bulkhead.acquire()).toEqual({ admitted: false, reason: 'queue-full', retryAfterMs: 1000 });
    first.release();
    expect(admitted(await queued).waitedMs).toBeGreaterThanOrEqual(0);
    expect(bulkhead.active).toBe(2);
    expect(bulkhead.waiting).toBe(0);
  });

  it('sheds a request that waited its queue deadline, and frees its place in the queue', async () => {
    const bulkhead = new Bulkhead('maintenance', { maxConcurrent: 1, maxQueued: 1, queueTimeoutMs: 500 });
    const holder = admitted(await bulkhead.acquire());
    const queued = bulkhead.acquire();
    jest.advanceTimersByTime(500);
    expect(await queued).toEqual({ admitted: false, reason: 'queue-timeout', retryAfterMs: 1000 });
    expect(bulkhead.waiting).toBe(0);
    holder.release();
    expect(bulkhead.active).toBe(0);
  });

  it("waits no longer than the request's own deadline when that comes first", async () => {
    const bulkhead = new Bulkhead('maintenance', { maxConcurrent: 1, maxQueued: 5, queueTimeoutMs: 5000 });
    admitted(await bulkhead.acquire());
    const queued = bulkhead.acquire(200);
    jest.advanceTimersByTime(200);
    expect(await queued).toMatchObject({ admitted: false, reason: 'queue-timeout' });
  });

  it('hands freed slots to the waiting requests first in, first out, a newcomer queuing behind them', async () => {
    const bulkhead = new Bulkhead('maintenance', { maxConcurrent: 1, maxQueued: 3, queueTimeoutMs: 1000 });
    const order: string[] = [];
    const holder = admitted(await bulkhead.acquire());
    const waiting = ['a', 'b'].map((name) => Promise.resolve(bulkhead.acquire()).then((admission) => (order.push(name), admitted(admission))));
    holder.release();
    // A slot free and a queue: the newcomer queues behind them.
    const late = Promise.resolve(bulkhead.acquire()).then((admission) => (order.push('late'), admitted(admission)));
    (await waiting[0]!).release();
    (await waiting[1]!).release();
    (await late).release();
    expect(order).toEqual(['a', 'b', 'late']);
    expect(bulkhead.active).toBe(0);
  });

  it('counts a release once however often it is called', async () => {
    const bulkhead = new Bulkhead('maintenance', { maxConcurrent: 1, maxQueued: 0, queueTimeoutMs: 1000 });
    const slot = admitted(await bulkhead.acquire());
    admitted(await Promise.resolve(slot.release()).then(() => bulkhead.acquire()));
    slot.release();
    expect(bulkhead.active).toBe(1);
    expect(await bulkhead.acquire()).toMatchObject({ admitted: false, reason: 'queue-full' });
  });

  it('recovers by itself once the load falls', async () => {
    const bulkhead = new Bulkhead('maintenance', { maxConcurrent: 2, maxQueued: 2, queueTimeoutMs: 100 });
    const slots = [admitted(await bulkhead.acquire()), admitted(await bulkhead.acquire())];
    const queued = [bulkhead.acquire(), bulkhead.acquire()];
    expect(await bulkhead.acquire()).toMatchObject({ admitted: false });
    jest.advanceTimersByTime(100);
    for (const admission of await Promise.all(queued)) expect(admission).toMatchObject({ admitted: false, reason: 'queue-timeout' });
    for (const slot of slots) slot.release();
    for (let index = 0; index < 10; index += 1) admitted(await bulkhead.acquire()).release();
    expect({ active: bulkhead.active, waiting: bulkhead.waiting }).toEqual({ active: 0, waiting: 0 });
  });
});
