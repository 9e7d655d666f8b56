import { createHash } from 'node:crypto';

/**
 * The audit trail is a hash chain per agency: each entry's hash covers the previous entry's hash
 * and the entry's own content, so altering, removing or reordering any past entry breaks every
 * hash after it.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedContent {
  agencyId: string;
  sequence: number;
  eventId: string;
  eventType: string;
  subject: string;
  occurredAt: string;
  payload: unknown;
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(previousHash: string, content: ChainedContent): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainedEntry extends ChainedContent {
  previousHash: string;
  hash: string;
}

export type ChainVerdict = { intact: true; entries: number } | { intact: false; entries: number; brokenAtSequence: number; reason: string };

/** Checks entries of one agency in sequence order. */
export function verifyChain(entries: readonly ChainedEntry[]): ChainVerdict {
  let previous = GENESIS_HASH;
  let expectedSequence = 1;
  for (const entry of entries) {
    if (entry.sequence !== expectedSequence) {
      return { intact: false, entries: entries.length, brokenAtSequence: expectedSequence, reason: `entry ${expectedSequence} is missing` };
    }
    if (entry.previousHash !== previous) {
      return { intact: false, entries: entries.length, brokenAtSequence: entry.sequence, reason: 'previous hash does not match' };
    }
    const { previousHash: _previousHash, hash, ...content } = entry;
    void _previousHash;
    if (chainHash(previous, content) !== hash) {
      return { intact: false, entries: entries.length, brokenAtSequence: entry.sequence, reason: 'content was altered' };
    }
    previous = hash;
    expectedSequence += 1;
  }
  return { intact: true, entries: entries.length };
}
