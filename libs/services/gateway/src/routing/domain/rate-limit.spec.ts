import { FixedClock } from '@houqin/domain';
import { InMemoryRateLimiter, RateLimitDecision, gcraStep, rateLimitKey } from './rate-limit';

async function burst(limiter: InMemoryRateLimiter, key: string, count: number): Promise<RateLimitDecision[]> {
  const decisions: RateLimitDecision[] = [];
  for (let index = 0; index < count; index += 1) decisions.push(await limiter.consume(key));
  return decisions;
}

describe('the in-memory rate limiter', () => {
  let clock: FixedClock;
  beforeEach(() => (clock = new FixedClock(new Date('2025-03-01T08:00:00Z'))));

  it('admits a burst up to the limit and refuses the rest, counting down what remains', async () => {
    const limiter = new InMemoryRateLimiter({ perMinute: 5, burst: 5 }, clock);
    const decisions = await burst(limiter, 'user:wang', 7);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    expect(decisions.every((d) => d.limit === 5)).toBe(true);
  });

  it('says when the next request will be admitted and when the bucket is full again', async () => {
    const limiter = new InMemoryRateLimiter({ perMinute: 6, burst: 3 }, clock);
    const [first, , third, refused] = await burst(limiter, 'user:wang', 4);
    expect(first).toMatchObject({ allowed: true, resetMs: 10_000 });
    expect(third).toMatchObject({ allowed: true, remaining: 0, resetMs: 30_000 });
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfterMs: 10_000, resetMs: 30_000 });
    clock.advance(4_000);
    expect(await limiter.consume('user:wang')).toMatchObject({ allowed: false, retryAfterMs: 6_000 });
  });

  it('refills at the per-minute rate', async () => {
    const limiter = new InMemoryRateLimiter({ perMinute: 60, burst: 2 }, clock);
    await burst(limiter, 'ip:10.0.0.1', 2);
    expect((await limiter.consume('ip:10.0.0.1')).allowed).toBe(false);
    clock.advance(1_000);
    expect(await limiter.consume('ip:10.0.0.1')).toMatchObject({ allowed: true, remaining: 0 });
    clock.advance(60_000);
    expect(await burst(limiter, 'ip:10.0.0.1', 3)).toMatchObject([{ allowed: true }, { allowed: true }, { allowed: false }]);
  });

  it('keeps a separate bucket per client', async () => {
    const limiter = new InMemoryRateLimiter({ perMinute: 1, burst: 1 }, clock);
    expect((await limiter.consume(rateLimitKey({ kind: 'user', userId: 'wang' }))).allowed).toBe(true);
    expect((await limiter.consume(rateLimitKey({ kind: 'user', userId: 'wang' }))).allowed).toBe(false);
    expect((await limiter.consume(rateLimitKey({ kind: 'user', userId: 'li' }))).allowed).toBe(true);
    expect((await limiter.consume(rateLimitKey({ kind: 'ip', address: '10.0.0.1' }))).allowed).toBe(true);
    expect((await limiter.consume(rateLimitKey({ kind: 'api-key', keyId: 'k1' }))).allowed).toBe(true);
  });

  it('admits exactly the limit when the per-request interval is not a whole number of milliseconds', async () => {
    const limiter = new InMemoryRateLimiter({ perMinute: 7, burst: 7 }, clock);
    const decisions = await burst(limiter, 'user:wang', 8);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    expect(decisions.map((d) => d.remaining)).toEqual([6, 5, 4, 3, 2, 1, 0, 0]);
  });

  it('forgets clients whose bucket is full again', async () => {
    const limiter = new InMemoryRateLimiter({ perMinute: 60, burst: 10 }, clock, 3);
    await limiter.consume('ip:10.0.0.1');
    await limiter.consume('ip:10.0.0.2');
    expect(limiter.size).toBe(2);
    clock.advance(2_000);
    await limiter.consume('ip:10.0.0.3');
    expect(limiter.size).toBe(1);
  });
});

describe('one GCRA step', () => {
  it('never lets the stored arrival time lag behind now (an idle client does not bank more than the burst)', () => {
    const policy = { perMinute: 60, burst: 2 };
    const { tat } = gcraStep(0, 1_000_000, policy);
    expect(tat).toBe(1_001_000);
  });
});
