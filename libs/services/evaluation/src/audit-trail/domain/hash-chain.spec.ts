import { ChainHead, ChainedEntry, GENESIS_HASH, canonicalJson, chainHash, verifyChain } from './hash-chain';

function chain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let previous = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence += 1) {
    const content = {
      agencyId: 'agency-a',
      sequence,
      eventId: `00000000-0000-4000-8000-00000000000${sequence}`,
      eventType: 'houqin.maintenance.repair-request.reported.v1',
      subject: `request-${sequence}`,
      occurredAt: '2026-11-27T09:00:00.000Z',
      payload: { description: `fault ${sequence}`, priority: 'normal' },
    };
    const hash = chainHash(previous, content);
    entries.push({ ...content, previousHash: previous, hash });
    previous = hash;
  }
  return entries;
}

const headOf = (entries: readonly ChainedEntry[]): ChainHead => ({ lastSequence: entries.length, lastHash: entries[entries.length - 1]!.hash });

describe('the audit trail hash chain', () => {
  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(5))).toEqual({ intact: true, entries: 5 });
  });

  it('detects an altered payload at the entry that was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, payload: { description: 'rewritten', priority: 'low' } };
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAtSequence: 3, problem: 'hash-mismatch', reason: 'content was altered' });
  });

  it('detects a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAtSequence: 2, problem: 'gap', missing: { from: 2, to: 2 } });
  });

  it('detects an entry whose hash was recomputed to hide an edit', () => {
    const entries = chain(4);
    const edited = { ...entries[1]!, subject: 'other' };
    const { previousHash, hash: _old, ...content } = edited;
    void _old;
    entries[1] = { ...edited, hash: chainHash(previousHash, content) };
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAtSequence: 3, problem: 'broken-link', reason: 'previous hash does not match' });
  });

  describe('tampering with the first, a middle and the last entry of five, each found where it was done', () => {
    const FORGED = 'f'.repeat(64);

    // position: 1 (first), 3 (a middle one), 5 (the last)
    it.each([
      ['content of the first', 1, 'content', 'hash-mismatch', 'content was altered'],
      ['content of a middle', 3, 'content', 'hash-mismatch', 'content was altered'],
      ['content of the last', 5, 'content', 'hash-mismatch', 'content was altered'],
      ['previous hash of the first', 1, 'previous-hash', 'broken-link', 'previous hash does not match'],
      ['previous hash of a middle', 3, 'previous-hash', 'broken-link', 'previous hash does not match'],
      ['previous hash of the last', 5, 'previous-hash', 'broken-link', 'previous hash does not match'],
      ['deletion of the first', 1, 'deletion', 'gap', 'entry 1 is missing'],
      ['deletion of a middle', 3, 'deletion', 'gap', 'entry 3 is missing'],
      ['deletion of the last', 5, 'deletion', 'truncated', 'entry 5 is missing'],
    ] as const)('finds the %s entry', (_name, sequence, tampering, problem, reason) => {
      const entries = chain(5);
      const head = headOf(entries);
      const index = sequence - 1;
      if (tampering === 'content') entries[index] = { ...entries[index]!, occurredAt: '2026-11-28T09:00:00.000Z' };
      if (tampering === 'previous-hash') entries[index] = { ...entries[index]!, previousHash: FORGED };
      if (tampering === 'deletion') entries.splice(index, 1);
      expect(verifyChain(entries, head)).toEqual({
        intact: false,
        entries: tampering === 'deletion' ? 4 : 5,
        brokenAtSequence: sequence,
        problem,
        reason,
        ...(tampering === 'deletion' ? { missing: { from: sequence, to: sequence } } : {}),
      });
    });

    it('finds the last entry rewritten with its hash recomputed: it no longer matches the head', () => {
      const entries = chain(5);
      const head = headOf(entries);
      const { previousHash, hash: _old, ...content } = { ...entries[4]!, subject: 'another-request' };
      void _old;
      entries[4] = { ...content, previousHash, hash: chainHash(previousHash, content) };
      expect(verifyChain(entries, head)).toEqual({ intact: false, entries: 5, brokenAtSequence: 5, problem: 'head-mismatch', reason: "the last entry does not match the chain's head" });
    });

    it('finds an entry appended behind the head', () => {
      const entries = chain(5);
      const head = headOf(chain(4));
      expect(verifyChain(entries, head)).toEqual({ intact: false, entries: 5, brokenAtSequence: 5, problem: 'beyond-head', reason: "entry 5 is beyond the chain's head" });
    });

    it('finds every entry gone while the head says some were recorded', () => {
      expect(verifyChain([], headOf(chain(2)))).toEqual({ intact: false, entries: 0, brokenAtSequence: 1, problem: 'truncated', reason: 'entries 1 to 2 are missing', missing: { from: 1, to: 2 } });
    });

    it('verifies the untouched chain against its head, and an empty one against no head', () => {
      const entries = chain(5);
      expect(verifyChain(entries, headOf(entries))).toEqual({ intact: true, entries: 5 });
      expect(verifyChain([], { lastSequence: 0, lastHash: GENESIS_HASH })).toEqual({ intact: true, entries: 0 });
    });
  });

  describe('against the heads published outside the database', () => {
    const published = (entries: readonly ChainedEntry[], sequence: number) => ({ sequence, hash: entries[sequence - 1]!.hash });

    it('finds a tail cut with the head rolled back to match: the chain ends below a published head, naming the missing range', () => {
      const entries = chain(8);
      const publications = [published(entries, 4), published(entries, 7)];
      const cut = entries.slice(0, 5);
      const rolledBackHead = { lastSequence: 5, lastHash: cut[4]!.hash };
      expect(verifyChain(cut, rolledBackHead)).toEqual({ intact: true, entries: 5 });
      expect(verifyChain(cut, rolledBackHead, publications)).toEqual({
        intact: false,
        entries: 5,
        brokenAtSequence: 6,
        problem: 'truncated',
        reason: 'entries 6 to 7 are missing (the chain ends below the head published at 7)',
        missing: { from: 6, to: 7 },
      });
    });

    it('finds several entries deleted in the middle as one range', () => {
      const entries = chain(8);
      const remaining = [...entries.slice(0, 2), ...entries.slice(5)];
      expect(verifyChain(remaining, headOf(entries))).toMatchObject({ brokenAtSequence: 3, problem: 'gap', reason: 'entries 3 to 5 are missing', missing: { from: 3, to: 5 } });
    });

    it('finds history rebuilt with recomputed hashes at the published head it no longer matches', () => {
      const original = chain(6);
      const rebuilt: ChainedEntry[] = [];
      let previous = GENESIS_HASH;
      for (const entry of original) {
        const { previousHash: _p, hash: _h, ...content } = entry.sequence === 2 ? { ...entry, subject: 'forged' } : entry;
        void _p;
        void _h;
        const hash = chainHash(previous, content);
        rebuilt.push({ ...content, previousHash: previous, hash });
        previous = hash;
      }
      const rebuiltHead = { lastSequence: 6, lastHash: previous };
      expect(verifyChain(rebuilt, rebuiltHead)).toEqual({ intact: true, entries: 6 });
      expect(verifyChain(rebuilt, rebuiltHead, [published(original, 4)])).toMatchObject({ intact: false, brokenAtSequence: 4, problem: 'head-mismatch' });
    });

    it('verifies a chain that has grown past its published heads', () => {
      const entries = chain(6);
      expect(verifyChain(entries, headOf(entries), [published(entries, 2), published(entries, 5)])).toEqual({ intact: true, entries: 6 });
    });
  });

  describe('the actor stored beside the hash', () => {
    /** A chain whose events name who reported them, each entry with the actor read from its event. */
    function reportedChain(count: number): ChainedEntry[] {
      let previous = GENESIS_HASH;
      return chain(count).map((entry) => {
        const { previousHash: _p, hash: _h, ...content } = { ...entry, payload: { ...(entry.payload as object), reportedBy: `staff-${entry.sequence}` } };
        void _p;
        void _h;
        const hash = chainHash(previous, content);
        const chained = { ...content, previousHash: previous, hash, actor: `staff-${entry.sequence}` };
        previous = hash;
        return chained;
      });
    }

    it('verifies actors that are the ones their events name, and none where the event names nobody', () => {
      const reported = reportedChain(3);
      expect(verifyChain(reported, headOf(reported))).toEqual({ intact: true, entries: 3 });
      const unnamed = chain(3).map((entry) => ({ ...entry, actor: null }));
      expect(verifyChain(unnamed, headOf(unnamed))).toEqual({ intact: true, entries: 3 });
    });

    it('finds an actor changed in the table, at its entry', () => {
      const entries = reportedChain(3);
      entries[1] = { ...entries[1]!, actor: 'someone-else' };
      expect(verifyChain(entries, headOf(entries))).toEqual({
        intact: false,
        entries: 3,
        brokenAtSequence: 2,
        problem: 'actor-mismatch',
        reason: 'the actor is not the one the event names',
      });
    });
  });
});
