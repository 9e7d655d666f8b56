import { atRiskCutoffs, isAtRisk } from './repair-risk';

const asOf = new Date('2025-03-04T12:00:00Z');
const hoursBefore = (hours: number) => new Date(asOf.getTime() - hours * 3_600_000);

describe('a repair request at risk (interim rule until contracts carry SLA terms)', () => {
  it('is an urgent request open longer than 4 hours', () => {
    expect(isAtRisk({ priority: 'urgent', status: 'reported', reportedAt: hoursBefore(4.01) }, asOf)).toBe(true);
    expect(isAtRisk({ priority: 'urgent', status: 'reported', reportedAt: hoursBefore(3.99) }, asOf)).toBe(false);
  });

  it('gives a high request a day, a normal one three days and a low one a week', () => {
    expect(isAtRisk({ priority: 'high', status: 'reported', reportedAt: hoursBefore(25) }, asOf)).toBe(true);
    expect(isAtRisk({ priority: 'normal', status: 'triaged', reportedAt: hoursBefore(25) }, asOf)).toBe(false);
    expect(isAtRisk({ priority: 'normal', status: 'triaged', reportedAt: hoursBefore(73) }, asOf)).toBe(true);
    expect(isAtRisk({ priority: 'low', status: 'reported', reportedAt: hoursBefore(100) }, asOf)).toBe(false);
    expect(isAtRisk({ priority: 'low', status: 'reported', reportedAt: hoursBefore(169) }, asOf)).toBe(true);
  });

  it('is never a cancelled request, however old', () => {
    expect(isAtRisk({ priority: 'urgent', status: 'cancelled', reportedAt: hoursBefore(1000) }, asOf)).toBe(false);
  });

  it('has exactly the target of its priority as cut-off', () => {
    expect(atRiskCutoffs(asOf)).toEqual({ urgent: hoursBefore(4), high: hoursBefore(24), normal: hoursBefore(72), low: hoursBefore(168) });
  });
});
