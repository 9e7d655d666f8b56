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
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAtSequence: 3, reason: 'content was altered' });
  });

  it('detects a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAtSequence: 2 });
  });

  it('detects an entry whose hash was recomputed to hide an edit', () => {
    const entries = chain(4);
    const edited = { ...entries[1]!, subject: 'other' };
    const { previousHash, hash: _old, ...content } = edited;
    void _old;
    entries[1] = { ...edited, hash: chainHash(previousHash, content) };
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAtSequence: 3, reason: 'previous hash does not match' });
  });

  describe('tampering with the first, a middle and the last entry of five, each found where it was done', () => {
    const headOf = (entries: readonly ChainedEntry[]): ChainHead => ({ lastSequence: entries.length, lastHash: entries[entries.length - 1]!.hash });
    const FORGED = 'f'.repeat(64);

    // position: 1 (first), 3 (a middle one), 5 (the last)
    it.each([
      ['content of the first', 1, 'content', 'content was altered'],
      ['content of a middle', 3, 'content', 'content was altered'],
      ['content of the last', 5, 'content', 'content was altered'],
      ['previous hash of the first', 1, 'previous-hash', 'previous hash does not match'],
      ['previous hash of a middle', 3, 'previous-hash', 'previous hash does not match'],
      ['previous hash of the last', 5, 'previous-hash', 'previous hash does not match'],
      ['deletion of the first', 1, 'deletion', 'entry 1 is missing'],
      ['deletion of a middle', 3, 'deletion', 'entry 3 is missing'],
      ['deletion of the last', 5, 'deletion', 'entry 5 is missing'],
    ] as const)('finds the %s entry', (_name, sequence, tampering, reason) => {
      const entries = chain(5);
      const head = headOf(entries);
      const index = sequence - 1;
      if (tampering === 'content') entries[index] = { ...entries[index]!, occurredAt: '2026-11-28T09:00:00.000Z' };
      if (tampering === 'previous-hash') entries[index] = { ...entries[index]!, previousHash: FORGED };
      if (tampering === 'deletion') entries.splice(index, 1);
      expect(verifyChain(entries, head)).toEqual({ intact: false, entries: tampering === 'deletion' ? 4 : 5, brokenAtSequence: sequence, reason });
    });

    it('finds the last entry rewritten with its hash recomputed: it no longer matches the head', () => {
      const entries = chain(5);
      const head = headOf(entries);
      const { previousHash, hash: _old, ...content } = { ...entries[4]!, subject: 'another-request' };
      void _old;
      entries[4] = { ...content, previousHash, hash: chainHash(previousHash, content) };
      expect(verifyChain(entries, head)).toEqual({ intact: false, entries: 5, brokenAtSequence: 5, reason: "the last entry does not match the chain's head" });
    });

    it('finds an entry appended behind the head', () => {
      const entries = chain(5);
      const head = headOf(chain(4));
      expect(verifyChain(entries, head)).toEqual({ intact: false, entries: 5, brokenAtSequence: 5, reason: "entry 5 is beyond the chain's head" });
    });

    it('finds every entry gone while the head says some were recorded', () => {
      expect(verifyChain([], headOf(chain(2)))).toEqual({ intact: false, entries: 0, brokenAtSequence: 1, reason: 'entry 1 is missing' });
    });

    it('verifies the untouched chain against its head, and an empty one against no head', () => {
      const entries = chain(5);
      expect(verifyChain(entries, headOf(entries))).toEqual({ intact: true, entries: 5 });
      expect(verifyChain([], { lastSequence: 0, lastHash: GENESIS_HASH })).toEqual({ intact: true, entries: 0 });
    });
  });
});
