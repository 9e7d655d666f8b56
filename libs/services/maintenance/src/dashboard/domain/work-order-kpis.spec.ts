import { workOrderKpis } from './work-order-kpis';

describe("the month's work order KPIs", () => {
  it('are unknown, not zero, when nothing was verified', () => {
    expect(workOrderKpis([])).toEqual({ verified: 0, firstTimeFixRate: null, reopenRate: null, meanResponseMinutes: null, meanResolutionMinutes: null, costPerWorkOrderFen: null });
  });

  it('count first-time fixes and reopened work, in percent with one decimal', () => {
    const kpis = workOrderKpis([
      { responseMinutes: 10, resolutionMinutes: 100, reopenCount: 0, costFen: 10_000 },
      { responseMinutes: 20, resolutionMinutes: 200, reopenCount: 2, costFen: 0 },
      { responseMinutes: 31, resolutionMinutes: 301, reopenCount: 0, costFen: 20_001 },
    ]);
    expect(kpis).toEqual({ verified: 3, firstTimeFixRate: 66.7, reopenRate: 33.3, meanResponseMinutes: 20, meanResolutionMinutes: 200, costPerWorkOrderFen: 10_000 });
  });

  it('rounds the means to whole minutes', () => {
    expect(workOrderKpis([{ responseMinutes: 1, resolutionMinutes: 2, reopenCount: 0, costFen: 1 }, { responseMinutes: 2, resolutionMinutes: 3, reopenCount: 0, costFen: 2 }])).toMatchObject({
      costPerWorkOrderFen: 2, meanResponseMinutes: 2, meanResolutionMinutes: 3, firstTimeFixRate: 100, reopenRate: 0 });
  });
});
