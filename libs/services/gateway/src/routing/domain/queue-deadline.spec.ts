import { queueDeadline } from './queue-deadline';

describe('the queue deadline of a service', () => {
  it('waits 1 s by default, or half of a shorter upstream deadline', () => {
    expect(queueDeadline(undefined, 10_000)).toEqual({ ms: 1_000 });
    expect(queueDeadline(undefined, 1_500)).toEqual({ ms: 750 });
  });

  it('takes a value set up to half the upstream deadline', () => {
    expect(queueDeadline(500, 5_000)).toEqual({ ms: 500 });
    expect(queueDeadline(5_000, 10_000)).toEqual({ ms: 5_000 });
  });

  it('refuses a value set that would leave the service less than half the upstream deadline', () => {
    expect(queueDeadline(5_001, 10_000)).toEqual({ problem: expect.stringMatching(/at most half of UPSTREAM_TIMEOUT_MS \(10000 ms\).*5001 ms/) });
    expect(queueDeadline(4_900, 5_000)).toHaveProperty('problem');
  });
});
