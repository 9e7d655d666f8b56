/**
 * Password guessing is stopped per account: LOCKOUT_THRESHOLD consecutive failed logins lock the
 * account for LOCKOUT_DURATION_MS. While locked, even the right password is refused (the lock is
 * not a hint that the last guess was close). A success resets the count; a lock that has run out
 * starts a fresh count.
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;

export interface LoginAttemptState {
  failedAttempts: number;
  lockedUntil?: Date;
}

export type LoginDecision =
  | { outcome: 'locked'; lockedUntil: Date; state: LoginAttemptState }
  | { outcome: 'failed'; state: LoginAttemptState; remainingAttempts: number }
  | { outcome: 'now-locked'; lockedUntil: Date; state: LoginAttemptState }
  | { outcome: 'succeeded'; state: LoginAttemptState };

export function isLocked(state: LoginAttemptState, now: Date): boolean {
  return state.lockedUntil !== undefined && state.lockedUntil.getTime() > now.getTime();
}

/** Whether an attempt may even be checked against the password now. */
export function lockedUntil(state: LoginAttemptState, now: Date): Date | undefined {
  return isLocked(state, now) ? state.lockedUntil : undefined;
}

/** The account's state after one login attempt whose password was (or was not) right. */
export function recordLoginAttempt(state: LoginAttemptState, passwordMatched: boolean, now: Date): LoginDecision {
  if (isLocked(state, now)) return { outcome: 'locked', lockedUntil: state.lockedUntil!, state };
  if (passwordMatched) return { outcome: 'succeeded', state: { failedAttempts: 0 } };
  // A lock that ran out does not count towards the next one.
  const failedAttempts = (state.lockedUntil ? 0 : state.failedAttempts) + 1;
  if (failedAttempts >= LOCKOUT_THRESHOLD) {
    const until = new Date(now.getTime() + LOCKOUT_DURATION_MS);
    return { outcome: 'now-locked', lockedUntil: until, state: { failedAttempts: 0, lockedUntil: until } };
  }
  return { outcome: 'failed', state: { failedAttempts }, remainingAttempts: LOCKOUT_THRESHOLD - failedAttempts };
}
