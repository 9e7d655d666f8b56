import { maintenanceEnvironment } from './maintenance.config';

describe("maintenance's business-hours settings", () => {
  it('default to every clock round the clock, office hours 08:30-17:30, no holidays', () => {
    expect(maintenanceEnvironment.parse({})).toMatchObject({ SLA_BUSINESS_HOURS_PRIORITIES: [], SLA_BUSINESS_HOURS: '08:30-17:30', SLA_HOLIDAYS: [], SLA_WORKDAYS: [] });
  });

  it('read lists of priorities and dates', () => {
    const parsed = maintenanceEnvironment.parse({ SLA_BUSINESS_HOURS_PRIORITIES: 'normal, low', SLA_HOLIDAYS: '2026-10-01,2026-10-02', SLA_WORKDAYS: '2026-10-10' });
    expect(parsed).toMatchObject({ SLA_BUSINESS_HOURS_PRIORITIES: ['normal', 'low'], SLA_HOLIDAYS: ['2026-10-01', '2026-10-02'], SLA_WORKDAYS: ['2026-10-10'] });
  });

  it.each([
    ['SLA_BUSINESS_HOURS_PRIORITIES', 'normal,someday'],
    ['SLA_BUSINESS_HOURS', '8:30-17:30'],
    ['SLA_BUSINESS_HOURS', '17:30-08:30'],
    ['SLA_HOLIDAYS', '2026-10-01,1 October'],
    ['SLA_WORKDAYS', '2026-13-01'],
  ])('refuse %s=%s, naming the variable', (variable, value) => {
    const result = maintenanceEnvironment.safeParse({ [variable]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([variable]);
  });
});
