import { InternalTokenIssuer, accessTokenIssuer } from '@houqin/auth';
import { Caller } from '@houqin/observability';
import { TEST_ACCESS_TOKEN_SECRET, TEST_INTERNAL_TOKEN_SECRET } from './infrastructure';

export function testCaller(overrides: Partial<Caller> = {}): Caller {
  return { agencyId: 'agency-test', userId: 'staff-1', roles: ['staff'], ...overrides };
}

/** The token the gateway would forward to a service. */
export function internalToken(caller: Caller = testCaller(), secret = TEST_INTERNAL_TOKEN_SECRET): string {
  return new InternalTokenIssuer(secret, 300).issue(caller);
}

/** The access token a person presents to the gateway. */
export function accessToken(caller: Caller = testCaller(), secret = TEST_ACCESS_TOKEN_SECRET): string {
  return accessTokenIssuer(secret, 900).issue(caller);
}
