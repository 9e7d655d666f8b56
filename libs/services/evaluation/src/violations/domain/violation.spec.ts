import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import type { ContractPenaltyTerms } from './penalty';
import { penaltyStatement } from './penalty-statement';
import { Offending, Violation, checkRecordedByHand, recordViolation, voidViolation } from './violation';
import { checkViolationRules, defaultViolationRules, isLowAssessmentScore } from './violation-rules';
import { checkAnswerable } from './answerable';

const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const otherVendor = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const rules = defaultViolationRules(60);
const now = new Date('2026-12-05T02:00:00Z');
const contract: ContractPenaltyTerms = {
  contractId: 'contract-1',
  vendorId,
  monthlyFee: 300_000,
  penaltyRules: [
    { breach: 'response-late', amount: 20_000, capPerMonth: 50_000 },
    { breach: 'resolution-late', percentOfMonthlyFee: 2.5, capPerMonth: 100_000 },
  ],
};

function slaBreach(overrides: Partial<Offending> = {}): Offending {
  return {
    id: 'v-1',
    agencyId: 'agency-1',
    party: vendorId,
    serviceType: 'maintenance',
    contractId: 'contract-1',
    source: 'sla-breach',
    sourceRef: 'wo-1:response',
    offence: 'sla-response-late',
    description: 'response late',
    occurredAt: new Date('2026-12-03T02:00:00Z'),
    recordedBy: 'system',
    answerable: [{ kind: 'vendor', vendorId }],
    ...overrides,
  };
}

describe('recording a violation (违规)', () => {
  it('takes the severity of the offence from the agency rules and the points from the severity', () => {
    const response = recordViolation(slaBreach(), rules, contract, 0, now);
    const resolution = recordViolation(slaBreach({ offence: 'sla-resolution-late', sourceRef: 'wo-1:resolution' }), rules, contract, 0, now);
    expect([response.severity, response.penaltyPoints]).toEqual(['minor', 1]);
    expect([resolution.severity, resolution.penaltyPoints]).toEqual(['major', 3]);
  });

  it('takes the severity an upheld complaint or a recorder gives', () => {
    const violation = recordViolation(slaBreach({ source: 'upheld-complaint', offence: undefined, severity: 'serious' }), rules, contract, 0, now);
    expect([violation.severity, violation.penaltyPoints]).toEqual(['serious', 6]);
  });

  it("prices a breach under the contract's rule for its breach kind, in the month the offence occurred", () => {
    const response = recordViolation(slaBreach(), rules, contract, 0, now);
    expect([response.breach, response.penaltyAmount, response.settlementPeriod]).toEqual(['response-late', 20_000, '2026-12']);
    const resolution = recordViolation(slaBreach({ offence: 'sla-resolution-late' }), rules, contract, 0, now);
    expect(resolution.penaltyAmount).toBe(7_500);
  });

  it('caps the penalty by what the month has left: reached exactly, then crossed, then full', () => {
    expect(recordViolation(slaBreach(), rules, contract, 30_000, now).penaltyAmount).toBe(20_000);
    expect(recordViolation(slaBreach(), rules, contract, 40_000, now).penaltyAmount).toBe(10_000);
    expect(recordViolation(slaBreach(), rules, contract, 50_000, now).penaltyAmount).toBe(0);
  });

  it('prices nothing without a rule for the breach kind, without a contract, or under another vendor’s contract', () => {
    expect(recordViolation(slaBreach({ offence: 'expired-qualification' }), rules, contract, 0, now).penaltyAmount).toBe(0);
    expect(recordViolation(slaBreach(), rules, undefined, 0, now).penaltyAmount).toBe(0);
    expect(recordViolation(slaBreach({ party: otherVendor }), rules, contract, 0, now).penaltyAmount).toBe(0);
  });

  it('records the internal team without a vendor id', () => {
    const violation = recordViolation(slaBreach({ party: 'internal-team', contractId: undefined }), rules, undefined, 0, now);
    expect(violation.vendorId).toBeUndefined();
    expect(violation.party).toBe('internal-team');
  });

  it('refuses a violation nobody answers for', () => {
    expect(() => recordViolation(slaBreach({ answerable: [] }), rules, contract, 0, now)).toThrow(BusinessRuleViolation);
  });
});

describe('voiding a violation', () => {
  it('voids a recorded one with its reason, once (a second void is a 409 naming the state)', () => {
    const voided = voidViolation(recordViolation(slaBreach(), rules, contract, 0, now), ' recorded in error ', 'manager-li', now);
    expect([voided.status, voided.voidReason, voided.voidedBy]).toEqual(['voided', 'recorded in error', 'manager-li']);
    expect(() => voidViolation(voided, 'again', 'manager-li', now)).toThrow(IllegalTransitionError);
  });

  it('needs a reason', () => {
    expect(() => voidViolation(recordViolation(slaBreach(), rules, contract, 0, now), '  ', 'manager-li', now)).toThrow(BusinessRuleViolation);
  });
});

describe('the penalty statement of a settlement month (扣款清单)', () => {
  it('sums count, points and fen per party and contract, leaving voided violations out', () => {
    const one = recordViolation(slaBreach({ id: 'a' }), rules, contract, 0, now);
    const two = recordViolation(slaBreach({ id: 'b', offence: 'sla-resolution-late' }), rules, contract, 0, now);
    const voided = voidViolation(recordViolation(slaBreach({ id: 'c' }), rules, contract, 0, now), 'error', 'manager-li', now);
    const internal = recordViolation(slaBreach({ id: 'd', party: 'internal-team', contractId: undefined }), rules, undefined, 0, now);
    const lines = penaltyStatement([one, two, voided, internal] as Violation[]);
    expect(lines.map(({ party, contractId, count, points, amount }) => ({ party, contractId, count, points, amount }))).toEqual([
      { party: vendorId, contractId: 'contract-1', count: 2, points: 4, amount: 27_500 },
      { party: 'internal-team', contractId: undefined, count: 1, points: 1, amount: 0 },
    ]);
  });
});

describe('agency rules', () => {
  it('counts a score strictly below the threshold as low, at the threshold not', () => {
    expect(isLowAssessmentScore(59.99, rules)).toBe(true);
    expect(isLowAssessmentScore(60, rules)).toBe(false);
  });

  it('refuses points that fall as severity rises, naming the field', () => {
    expect(() => checkViolationRules({ ...rules, points: { minor: 3, major: 2, serious: 6 } })).toThrow(expect.objectContaining({ field: 'points' }));
    expect(() => checkViolationRules({ ...rules, points: { minor: 1.5, major: 3, serious: 6 } })).toThrow(expect.objectContaining({ field: 'points.minor' }));
  });
});

describe('recorded by hand', () => {
  it('refuses an offence in the future and a contract of another party, naming the field', () => {
    expect(() => checkRecordedByHand({ party: vendorId, occurredAt: new Date(now.getTime() + 1) }, undefined, now)).toThrow(expect.objectContaining({ field: 'occurredAt' }));
    expect(() => checkRecordedByHand({ party: vendorId, occurredAt: now, contractId: 'c' }, otherVendor, now)).toThrow(expect.objectContaining({ field: 'contractId' }));
    expect(() => checkRecordedByHand({ party: vendorId, occurredAt: now, contractId: 'c' }, vendorId, now)).not.toThrow();
  });

  it('checks whom the recorder names as answerable', () => {
    expect(() => checkAnswerable([{ kind: 'vendor', vendorId: otherVendor }], vendorId)).toThrow(expect.objectContaining({ field: 'answerable[0].vendorId' }));
    expect(() => checkAnswerable([{ kind: 'vendor', vendorId }, { kind: 'person' }], vendorId)).toThrow(expect.objectContaining({ field: 'answerable[1].userId' }));
    expect(() => checkAnswerable([{ kind: 'internal-team' }], vendorId)).toThrow(expect.objectContaining({ field: 'answerable[0].kind' }));
    expect(checkAnswerable([{ kind: 'approving-manager', userId: 'manager-chen' }], vendorId)).toEqual([{ kind: 'approving-manager', userId: 'manager-chen' }]);
  });
});
