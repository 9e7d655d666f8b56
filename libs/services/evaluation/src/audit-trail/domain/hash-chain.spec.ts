import { ChainedEntry, GENESIS_HASH, canonicalJson, chainHash, verifyChain } from './hash-chain';

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
});
