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

/** Where the agency's chain ends, kept apart from the entries: a removed last entry shows against it. */
export interface ChainHead {
  lastSequence: number;
  lastHash: string;
}

/** Checks entries of one agency in sequence order, up to the chain's head when it is given. */
export function verifyChain(entries: readonly ChainedEntry[], head?: ChainHead): ChainVerdict {
  let previous = GENESIS_HASH;
  let expectedSequence = 1;
  for (const entry of entries) {
    if (head && entry.sequence > head.lastSequence) {
      return { intact: false, entries: entries.length, brokenAtSequence: entry.sequence, reason: `entry ${entry.sequence} is beyond the chain's head` };
    }
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
  if (head && expectedSequence <= head.lastSequence) {
    return { intact: false, entries: entries.length, brokenAtSequence: expectedSequence, reason: `entry ${expectedSequence} is missing` };
  }
  if (head && previous !== head.lastHash) {
    return { intact: false, entries: entries.length, brokenAtSequence: head.lastSequence, reason: "the last entry does not match the chain's head" };
  }
  return { intact: true, entries: entries.length };
}
