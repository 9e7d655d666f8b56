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
