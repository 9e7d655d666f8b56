import { BusinessRuleViolation, FixedClock } from '@houqin/domain';
import { Budget, adjustCommitment, allocateBudget, available, commit, release, spend } from './budget';
import { yuan } from './money';

const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const allocation = {
  id: '0e6f6a4e-1111-4c2e-9a4b-7d1b2c3d4e5f',
  agencyId: 'agency-a',
  fiscalYear: 2026,
  category: 'supplies',
  allocated: 10_000_000,
  allocatedBy: 'admin-1',
  allocatorRoles: ['agency-admin'],
};
const budget: Budget = allocateBudget(allocation, clock);

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('allocating a budget', () => {
  it('starts with nothing committed or spent, everything available', () => {
    expect(budget).toMatchObject({ allocated: 10_000_000, committed: 0, spent: 0, allocatedBy: 'admin-1' });
    expect(available(budget)).toBe(10_000_000);
    expect(budget.allocatedAt.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it.each([
    [0, 'nothing'],
    [-100, 'a negative amount'],
    [1234.5, 'a fraction of a fen'],
    [Number.MAX_SAFE_INTEGER, 'more than the ceiling'],
  ])('refuses to allocate %s (%s), naming the field', (allocated) => {
    expect(thrown(() => allocateBudget({ ...allocation, allocated }, clock))).toMatchObject({ code: 'invalid-amount', field: 'allocated' });
  });

  it('lets the agency admin or a logistics manager allocate, and refuses anyone else whatever the gateway let through', () => {
    expect(allocateBudget({ ...allocation, allocatorRoles: ['logistics-manager'] }, clock).allocated).toBe(10_000_000);
    for (const roles of [['staff'], ['approver'], ['vendor'], ['evaluator'], ['auditor'], ['supervisor'], ['integrator'], ['platform-admin'], []]) {
      expect(thrown(() => allocateBudget({ ...allocation, allocatorRoles: roles }, clock))).toMatchObject({ code: 'allocation-not-authorised', field: 'roles' });
    }
  });

  it('refuses an unknown category and an implausible fiscal year', () => {
    expect(thrown(() => allocateBudget({ ...allocation, category: 'landscaping' }, clock))).toMatchObject({ code: 'unknown-category', field: 'category' });
    expect(thrown(() => allocateBudget({ ...allocation, fiscalYear: 1999 }, clock))).toMatchObject({ code: 'invalid-fiscal-year', field: 'fiscalYear' });
  });
});

describe('committing a budget', () => {
  it('holds the amount, leaving the rest available', () => {
    const commitment = commit(budget, 2_500_000);
    expect(commitment).toMatchObject({ amount: 2_500_000, overspend: 0 });
    expect(commitment.budget.committed).toBe(2_500_000);
    expect(available(commitment.budget)).toBe(7_500_000);
    expect(commitment.override).toBeUndefined();
  });

  it('commits exactly what is left', () => {
    expect(available(commit(budget, 10_000_000).budget)).toBe(0);
  });

  it('counts what was spent as no longer available', () => {
    const partlySpent = { ...budget, committed: 3_000_000, spent: 6_000_000 };
    expect(available(partlySpent)).toBe(1_000_000);
    expect(thrown(() => commit(partlySpent, 1_000_001))).toMatchObject({ code: 'budget-exceeded' });
  });

  it('refuses an overspend, naming what is available', () => {
    const error = thrown(() => commit({ ...budget, committed: 9_000_000 }, 1_000_001));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'budget-exceeded', field: 'amount' });
    expect((error as Error).message).toContain('10000.00 yuan (1000000 fen) available');
  });

  it('lets an agency admin commit beyond the budget with a reason, recording the overspend and the reason', () => {
    const commitment = commit({ ...budget, committed: 9_000_000 }, 1_500_000, { by: 'admin-2', roles: ['agency-admin'], reason: ' Flood damage repair, approved by the party committee ' });
    expect(commitment.overspend).toBe(500_000);
    expect(commitment.override).toEqual({ by: 'admin-2', reason: 'Flood damage repair, approved by the party committee' });
    expect(available(commitment.budget)).toBe(-500_000);
  });

  it('refuses an override by a role not entitled to it', () => {
    expect(thrown(() => commit({ ...budget, committed: 9_000_000 }, 1_500_000, { by: 'lm-1', roles: ['logistics-manager', 'approver'], reason: 'urgent' }))).toMatchObject({
      code: 'override-not-authorised',
    });
  });

  it('refuses an override without a reason', () => {
    expect(thrown(() => commit({ ...budget, committed: 9_000_000 }, 1_500_000, { by: 'admin-2', roles: ['agency-admin'], reason: '  ' }))).toMatchObject({
      code: 'override-reason-required',
    });
  });

  it('records no override when the budget sufficed anyway', () => {
    const commitment = commit(budget, 1_000, { by: 'approver-1', roles: ['approver'], reason: 'just in case' });
    expect(commitment).toMatchObject({ overspend: 0 });
    expect(commitment.override).toBeUndefined();
  });

  it('refuses a commitment of no money or of fractions of a fen', () => {
    expect(thrown(() => commit(budget, 0))).toMatchObject({ code: 'invalid-amount' });
    expect(thrown(() => commit(budget, 0.5))).toMatchObject({ code: 'invalid-amount' });
  });

  it('leaves the budget it was given unchanged', () => {
    commit(budget, 1_000);
    expect(budget.committed).toBe(0);
  });
});

describe('amounts shown to people', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(yuan(123_456_789)).toBe('1234567.89 yuan');
    expect(yuan(5)).toBe('0.05 yuan');
    expect(yuan(-500_000)).toBe('-5000.00 yuan');
  });
});

describe('adjusting, releasing and spending a commitment (purchase orders)', () => {
  const held: Budget = { ...budget, committed: 9_000_000 };

  it('commits the increase when an order costs more than its requisition, under the same overspend rule', () => {
    const adjustment = adjustCommitment(held, 400_000, 900_000);
    expect(adjustment).toMatchObject({ change: 500_000, overspend: 0, budget: { committed: 9_500_000 } });
    expect(thrown(() => adjustCommitment(held, 400_000, 1_400_001))).toMatchObject({ code: 'budget-exceeded' });
    const overridden = adjustCommitment(held, 400_000, 1_900_000, { by: 'admin-2', roles: ['agency-admin'], reason: 'price rise' });
    expect(overridden).toMatchObject({ change: 1_500_000, overspend: 500_000, override: { by: 'admin-2', reason: 'price rise' } });
  });

  it('releases the difference when an order costs less, and changes nothing when it costs the same', () => {
    expect(adjustCommitment(held, 900_000, 400_000)).toMatchObject({ change: -500_000, overspend: 0, budget: { committed: 8_500_000 } });
    expect(adjustCommitment(held, 900_000, 900_000)).toEqual({ budget: held, change: 0, overspend: 0 });
  });

  it('never releases more than is committed', () => {
    expect(release(held, 9_000_000).committed).toBe(0);
    expect(thrown(() => release(held, 9_000_001))).toMatchObject({ code: 'release-exceeds-commitment' });
  });

  it('moves accepted value from committed to spent, leaving what is available unchanged', () => {
    const spent = spend(held, 2_500_000);
    expect(spent).toMatchObject({ committed: 6_500_000, spent: 2_500_000 });
    expect(available(spent)).toBe(available(held));
  });
});
