import { FixedClock } from '@houqin/domain';
import { REFRESH_TOKEN_TTL_MS, issueRefreshToken, rotateRefreshToken } from './refresh-token';

const family = '9b2f0d4e-1c3a-4f5b-8a6d-7e8f9a0b1c2d';

describe('refresh token rotation', () => {
  const clock = new FixedClock(new Date('2026-12-01T08:00:00Z'));
  const token = issueRefreshToken({ id: 't1', familyId: family, userId: 'u1' }, clock);

  it('issues an active token valid for 30 days', () => {
    expect(token).toMatchObject({ status: 'active', familyId: family });
    expect(token.expiresAt.getTime() - token.issuedAt.getTime()).toBe(REFRESH_TOKEN_TTL_MS);
  });

  it('exchanges an active token once: the old one is used, a new one of the same family replaces it', () => {
    const decision = rotateRefreshToken(token, 't2', clock);
    if (decision.outcome !== 'rotated') throw new Error(`expected rotation, got ${decision.outcome}`);
    expect(decision.used).toMatchObject({ id: 't1', status: 'used', usedAt: clock.now() });
    expect(decision.next).toMatchObject({ id: 't2', familyId: family, userId: 'u1', status: 'active' });
  });

  it('treats a used token coming back as theft: the whole family is revoked', () => {
    const decision = rotateRefreshToken(token, 't2', clock);
    if (decision.outcome !== 'rotated') throw new Error('expected rotation');
    expect(rotateRefreshToken(decision.used, 't3', clock)).toEqual({ outcome: 'reuse-detected', revokeFamily: family });
  });

  it('refuses a revoked token', () => {
    expect(rotateRefreshToken({ ...token, status: 'revoked' }, 't2', clock)).toEqual({ outcome: 'refused', reason: 'revoked' });
  });

  it('refuses an expired token', () => {
    const later = new FixedClock(new Date(token.expiresAt.getTime()));
    expect(rotateRefreshToken(token, 't2', later)).toEqual({ outcome: 'refused', reason: 'expired' });
  });
});
