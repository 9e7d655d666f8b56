import { FixedClock } from '@houqin/domain';
import { LOCKOUT_DURATION_MS, LOCKOUT_THRESHOLD, LoginAttemptState, isLocked, recordLoginAttempt } from './lockout';

const clock = new FixedClock(new Date('2026-12-01T08:00:00Z'));

function fail(state: LoginAttemptState, times: number): LoginAttemptState {
  let current = state;
  for (let i = 0; i < times; i += 1) current = recordLoginAttempt(current, false, clock.now()).state;
  return current;
}

describe('login lockout', () => {
  it('counts consecutive failures and says how many remain', () => {
    const decision = recordLoginAttempt({ failedAttempts: 2 }, false, clock.now());
    expect(decision).toEqual({ outcome: 'failed', state: { failedAttempts: 3 }, remainingAttempts: 2 });
  });

  it(`locks the account for 15 minutes at the ${LOCKOUT_THRESHOLD}th consecutive failure`, () => {
    const decision = recordLoginAttempt(fail({ failedAttempts: 0 }, LOCKOUT_THRESHOLD - 1), false, clock.now());
    expect(decision.outcome).toBe('now-locked');
    expect(decision.state.lockedUntil?.toISOString()).toBe('2026-12-01T08:15:00.000Z');
    expect(isLocked(decision.state, clock.now())).toBe(true);
  });

  it('refuses even the right password while locked', () => {
    const locked = fail({ failedAttempts: 0 }, LOCKOUT_THRESHOLD);
    expect(recordLoginAttempt(locked, true, new Date(clock.now().getTime() + LOCKOUT_DURATION_MS - 1)).outcome).toBe('locked');
  });

  it('lets the right password in once the lock has run out, and resets the count', () => {
    const locked = fail({ failedAttempts: 0 }, LOCKOUT_THRESHOLD);
    const later = new Date(clock.now().getTime() + LOCKOUT_DURATION_MS);
    expect(isLocked(locked, later)).toBe(false);
    expect(recordLoginAttempt(locked, true, later)).toEqual({ outcome: 'succeeded', state: { failedAttempts: 0 } });
  });

  it('starts a fresh count after an expired lock', () => {
    const locked = fail({ failedAttempts: 0 }, LOCKOUT_THRESHOLD);
    const later = new Date(clock.now().getTime() + LOCKOUT_DURATION_MS + 1000);
    expect(recordLoginAttempt(locked, false, later)).toMatchObject({ outcome: 'failed', state: { failedAttempts: 1 } });
  });

  it('resets the count after a success, so failures must be consecutive', () => {
    const afterSuccess = recordLoginAttempt(fail({ failedAttempts: 0 }, LOCKOUT_THRESHOLD - 1), true, clock.now()).state;
    expect(recordLoginAttempt(afterSuccess, false, clock.now()).outcome).toBe('failed');
  });
});
