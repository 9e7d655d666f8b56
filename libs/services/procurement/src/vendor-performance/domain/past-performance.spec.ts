import { PublishedScore, SCORECARD_SERVICE_TYPE, pastPerformancePoints, supersedes } from './past-performance';

const published = (period: string, start: string, end: string, version = 1, score: number | null = 80): PublishedScore => ({
  agencyId: 'agency-1',
  vendorId: 'vendor-1',
  serviceType: 'maintenance',
  period,
  periodStart: new Date(start),
  periodEnd: new Date(end),
  version,
  score,
  standing: 'good',
  scorecardId: `${period}-${version}`,
});

const october = published('2026-10', '2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z');
const november = published('2026-11', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z');

describe('the latest published score a tender reads (past performance)', () => {
  it('is the one of the latest period, whatever order the events arrive in', () => {
    expect(supersedes(november, october)).toBe(true);
    expect(supersedes(october, november)).toBe(false);
  });

  it('takes a correction of the same period (higher version), and not a redelivery of the same version', () => {
    expect(supersedes(published('2026-11', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z', 2), november)).toBe(true);
    expect(supersedes(november, published('2026-11', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z', 2))).toBe(false);
    expect(supersedes(november, november)).toBe(false);
  });

  it('keeps a scored publication when a later one without a score arrives (a month without work), in either order', () => {
    const october95 = published('2026-10', '2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z', 1, 95);
    const novemberUnscored = published('2026-11', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z', 1, null);
    expect(supersedes(novemberUnscored, october95)).toBe(false);
    expect(supersedes(october95, novemberUnscored)).toBe(true);
    // A correction without a score does not erase the scored version either.
    expect(supersedes(published('2026-10', '2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z', 2, null), october95)).toBe(false);
  });

  it('lets a scored publication replace one without a score, and one without replace another without by the latest period', () => {
    const octoberUnscored = published('2026-10', '2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z', 1, null);
    const novemberUnscored = published('2026-11', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z', 1, null);
    expect(supersedes(published('2026-11', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z', 2, 70), novemberUnscored)).toBe(true);
    expect(supersedes(novemberUnscored, octoberUnscored)).toBe(true);
    expect(supersedes(octoberUnscored, novemberUnscored)).toBe(false);
  });

  it('prefers the year over its last quarter and month when they end together', () => {
    const december = published('2026-12', '2026-11-30T16:00:00Z', '2026-12-31T16:00:00Z');
    const year = published('2026', '2025-12-31T16:00:00Z', '2026-12-31T16:00:00Z');
    expect(supersedes(year, december)).toBe(true);
    expect(supersedes(december, year)).toBe(false);
  });
});

describe('past-performance points', () => {
  it('are the score’s share of the criterion’s maximum', () => {
    expect(pastPerformancePoints(10, 85)).toBe(8.5);
    expect(pastPerformancePoints(10, 100)).toBe(10);
    expect(pastPerformancePoints(15, 0)).toBe(0);
  });

  it('give a vendor without a published score half the points', () => {
    expect(pastPerformancePoints(10, undefined)).toBe(5);
    expect(pastPerformancePoints(10, null)).toBe(5);
  });

  it('have scorecards for supplies, maintenance, catering and transport, none for cleaning or security', () => {
    expect(SCORECARD_SERVICE_TYPE.supplies).toBe('procurement');
    expect(SCORECARD_SERVICE_TYPE.maintenance).toBe('maintenance');
    expect(SCORECARD_SERVICE_TYPE.cleaning).toBeUndefined();
  });
});
