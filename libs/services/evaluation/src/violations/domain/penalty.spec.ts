import { PenaltyRule, applyMonthlyCap, fenToYuan, penaltyBeforeCap, percentOfFen, ruleFor, settlementPeriodOf } from './penalty';

describe('penalties under a contract (违约金)', () => {
  describe('a percentage of the monthly fee, rounded half up to the fen', () => {
    it('is exact where the fen divides evenly: 5 % of 300 000 fen is 15 000 fen', () => {
      expect(percentOfFen(300_000, 5)).toBe(15_000);
    });

    it('rounds a half fen up: 2.5 % of 100 001 fen is 2 500.025 → 2 500, of 100 020 is 2 500.5 → 2 501', () => {
      expect(percentOfFen(100_001, 2.5)).toBe(2_500);
      expect(percentOfFen(100_020, 2.5)).toBe(2_501);
    });

    it('rounds below a half fen down: 1 % of 149 fen is 1.49 → 1, of 150 is 1.5 → 2', () => {
      expect(percentOfFen(149, 1)).toBe(1);
      expect(percentOfFen(150, 1)).toBe(2);
    });

    it('reads the percentage as the decimal it is written as (0.1 % is not 0.1000000000000000055…)', () => {
      expect(percentOfFen(500, 0.1)).toBe(1); // 0.5 fen → 1
      expect(percentOfFen(499, 0.1)).toBe(0); // 0.499 fen → 0
      expect(percentOfFen(1_234_567, 33.333)).toBe(411_518); // 411 518.2 fen
    });

    it('stays exact on amounts beyond float precision', () => {
      expect(percentOfFen(9_007_199_254_740_991, 50)).toBe(4_503_599_627_370_496);
    });

    it('refuses fractions of a fen', () => {
      expect(() => percentOfFen(10.5, 5)).toThrow(RangeError);
    });
  });

  describe('the rule priced', () => {
    const rule = (overrides: Partial<PenaltyRule>): PenaltyRule => ({ breach: 'response-late', capPerMonth: 100_000, ...overrides });

    it('takes a fixed amount over a percentage when a rule gives both', () => {
      expect(penaltyBeforeCap(rule({ amount: 20_000, percentOfMonthlyFee: 10 }), 300_000)).toBe(20_000);
    });

    it('takes the percentage of the monthly fee', () => {
      expect(penaltyBeforeCap(rule({ percentOfMonthlyFee: 2 }), 300_000)).toBe(6_000);
    });

    it('prices a percentage of a contract without a monthly fee at 0', () => {
      expect(penaltyBeforeCap(rule({ percentOfMonthlyFee: 2 }), undefined)).toBe(0);
    });

    it('finds the rule of the breach kind, none for another kind or no contract', () => {
      const terms = { contractId: 'c', vendorId: 'v', penaltyRules: [rule({ amount: 1 }), rule({ breach: 'resolution-late', amount: 2 })] };
      expect(ruleFor(terms, 'resolution-late')?.amount).toBe(2);
      expect(ruleFor(terms, 'inspection-failed')).toBeUndefined();
      expect(ruleFor(undefined, 'response-late')).toBeUndefined();
      expect(ruleFor(terms, undefined)).toBeUndefined();
    });
  });

  describe('the monthly cap', () => {
    it('charges the whole penalty while the month stays under the cap', () => {
      expect(applyMonthlyCap(20_000, 100_000, 60_000)).toBe(20_000);
    });

    it('charges the whole penalty that reaches the cap exactly', () => {
      expect(applyMonthlyCap(20_000, 100_000, 80_000)).toBe(20_000);
    });

    it('charges only what is left of the cap for the penalty that crosses it', () => {
      expect(applyMonthlyCap(20_000, 100_000, 90_000)).toBe(10_000);
    });

    it('charges nothing once the cap is reached', () => {
      expect(applyMonthlyCap(20_000, 100_000, 100_000)).toBe(0);
    });

    it('charges nothing under a cap of 0', () => {
      expect(applyMonthlyCap(20_000, 0, 0)).toBe(0);
    });
  });

  describe('the settlement month, China Standard Time', () => {
    it('puts 15:59:59Z on the last day of November in November and 16:00Z in December', () => {
      expect(settlementPeriodOf(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11');
      expect(settlementPeriodOf(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12');
    });
  });

  describe('fen as yuan', () => {
    it('writes two decimals exactly', () => {
      expect(fenToYuan(0)).toBe('0.00');
      expect(fenToYuan(5)).toBe('0.05');
      expect(fenToYuan(12_345)).toBe('123.45');
      expect(fenToYuan(100_000)).toBe('1000.00');
      expect(fenToYuan(9_007_199_254_740_991)).toBe('90071992547409.91');
    });
  });
});
