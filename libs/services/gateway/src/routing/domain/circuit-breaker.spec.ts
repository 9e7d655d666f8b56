import { FixedClock } from '@houqin/domain';
import { CallPermit, CircuitBreaker, CircuitTransition } from './circuit-breaker';

const THRESHOLD = 3;
const OPEN_MS = 10_000;

function breakerAt(clock: FixedClock): { breaker: CircuitBreaker; transitions: string[] } {
  const breaker = new CircuitBreaker('maintenance', { failureThreshold: THRESHOLD, openMs: OPEN_MS }, clock);
  const transitions: string[] = [];
  breaker.onTransition((transition: CircuitTransition) => transitions.push(`${transition.from} → ${transition.to}`));
  return { breaker, transitions };
}

function permit(breaker: CircuitBreaker): CallPermit {
  const decision = breaker.request();
  if (!decision.allowed) throw new Error(`expected the call to be let through, the circuit is ${decision.state}`);
  return decision;
}

function failTimes(breaker: CircuitBreaker, times: number): void {
  for (let index = 0; index < times; index += 1) breaker.failed(permit(breaker));
}

describe('a service’s circuit breaker', () => {
  let clock: FixedClock;
  beforeEach(() => (clock = new FixedClock(new Date('2025-03-01T08:00:00Z'))));

  it('starts closed and lets calls through', () => {
    const { breaker } = breakerAt(clock);
    expect(breaker.state).toBe('closed');
    expect(breaker.request()).toEqual({ allowed: true, probe: false });
  });

  it('opens after the threshold of consecutive failures, and then refuses calls without letting them through', () => {
    const { breaker, transitions } = breakerAt(clock);
    failTimes(breaker, THRESHOLD - 1);
    expect(breaker.state).toBe('closed');
    failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(transitions).toEqual(['closed → open']);
    clock.advance(4_000);
    expect(breaker.request()).toEqual({ allowed: false, state: 'open', retryAfterMs: 6_000 });
  });

  it('counts only consecutive failures: a success in between starts the count again', () => {
    const { breaker } = breakerAt(clock);
    failTimes(breaker, THRESHOLD - 1);
    breaker.succeeded(permit(breaker));
    failTimes(breaker, THRESHOLD - 1);
    expect(breaker.state).toBe('closed');
    expect(breaker.failures).toBe(THRESHOLD - 1);
  });

  it('turns half-open after the cool-down and lets exactly one probe through', () => {
    const { breaker } = breakerAt(clock);
    failTimes(breaker, THRESHOLD);
    clock.advance(OPEN_MS);
    expect(breaker.state).toBe('half-open');
    expect(breaker.request()).toEqual({ allowed: true, probe: true });
    clock.advance(100);
    expect(breaker.request()).toEqual({ allowed: false, state: 'half-open', retryAfterMs: OPEN_MS - 100 });
  });

  it('closes when the probe succeeds', () => {
    const { breaker, transitions } = breakerAt(clock);
    failTimes(breaker, THRESHOLD);
    clock.advance(OPEN_MS);
    breaker.succeeded(permit(breaker));
    expect(breaker.state).toBe('closed');
    expect(breaker.failures).toBe(0);
    expect(breaker.request()).toEqual({ allowed: true, probe: false });
    expect(transitions).toEqual(['closed → open', 'open → half-open', 'half-open → closed']);
  });

  it('opens again for a whole cool-down when the probe fails', () => {
    const { breaker, transitions } = breakerAt(clock);
    failTimes(breaker, THRESHOLD);
    clock.advance(OPEN_MS + 500);
    breaker.failed(permit(breaker));
    expect(breaker.state).toBe('open');
    expect(breaker.request()).toEqual({ allowed: false, state: 'open', retryAfterMs: OPEN_MS });
    expect(transitions).toEqual(['closed → open', 'open → half-open', 'half-open → open']);
  });

  it('lets another probe through when the first one never reported back', () => {
    const { breaker } = breakerAt(clock);
    failTimes(breaker, THRESHOLD);
    clock.advance(OPEN_MS);
    permit(breaker);
    clock.advance(OPEN_MS);
    expect(breaker.request()).toEqual({ allowed: true, probe: true });
  });

  it('is not moved by calls let through before it opened that finish later', () => {
    const { breaker } = breakerAt(clock);
    const slow = permit(breaker);
    const slower = permit(breaker);
    failTimes(breaker, THRESHOLD);
    breaker.succeeded(slow);
    expect(breaker.state).toBe('open');
    clock.advance(OPEN_MS);
    const probe = permit(breaker);
    breaker.failed(slower);
    expect(breaker.state).toBe('half-open');
    breaker.succeeded(probe);
    expect(breaker.state).toBe('closed');
  });

  it('refuses nonsensical settings', () => {
    expect(() => new CircuitBreaker('x', { failureThreshold: 0, openMs: 1000 }, clock)).toThrow(RangeError);
    expect(() => new CircuitBreaker('x', { failureThreshold: 1, openMs: 0 }, clock)).toThrow(RangeError);
  });
});
