import { Offence, answerableKey, entriesOf, summarise, yuanOf } from './accountability';

const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const offence: Offence = {
  agencyId: 'agency-a',
  kind: 'upheld-complaint',
  offenceId: '5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b',
  party: vendorId,
  source: 'complaint',
  severity: 'major',
  description: 'the engineer left without testing',
  occurredAt: new Date('2026-12-03T06:00:00Z'),
  sourceEventId: '00000000-0000-4000-8000-000000000001',
  answerable: [
    { kind: 'vendor', vendorId, role: 'the contracted vendor' },
    { kind: 'approving-manager', userId: 'manager-chen', role: 'assigned the work order' },
    { kind: 'vendor', vendorId, role: 'named twice' },
  ],
};

describe('the accountability record (问责)', () => {
  it('makes one entry per offence and answerable party, a party named twice answering once', () => {
    const entries = entriesOf(offence);
    expect(entries.map((entry) => entry.answerableKey)).toEqual([`vendor:${vendorId}`, 'approving-manager:manager-chen']);
    expect(entries[0]).toMatchObject({ kind: 'upheld-complaint', offenceId: offence.offenceId, answerable: { role: 'the contracted vendor' } });
  });

  it('tells parties apart by kind and by id', () => {
    expect(answerableKey({ kind: 'internal-team', role: 'did the work' })).toBe('internal-team');
    expect(answerableKey({ kind: 'person', userId: 'u-1' })).not.toBe(answerableKey({ kind: 'approving-manager', userId: 'u-1' }));
    expect(answerableKey({ kind: 'person', name: '张三' })).toBe('person:张三');
  });

  it('adds up the standing entries, counting the voided apart without their points or amounts', () => {
    const summary = summarise([
      { kind: 'violation', voided: false, penaltyPoints: 3, penaltyAmountFen: 50_000 },
      { kind: 'violation', voided: true, penaltyPoints: 5, penaltyAmountFen: 99_999 },
      { kind: 'upheld-complaint', voided: false },
      { kind: 'overdue-rectification', voided: false, penaltyPoints: 1, penaltyAmountFen: 1 },
    ]);
    expect(summary).toEqual({
      entries: 4,
      voided: 1,
      byKind: { 'upheld-complaint': { standing: 1, voided: 0 }, violation: { standing: 1, voided: 1 }, 'overdue-rectification': { standing: 1, voided: 0 } },
      penaltyPoints: 4,
      penaltyAmountFen: 50_001,
    });
  });

  it('writes fen as yuan exactly', () => {
    expect([0, 1, 10, 99, 100, 123_456, 900_719_925_474_099].map(yuanOf)).toEqual(['0.00', '0.01', '0.10', '0.99', '1.00', '1234.56', '9007199254740.99']);
    expect(() => yuanOf(1.5)).toThrow(RangeError);
  });
});
