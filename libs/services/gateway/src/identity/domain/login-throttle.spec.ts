import { FAILURES_WITHOUT_DELAY, FIRST_DELAY_MS, LoginThrottleState, MAX_DELAY_MS, addressBucket, claimLoginAttempt, delayAfterFailures, loginThrottleKey } from './login-throttle';

const start = Date.parse('2026-12-01T08:00:00Z');

/** `times` attempts, each as soon as it is let through, all with a wrong password. */
function failRepeatedly(times: number): { state: LoginThrottleState; at: number } {
  let state: LoginThrottleState | undefined;
  let at = start;
  for (let i = 0; i < times; i += 1) {
    at = Math.max(at, state?.nextAttemptAt ?? at);
    const claim = claimLoginAttempt(state, at);
    expect(claim.allowed).toBe(true);
    state = claim.state;
  }
  return { state: state!, at };
}

describe('slowing password guessing per account and address', () => {
  it(`lets ${FAILURES_WITHOUT_DELAY - 1} failures through at once, then the ${FAILURES_WITHOUT_DELAY}th makes the next attempt wait`, () => {
    const { state, at } = failRepeatedly(FAILURES_WITHOUT_DELAY - 1);
    expect(state.nextAttemptAt).toBe(at);
    const third = claimLoginAttempt(state, at);
    expect(third.allowed).toBe(true);
    const fourth = claimLoginAttempt(third.state, at);
    expect(fourth).toEqual({ allowed: false, retryAfterMs: FIRST_DELAY_MS, state: third.state });
  });

  it('doubles the wait with each further failure, up to 15 minutes', () => {
    expect([3, 4, 5, 6, 7].map(delayAfterFailures)).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(delayAfterFailures(13)).toBe(MAX_DELAY_MS);
    expect(delayAfterFailures(1000)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(15 * 60 * 1000);
  });

  it('refuses attempts during the wait without counting them, so waiting is enough', () => {
    const { state, at } = failRepeatedly(5);
    const refused = claimLoginAttempt(state, at + 1);
    expect(refused.allowed).toBe(false);
    expect(refused.state).toBe(state);
    expect(claimLoginAttempt(state, state.nextAttemptAt).allowed).toBe(true);
  });

  it('counts an attempt when it is let through, so parallel guesses after a wait get one try', () => {
    const { state } = failRepeatedly(4);
    const first = claimLoginAttempt(state, state.nextAttemptAt);
    expect(first.allowed).toBe(true);
    expect(claimLoginAttempt(first.state, state.nextAttemptAt).allowed).toBe(false);
  });
});

describe('the client address the login limits count', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb:ffff:ffff:ffff:ffff', '2001:db8:aa:bb::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0DB8:0000:00bb::9', '2001:db8:0:bb::/64'],
  ])('counts %s as %s', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it('keys one account from one IPv6 network alike, whatever address of it the guesses come from', () => {
    expect(loginThrottleKey('zhang.san', '2001:db8:aa:bb::1')).toBe(loginThrottleKey('zhang.san', '2001:db8:aa:bb:9:9:9:9'));
    expect(loginThrottleKey('zhang.san', '2001:db8:aa:bb::1')).not.toBe(loginThrottleKey('zhang.san', '2001:db8:aa:bc::1'));
  });
});
