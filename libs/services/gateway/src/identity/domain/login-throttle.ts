/**
 * Password guessing is slowed per (account, client address), never by locking the account: a
 * stranger who knows a user name cannot lock its owner out, who logs in from their own address.
 * The first FAILURES_WITHOUT_DELAY failures cost nothing; from then on each further attempt from
 * that address for that account must wait, FIRST_DELAY_MS doubling per failure up to MAX_DELAY_MS.
 * An attempt is counted as failed when it is let through (so parallel guesses cannot slip past the
 * delay); a right password forgets the count. Failures are forgotten FAILURE_MEMORY_MS after the last.
 */
export const FAILURES_WITHOUT_DELAY = 3;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface LoginThrottleState {
  failures: number;
  /** Epoch milliseconds before which no attempt is let through. */
  nextAttemptAt: number;
}

export type LoginClaim = { allowed: true; state: LoginThrottleState } | { allowed: false; retryAfterMs: number; state: LoginThrottleState };

/** How long the next attempt waits after `failures` consecutive failures. */
export function delayAfterFailures(failures: number): number {
  if (failures < FAILURES_WITHOUT_DELAY) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - FAILURES_WITHOUT_DELAY, 30));
}

/** Lets an attempt through (counted as failed until its password proves right) or says how long to wait. */
export function claimLoginAttempt(state: LoginThrottleState | undefined, now: number): LoginClaim {
  const current = state ?? { failures: 0, nextAttemptAt: 0 };
  if (now < current.nextAttemptAt) return { allowed: false, retryAfterMs: current.nextAttemptAt - now, state: current };
  const failures = current.failures + 1;
  return { allowed: true, state: { failures, nextAttemptAt: now + delayAfterFailures(failures) } };
}

/** One count per user name as typed (normalised) and address: unknown names are slowed alike, so a 429 says nothing about existence. */
export function loginThrottleKey(username: string, address: string): string {
  return `${addressBucket(address)}|${username}`;
}

/**
 * The client address as the login limits count it: an IPv4 address as it is (an IPv4-mapped IPv6
 * address as its IPv4), an IPv6 address by its /64 — one subscriber's network, where every address
 * is theirs to use, so rotating through it gains nothing.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return address;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
