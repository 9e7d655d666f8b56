import { BusinessRuleViolation } from '@houqin/domain';
import { DEFAULT_APPROVAL_POLICY, approvalStepsFor, defineApprovalPolicy, procurementMethodFor } from './approval-policy';

const YUAN = 100;

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('the approval chain an amount calls for (default policy)', () => {
  const { tiers } = DEFAULT_APPROVAL_POLICY;

  it.each([
    [1, ['approver']],
    [50_000 * YUAN, ['approver']],
    [50_000 * YUAN + 1, ['approver', 'logistics-manager']],
    [500_000 * YUAN, ['approver', 'logistics-manager']],
    [500_000 * YUAN + 1, ['approver', 'logistics-manager', 'agency-admin']],
    [90_000_000 * YUAN, ['approver', 'logistics-manager', 'agency-admin']],
  ])('%s fen needs %j', (amount, steps) => {
    expect(approvalStepsFor(amount, tiers)).toEqual(steps);
  });
});

describe('the procurement method chosen by amount', () => {
  const thresholds = DEFAULT_APPROVAL_POLICY.methodThresholds;

  it.each([
    [1, 'direct-purchase'],
    [50_000 * YUAN - 1, 'direct-purchase'],
    [50_000 * YUAN, 'request-for-quotation'],
    [1_000_000 * YUAN - 1, 'request-for-quotation'],
    [1_000_000 * YUAN, 'open-tender'],
    [30_000_000 * YUAN, 'open-tender'],
  ])('%s fen is bought by %s', (amount, method) => {
    expect(procurementMethodFor(amount, thresholds)).toBe(method);
  });

  it('follows an agency’s own thresholds', () => {
    const own = { directPurchaseBelow: 10_000 * YUAN, requestForQuotationBelow: 2_000_000 * YUAN };
    expect(procurementMethodFor(20_000 * YUAN, own)).toBe('request-for-quotation');
    expect(procurementMethodFor(1_500_000 * YUAN, own)).toBe('request-for-quotation');
    expect(procurementMethodFor(9_999 * YUAN, own)).toBe('direct-purchase');
  });
});

describe('an agency’s own approval policy', () => {
  const valid = {
    tiers: [
      { upTo: 10_000 * YUAN, steps: ['logistics-manager'] },
      { upTo: null, steps: ['approver', 'agency-admin'] },
    ],
    methodThresholds: { directPurchaseBelow: 10_000 * YUAN, requestForQuotationBelow: 500_000 * YUAN },
  };

  it('is accepted when ceilings ascend and the last tier is open-ended', () => {
    const policy = defineApprovalPolicy(valid);
    expect(approvalStepsFor(10_000 * YUAN, policy.tiers)).toEqual(['logistics-manager']);
    expect(approvalStepsFor(10_000 * YUAN + 1, policy.tiers)).toEqual(['approver', 'agency-admin']);
  });

  it('may be a single open-ended tier', () => {
    expect(defineApprovalPolicy({ ...valid, tiers: [{ upTo: null, steps: ['approver'] }] }).tiers).toHaveLength(1);
  });

  it('refuses a last tier with a ceiling, since larger amounts would have no chain', () => {
    const error = thrown(() => defineApprovalPolicy({ ...valid, tiers: [{ upTo: 100, steps: ['approver'] }] }));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'open-ended-tier-required', field: 'tiers[0].upTo' });
  });

  it('refuses ceilings that do not ascend', () => {
    expect(
      thrown(() =>
        defineApprovalPolicy({
          ...valid,
          tiers: [{ upTo: 500, steps: ['approver'] }, { upTo: 500, steps: ['logistics-manager'] }, { upTo: null, steps: ['agency-admin'] }],
        }),
      ),
    ).toMatchObject({ code: 'tiers-not-ascending', field: 'tiers[1].upTo' });
  });

  it('refuses an open-ended tier before the last', () => {
    expect(thrown(() => defineApprovalPolicy({ ...valid, tiers: [{ upTo: null, steps: ['approver'] }, { upTo: null, steps: ['agency-admin'] }] }))).toMatchObject({
      code: 'open-ended-tier-not-last',
    });
  });

  it('refuses a tier without steps, an unknown role and a role approving twice', () => {
    expect(thrown(() => defineApprovalPolicy({ ...valid, tiers: [{ upTo: null, steps: [] }] }))).toMatchObject({ code: 'steps-required', field: 'tiers[0].steps' });
    expect(thrown(() => defineApprovalPolicy({ ...valid, tiers: [{ upTo: null, steps: ['staff'] }] }))).toMatchObject({ code: 'unknown-approver-role' });
    expect(thrown(() => defineApprovalPolicy({ ...valid, tiers: [{ upTo: null, steps: ['approver', 'approver'] }] }))).toMatchObject({ code: 'duplicate-approver-role' });
  });

  it('refuses method thresholds that do not ascend', () => {
    expect(thrown(() => defineApprovalPolicy({ ...valid, methodThresholds: { directPurchaseBelow: 500, requestForQuotationBelow: 500 } }))).toMatchObject({
      code: 'thresholds-not-ascending',
      field: 'methodThresholds.requestForQuotationBelow',
    });
  });
});
