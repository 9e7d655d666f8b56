import { fixKafkajsRequestQueueTimer } from './request-queue-timer';

interface Queue {
  pending: unknown[];
  inflight: Map<number, unknown>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
  destroy(): void;
}
type QueueClass = { new (options: Record<string, unknown>): Queue; prototype: Queue };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as QueueClass;
const released = RequestQueue.prototype.scheduleCheckPendingRequests;
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function queue(): Queue {
  return new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 'spec', broker: '127.0.0.1:9092', logger: { namespace: () => logger } });
}

/** The delay of the timer the queue arms after checking itself, or undefined when it arms none. */
function armedDelay(subject: Queue): number | undefined {
  const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
  try {
    subject.checkPendingRequests();
    const call = setTimeoutSpy.mock.calls.at(-1);
    return call ? Number(call[1]) : undefined;
  } finally {
    setTimeoutSpy.mockRestore();
    subject.destroy();
  }
}

describe("kafkajs' request queue timer", () => {
  it('is re-armed with a negative delay after every answer by kafkajs as released (a 1 ms loop per connection)', () => {
    const subject = queue();
    subject.scheduleCheckPendingRequests = released;
    expect(armedDelay(subject)).toBeLessThan(0);
  });

  describe('once fixed', () => {
    beforeAll(() => fixKafkajsRequestQueueTimer());

    it('arms no timer when nothing is queued and no throttle applies', () => {
      expect(armedDelay(queue())).toBeUndefined();
    });

    it('checks a queued request again after ten milliseconds', () => {
      const subject = queue();
      subject.inflight.set(1, {});
      subject.pending.push({});
      expect(armedDelay(subject)).toBe(10);
    });

    it('checks again when the throttle the broker asked for ends', () => {
      const subject = queue();
      subject.throttledUntil = Date.now() + 500;
      const delay = armedDelay(subject);
      expect(delay).toBeGreaterThan(400);
      expect(delay).toBeLessThanOrEqual(500);
    });
  });
});
