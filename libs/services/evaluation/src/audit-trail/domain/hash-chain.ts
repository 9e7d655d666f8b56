import { createHash } from 'node:crypto';
import { actorOf } from './actor';

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
  /** Who acted, stored beside the hash to search by; read from the hashed payload, so checked against it (null: nobody). */
  actor?: string | null;
}

/**
 * What is wrong with a chain, at the first entry where it goes wrong:
 * - hash-mismatch: the entry's content no longer gives its hash (an UPDATE of the row);
 * - broken-link: the entry's previous hash is not the hash of the entry before it;
 * - gap: entries are missing between two that remain (a DELETE);
 * - truncated: the chain ends below its head, or below a head that was published (the tail was cut);
 * - beyond-head: an entry lies past the chain's head (appended by hand);
 * - head-mismatch: the last entry is not the one the head, or a published head, names (history rewritten with recomputed hashes);
 * - actor-mismatch: the entry's actor is not the one its event names (the searchable column was updated).
 */
export const CHAIN_PROBLEMS = ['hash-mismatch', 'broken-link', 'gap', 'truncated', 'beyond-head', 'head-mismatch', 'actor-mismatch'] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

/** A run of sequence numbers, both ends included. */
export interface SequenceRange {
  from: number;
  to: number;
}

export type ChainVerdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; brokenAtSequence: number; problem: ChainProblem; reason: string; missing?: SequenceRange };

/** Where the agency's chain ends, kept apart from the entries: a removed last entry shows against it. */
export interface ChainHead {
  lastSequence: number;
  lastHash: string;
}

/** A head that was published outside the database (event and log): the chain may never end below it, nor differ at it. */
export interface PublishedHead {
  sequence: number;
  hash: string;
}

function missingReason(range: SequenceRange): string {
  return range.from === range.to ? `entry ${range.from} is missing` : `entries ${range.from} to ${range.to} are missing`;
}

/**
 * Checks entries of one agency in sequence order, up to the chain's head when it is given, and
 * against the heads published before: the verdict names the first entry where the chain breaks.
 */
export function verifyChain(entries: readonly ChainedEntry[], head?: ChainHead, published: readonly PublishedHead[] = []): ChainVerdict {
  const count = entries.length;
  const broken = (brokenAtSequence: number, problem: ChainProblem, reason: string, missing?: SequenceRange): ChainVerdict => ({
    intact: false,
    entries: count,
    brokenAtSequence,
    problem,
    reason,
    ...(missing ? { missing } : {}),
  });
  const publishedAt = new Map(published.map((one) => [one.sequence, one.hash]));
  let previous = GENESIS_HASH;
  let expectedSequence = 1;
  for (const entry of entries) {
    if (head && entry.sequence > head.lastSequence) {
      return broken(entry.sequence, 'beyond-head', `entry ${entry.sequence} is beyond the chain's head`);
    }
    if (entry.sequence !== expectedSequence) {
      const missing = { from: expectedSequence, to: entry.sequence - 1 };
      return broken(expectedSequence, 'gap', missingReason(missing), missing);
    }
    if (entry.previousHash !== previous) return broken(entry.sequence, 'broken-link', 'previous hash does not match');
    const { previousHash: _previousHash, hash, actor, ...content } = entry;
    void _previousHash;
    if (chainHash(previous, content) !== hash) return broken(entry.sequence, 'hash-mismatch', 'content was altered');
    if (actor !== undefined && actor !== (actorOf(content.eventType, content.payload) ?? null)) {
      return broken(entry.sequence, 'actor-mismatch', 'the actor is not the one the event names');
    }
    const publishedHash = publishedAt.get(entry.sequence);
    if (publishedHash !== undefined && publishedHash !== hash) {
      return broken(entry.sequence, 'head-mismatch', `entry ${entry.sequence} is not the one published as the chain's head; it or an entry before it was rewritten`);
    }
    previous = hash;
    expectedSequence += 1;
  }
  const highestPublished = published.reduce((highest, one) => Math.max(highest, one.sequence), 0);
  const end = Math.max(head?.lastSequence ?? 0, highestPublished);
  if (expectedSequence <= end) {
    const missing = { from: expectedSequence, to: end };
    const below = end > (head?.lastSequence ?? 0) ? ` (the chain ends below the head published at ${end})` : '';
    return broken(expectedSequence, 'truncated', `${missingReason(missing)}${below}`, missing);
  }
  if (head && previous !== head.lastHash) return broken(head.lastSequence, 'head-mismatch', "the last entry does not match the chain's head");
  return { intact: true, entries: count };
}
