import jwt from 'jsonwebtoken';
import { INTERNAL_TOKEN_AUDIENCE, INTERNAL_TOKEN_ISSUER, InternalTokenIssuer, InternalTokenVerifier, InvalidInternalTokenError } from './internal-token';

const SECRET = 'internal-token-secret-for-the-spec-0123456789';
const caller = { agencyId: 'agency-bj-001', userId: 'manager-chen', roles: ['staff', 'logistics-manager'], vendorId: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e' };

describe('internal tokens (the key is built once from the secret)', () => {
  it('are verified across a rolling upgrade: a token signed with the bare secret string is accepted, and ours verify with it', () => {
    const fromString = jwt.sign({ sub: caller.userId, agency: caller.agencyId, roles: caller.roles }, SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: INTERNAL_TOKEN_AUDIENCE,
    });
    expect(new InternalTokenVerifier(SECRET).verify(fromString)).toEqual({ agencyId: caller.agencyId, userId: caller.userId, roles: caller.roles });

    const ours = new InternalTokenIssuer(SECRET).issue(caller);
    expect(jwt.verify(ours, SECRET, { algorithms: ['HS256'], issuer: INTERNAL_TOKEN_ISSUER, audience: INTERNAL_TOKEN_AUDIENCE })).toMatchObject({
      sub: caller.userId,
      agency: caller.agencyId,
      vendor: caller.vendorId,
    });
  });

  it('refuses a token signed with another secret, and one past its expiry', () => {
    const verifier = new InternalTokenVerifier(SECRET);
    expect(() => verifier.verify(new InternalTokenIssuer(`${SECRET}-other`).issue(caller))).toThrow(InvalidInternalTokenError);
    const expired = jwt.sign({ sub: caller.userId, agency: caller.agencyId, roles: caller.roles, exp: Math.floor(Date.now() / 1000) - 60 }, SECRET, {
      algorithm: 'HS256',
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: INTERNAL_TOKEN_AUDIENCE,
    });
    expect(() => verifier.verify(expired)).toThrow(/expired/);
  });

  it('refuses an unsigned token (alg none)', () => {
    const unsigned = jwt.sign({ sub: caller.userId, agency: caller.agencyId, roles: caller.roles }, '', { algorithm: 'none', issuer: INTERNAL_TOKEN_ISSUER, audience: INTERNAL_TOKEN_AUDIENCE });
    expect(() => new InternalTokenVerifier(SECRET).verify(unsigned)).toThrow(InvalidInternalTokenError);
  });
});

describe('internal tokens reused for half their lifetime', () => {
  afterEach(() => jest.useRealTimers());

  const expiresIn = (token: string) => {
    const { exp } = jwt.decode(token) as { exp: number };
    return exp - Date.now() / 1000;
  };

  it('gives the same caller the same token while more than half its lifetime remains, then a fresh one', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T08:00:00Z') });
    const issuer = new InternalTokenIssuer(SECRET, 60);
    const first = issuer.issue(caller);
    jest.advanceTimersByTime(29_000);
    expect(issuer.issue({ ...caller, roles: [...caller.roles] })).toBe(first);
    expect(expiresIn(first)).toBeGreaterThanOrEqual(30);
    jest.advanceTimersByTime(1_000);
    const second = issuer.issue(caller);
    expect(second).not.toBe(first);
    expect(expiresIn(second)).toBe(60);
  });

  it('never hands one caller’s token to another: a different user, agency, role set or vendor gets its own', () => {
    const issuer = new InternalTokenIssuer(SECRET, 60);
    const verifier = new InternalTokenVerifier(SECRET);
    const others = [
      { ...caller, userId: 'staff-wang' },
      { ...caller, agencyId: 'agency-sh-002' },
      { ...caller, roles: ['staff'] },
      { ...caller, vendorId: undefined },
    ];
    const tokens = new Set([issuer.issue(caller), ...others.map((other) => issuer.issue(other))]);
    expect(tokens.size).toBe(1 + others.length);
    for (const other of others) expect(verifier.verify(issuer.issue(other))).toMatchObject({ userId: other.userId, agencyId: other.agencyId, roles: other.roles });
  });
});
