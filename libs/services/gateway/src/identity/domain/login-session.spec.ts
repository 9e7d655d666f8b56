import { FixedClock, IllegalTransitionError } from '@houqin/domain';
import { LoginSession, recordedUserAgent, revokeLoginSession, stillCheckedAfterRevocation } from './login-session';

describe('login sessions', () => {
  const clock = new FixedClock(new Date('2026-12-07T08:00:00Z'));
  const session: LoginSession = {
    id: '9b2f0d4e-1c3a-4f5b-8a6d-7e8f9a0b1c2d',
    userId: 'u1',
    beganAt: new Date('2026-12-06T08:00:00Z'),
    lastActiveAt: new Date('2026-12-07T07:50:00Z'),
    status: 'active',
  };

  it('revokes a live session, noting when', () => {
    expect(revokeLoginSession(session, clock)).toMatchObject({ status: 'revoked', revokedAt: clock.now() });
  });

  it('refuses to revoke a session already revoked or ended', () => {
    for (const status of ['revoked', 'ended'] as const) {
      expect(() => revokeLoginSession({ ...session, status }, clock)).toThrow(IllegalTransitionError);
    }
  });

  it('checks a revoked session id only while an access token issued before the revocation may still be alive', () => {
    const revokedAt = new Date('2026-12-07T08:00:00Z');
    expect(stillCheckedAfterRevocation(revokedAt, new Date('2026-12-07T08:14:59Z'), 900)).toBe(true);
    expect(stillCheckedAfterRevocation(revokedAt, new Date('2026-12-07T08:15:00Z'), 900)).toBe(false);
  });

  it('records the user agent trimmed and bounded, and nothing for a blank one', () => {
    expect(recordedUserAgent('  Mozilla/5.0  ')).toBe('Mozilla/5.0');
    expect(recordedUserAgent('x'.repeat(600))).toHaveLength(512);
    expect(recordedUserAgent('   ')).toBeUndefined();
    expect(recordedUserAgent(undefined)).toBeUndefined();
  });
});
