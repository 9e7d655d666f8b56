import { IllegalTransitionError } from '@houqin/domain';
import { CateringContract, OperatorPeriod, OperatorStanding, barStanding, currentOperator, endSanction, liftStanding, standingBar, startOperatorPeriod, targetsOf } from './operator';

const now = new Date('2026-12-01T00:00:00Z');
const contract: CateringContract = {
  contractId: 'k-1',
  agencyId: 'agency-a',
  vendorId: 'v-1',
  vendorName: '膳食公司',
  title: '机关食堂承包经营',
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: new Date('2027-01-01T00:00:00Z'),
  targets: { minInspectionPassRate: 95, minSatisfactionScore: 4 },
  status: 'signed',
  signedAt: new Date('2025-12-20T00:00:00Z'),
};
const start = (overrides: Partial<Parameters<typeof startOperatorPeriod>[0]> = {}) =>
  startOperatorPeriod({ id: 'p-1', canteenId: 'c-1', assignedBy: 'manager-1', contract, standing: undefined, periods: [], ...overrides }, now);

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('canteen operators (承包经营)', () => {
  it('take their targets from the catering contract’s SLA terms', () => {
    expect(targetsOf({ serviceType: 'catering', minInspectionPassRate: 95, minSatisfactionScore: 4 })).toEqual({ minInspectionPassRate: 95, minSatisfactionScore: 4 });
    expect(targetsOf({ serviceType: 'maintenance' })).toBeUndefined();
  });

  it('run a canteen from now to the contract’s end', () => {
    expect(start()).toMatchObject({ vendorId: 'v-1', startsAt: now, endsAt: contract.validTo, targets: contract.targets });
  });

  it('get no new contract period while sanctioned or barred', () => {
    const sanctioned = { vendorId: 'v-1', status: 'suspended' as const, sanctioned: true, reason: '食品安全检查连续不合格', effectiveFrom: new Date('2026-11-01T00:00:00Z') };
    expect(thrown(() => start({ standing: sanctioned }))).toMatchObject({ code: 'operator-barred', field: 'contractId' });
    expect(start({ standing: { ...sanctioned, until: new Date('2026-11-30T00:00:00Z') } }).vendorId).toBe('v-1');
  });

  it('refuse an unknown, ended or terminated contract, and a second period under one contract', () => {
    expect(thrown(() => start({ contract: undefined }))).toMatchObject({ code: 'unknown-catering-contract' });
    expect(thrown(() => start({ contract: { ...contract, status: 'terminated' } }))).toBeInstanceOf(IllegalTransitionError);
    expect(thrown(() => start({ contract: { ...contract, validTo: now } }))).toMatchObject({ code: 'contract-ended' });
    expect(thrown(() => start({ periods: [start()] }))).toMatchObject({ code: 'period-exists' });
  });

  it('refuse a period overlapping the canteen’s current operator', () => {
    const other: OperatorPeriod = { ...start(), contractId: 'k-0', vendorName: '老承包商', endsAt: new Date('2026-12-31T00:00:00Z') };
    expect(thrown(() => start({ periods: [other] }))).toMatchObject({ code: 'operator-period-overlaps' });
  });

  it('know the operator in force, ending it with a contract terminated early', () => {
    const period = start();
    expect(currentOperator([period], [contract], new Date('2026-12-10T00:00:00Z'))?.vendorId).toBe('v-1');
    const terminated = { ...contract, status: 'terminated' as const, endedAt: new Date('2026-12-05T00:00:00Z') };
    expect(currentOperator([period], [terminated], new Date('2026-12-10T00:00:00Z'))).toBeUndefined();
    expect(currentOperator([period], [contract], new Date('2027-01-02T00:00:00Z'))).toBeUndefined();
  });
});

describe('vendor standing', () => {
  const suspended = { vendorId: 'v-1', status: 'suspended' as const, sanctioned: false, reason: 'r', effectiveFrom: now };
  const blacklisted = { ...suspended, status: 'blacklisted' as const, sanctioned: true };

  it('never downgrades a blacklisting to a suspension, and stays a sanction if either bar was one', () => {
    expect(barStanding(blacklisted, suspended)).toMatchObject({ status: 'blacklisted', sanctioned: true });
    expect(barStanding(suspended, blacklisted)).toMatchObject({ status: 'blacklisted', sanctioned: true });
  });

  it('lifts only the bar of its kind', () => {
    expect(liftStanding(suspended, { vendorId: 'v-1', ends: 'suspended', reason: 'period over', at: now }).status).toBe('active');
    expect(liftStanding(blacklisted, { vendorId: 'v-1', ends: 'suspended', reason: 'period over', at: now }).status).toBe('blacklisted');
  });

  describe('sanctions and reinstatements arriving out of order (different topics)', () => {
    const at = (iso: string) => new Date(iso);
    const sanction = (from: string): OperatorStanding => ({ vendorId: 'v-1', status: 'suspended', sanctioned: true, reason: '整改逾期', effectiveFrom: at(from) });
    const reinstated = (when: string) => ({ vendorId: 'v-1', ends: 'suspended' as const, reason: 'period over', at: at(when) });
    const fold = (steps: Array<(current: OperatorStanding | undefined) => OperatorStanding>) => steps.reduce<OperatorStanding | undefined>((current, step) => step(current), undefined)!;

    it('ignore a sanction that took effect before the reinstatement already applied', () => {
      const late = fold([(c) => barStanding(c, sanction('2026-11-01T00:00:00Z'), 'procurement'), (c) => liftStanding(c, reinstated('2026-12-01T00:00:00Z')), (c) => barStanding(c, sanction('2026-11-01T00:00:00Z'), 'evaluation')]);
      expect(late).toMatchObject({ status: 'active' });
      expect(standingBar(late, at('2026-12-02T00:00:00Z'))).toBeUndefined();
    });

    it('bar for a sanction taking effect after the latest reinstatement, and a reinstatement older than it lifts nothing', () => {
      const newer = fold([(c) => liftStanding(c, reinstated('2026-12-01T00:00:00Z')), (c) => barStanding(c, sanction('2026-12-05T00:00:00Z'), 'evaluation')]);
      expect(newer).toMatchObject({ status: 'suspended', sanctioned: true });
      expect(liftStanding(newer, reinstated('2026-12-03T00:00:00Z'))).toMatchObject({ status: 'suspended' });
    });

    it("end a sanction only with evaluation's own reinstatement of it, never a bar procurement announced since", () => {
      const sanctioned = barStanding(undefined, sanction('2026-12-05T00:00:00Z'), 'evaluation');
      const ended = { vendorId: 'v-1', kind: 'suspension' as const, from: at('2026-12-05T00:00:00Z'), reason: 'lifted early', at: at('2026-12-10T00:00:00Z') };
      expect(endSanction(sanctioned, ended)).toMatchObject({ status: 'active' });
      const byProcurement = barStanding(sanctioned, { ...suspended, effectiveFrom: at('2026-12-08T00:00:00Z') }, 'procurement');
      expect(endSanction(byProcurement, ended)).toMatchObject({ status: 'suspended' });
      // Once ended, the same sanction delivered again bars nothing.
      expect(barStanding(endSanction(sanctioned, ended), sanction('2026-12-05T00:00:00Z'), 'evaluation')).toMatchObject({ status: 'active' });
    });
  });

  it('says why a barred vendor may not start, and nothing for one in good standing', () => {
    expect(standingBar(undefined, now)).toBeUndefined();
    expect(standingBar(blacklisted, now)).toContain('blacklisted (sanctioned by evaluation)');
  });
});
