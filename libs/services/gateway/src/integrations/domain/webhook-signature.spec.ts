import { createHmac } from 'node:crypto';
import { parseSignatureHeader, signatureHeader, verifySignature } from './webhook-signature';

const SECRET = 'whsec_4TtQx3rS0yV8kXb2m9PqLc7fZgHn1wUe5aJdRo6iYsM';
const BODY = '{"specversion":"1.0","id":"4551ea70-756b-4047-9c1a-77c32da62f77","type":"houqin.maintenance.repair-request.reported.v1"}';
const T = 1_796_000_000;

describe('webhook signatures', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> keyed with the signing secret', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signatureHeader([SECRET], T, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  it('carries one v1 per valid secret during a rotation, the current one first', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], T, BODY);
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(2);
    expect(verifySignature(header, BODY, 'whsec_new', T)).toBe(true);
    expect(verifySignature(header, BODY, 'whsec_old', T)).toBe(true);
  });

  it('verifies for the receiver holding the secret', () => {
    expect(verifySignature(signatureHeader([SECRET], T, BODY), BODY, SECRET, T + 10)).toBe(true);
  });

  it('fails for a changed body, another secret, or a stale timestamp', () => {
    const header = signatureHeader([SECRET], T, BODY);
    expect(verifySignature(header, BODY.replace('reported', 'cancelled'), SECRET, T)).toBe(false);
    expect(verifySignature(header, BODY, 'whsec_someone-else', T)).toBe(false);
    expect(verifySignature(header, BODY, SECRET, T + 301)).toBe(false);
  });

  it('rejects malformed headers', () => {
    expect(parseSignatureHeader('v1=abc')).toBeUndefined();
    expect(parseSignatureHeader(`t=${T}`)).toBeUndefined();
    expect(verifySignature('garbage', BODY, SECRET, T)).toBe(false);
  });
});
