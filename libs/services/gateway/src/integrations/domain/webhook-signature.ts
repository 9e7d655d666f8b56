import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Houqin-Signature` header of a webhook delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256>`,
 * the HMAC keyed with the subscription's signing secret over `<t>.<raw body>`. The timestamp inside
 * the signed text lets a receiver refuse replays of an old delivery. While a rotated secret is still
 * in its grace period the header carries one `v1=` per valid secret, the current one first.
 */
export const SIGNATURE_SCHEME = 'v1';

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  if (secrets.length === 0) throw new Error('a delivery is signed with at least one secret');
  return [`t=${timestamp}`, ...secrets.map((secret) => `${SIGNATURE_SCHEME}=${signatureOf(secret, timestamp, body)}`)].join(',');
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

export function parseSignatureHeader(header: string): ParsedSignature | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === SIGNATURE_SCHEME && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/**
 * What a receiver does (the docs show the same in a few lines): recompute the HMAC with its secret,
 * compare in constant time with any `v1` value, and refuse a timestamp too far from its clock.
 */
export function verifySignature(header: string, body: string, secret: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed || Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, parsed.timestamp, body), 'hex');
  return parsed.signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
}
