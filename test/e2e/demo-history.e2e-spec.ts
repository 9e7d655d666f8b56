import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { businessMonth } from '@houqin/domain';
import { PlatformProcess, freePort, startPlatformProcess } from '@houqin/testing';

/**
 * `npm start`'s demo agency carries a year of evaluation history ending last month: maintenance and
 * procurement events replayed on the bus into evaluation, surveys answered, an assessment
 * submitted, scorecards published through the commands. What a visitor sees on the first start.
 */

interface Figure {
  code: string;
  value: number | null;
  sampleSize: number;
}

interface Scorecard {
  id: string;
  party: string;
  serviceType: string;
  period: string;
  score: number | null;
  rank: number | null;
  rankedAmong: number;
  status: string;
  version: number;
  reason?: string;
  trend: { previous: unknown[] };
}

/** The twelve months before the current one, China Standard Time. */
function pastMonths(now: Date): string[] {
  const months: string[] = [];
  let cursor = businessMonth(now).start;
  for (let index = 0; index < 12; index += 1) {
    const month = businessMonth(new Date(cursor.getTime() - 1));
    months.unshift(month.month);
    cursor = month.start;
  }
  return months;
}

describe('the demo agency’s year of evaluation history (npm start)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'houqin-demo-history-'));
  chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as the postgres user when started as root
  let platform: PlatformProcess | undefined;
  let env: Record<string, string>;
  const months = pastMonths(new Date());
  const lastMonth = months[11]!;

  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${platform!.gatewayUrl}/api/v1/evaluation${route}`, { headers: { authorization: `Bearer ${platform!.token}` } });
    expect([route, response.status]).toEqual([route, 200]);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    env = { HOUQIN_DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: String(await freePort()), LOG_LEVEL: 'info' };
    platform = await startPlatformProcess(env);
  }, 240_000);

  afterAll(async () => {
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      await platform.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the reform effect month by month over the past year, and the change since maintenance was outsourced', async () => {
    expect(platform!.output()).not.toContain('demo data could not be seeded');
    const pivot = `${months[6]!}-01`;
    const report = await get<{ months: Array<{ month: string; figures: Figure[] }>; beforeAfter: { figures: Array<{ code: string; improved: boolean | null; after: number | null }> } }>(
      `/analytics/reform-effect?serviceType=maintenance&from=${months[0]}&to=${lastMonth}&pivot=${pivot}`,
    );
    expect(report.months.map((month) => month.month)).toEqual(months);
    const measured = (code: string) => report.months.filter((month) => month.figures.some((figure) => figure.code === code && figure.value !== null && figure.sampleSize > 0));
    expect(measured('cost-per-unit').length).toBeGreaterThanOrEqual(10);
    expect(measured('satisfaction').length).toBeGreaterThanOrEqual(10);
    // SLA compliance is of work under a contract: every month after outsourcing has it; before, only the
    // on-call vendor's few repairs ran a clock, the internal team's (内部后勤班组) none.
    const sample = (month: { figures: Figure[] }, code: string) => month.figures.find((figure) => figure.code === code)?.sampleSize ?? 0;
    expect(report.months.slice(6).every((month) => measured('sla-compliance').includes(month))).toBe(true);
    for (const month of report.months.slice(0, 6)) expect([month.month, sample(month, 'sla-compliance') < sample(month, 'cost-per-unit') / 2]).toEqual([month.month, true]);
    // The story the history tells: cheaper repairs and happier staff after outsourcing.
    const improved = (code: string) => report.beforeAfter.figures.find((figure) => figure.code === code)?.improved;
    expect([improved('cost-per-unit'), improved('satisfaction')]).toEqual([true, true]);
    expect(report.beforeAfter.figures.find((figure) => figure.code === 'sla-compliance')?.after).toEqual(expect.any(Number));
  });

  it('has last month’s scorecards published, the vendors ranked among themselves, each with its trend', async () => {
    const published = await get<Scorecard[]>(`/scorecards?period=${lastMonth}&serviceType=maintenance&current=true`);
    const vendors = published.filter((card) => card.party !== 'internal-team');
    expect(vendors.length).toBeGreaterThanOrEqual(2);
    expect(vendors.map((card) => card.rank).sort()).toEqual(vendors.map((_, index) => index + 1));
    expect(vendors.every((card) => card.status === 'published' && card.rankedAmong === vendors.length && card.score !== null)).toBe(true);
    expect(vendors.every((card) => card.trend.previous.length > 0)).toBe(true);
    // Every past month was published, not only the last.
    for (const month of months) {
      const cards = await get<Scorecard[]>(`/scorecards?period=${month}&serviceType=maintenance&current=true`);
      expect([month, cards.length > 0]).toEqual([month, true]);
    }
  });

  it('has one scorecard corrected with its reason, a third-party assessment submitted, surveys answered, low scores followed up, the rest pending for the demo user', async () => {
    const all = await get<Scorecard[]>('/scorecards?limit=200');
    const corrections = all.filter((card) => card.version > 1);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toEqual(expect.objectContaining({ status: 'published', reason: expect.stringContaining('third-party assessment') }));
    const versions = await get<Scorecard[]>(`/scorecards/${corrections[0]!.id}/versions`);
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    const assessments = await get<Array<{ status: string; period: string }>>('/assessments');
    expect(assessments.length).toBeGreaterThanOrEqual(2);
    expect(assessments.every((assessment) => assessment.status === 'submitted')).toBe(true);
    const answered = await get<unknown[]>('/surveys?status=answered&serviceType=maintenance&limit=200');
    expect(answered.length).toBeGreaterThan(50);
    const followUps = await get<unknown[]>('/survey-follow-ups');
    expect(followUps.length).toBeGreaterThan(0);
    // The rest wait for the user of the printed demo token, who reported those repairs.
    const pending = await get<Array<{ serviceType: string; respondentId: string }>>('/surveys/pending');
    expect(pending.filter((survey) => survey.serviceType === 'maintenance').length).toBeGreaterThan(5);
  });

  it('keeps the replayed history in an intact audit trail, marked as demo history', async () => {
    const verification = await get<{ intact: boolean; entries: number }>('/audit-trail/verification');
    expect(verification.intact).toBe(true);
    expect(verification.entries).toBeGreaterThan(1_000);
    const latestReplayed = (await get<Array<{ correlationId: string }>>('/audit-trail?limit=500')).filter((entry) => entry.correlationId.startsWith('demo-history:'));
    expect(latestReplayed.length).toBeGreaterThan(0);
  });

  it('starts supervision at work: an upheld complaint and its violation, rectification notices, an expiring certificate, an audit finding', async () => {
    expect(platform!.output()).not.toContain('demo data could not be seeded');
    const complaints = await get<Array<{ status: string; decision?: { outcome: string } }>>('/complaints');
    expect(complaints.map((complaint) => complaint.decision?.outcome ?? complaint.status).sort()).toEqual(['filed', 'upheld']);
    const violations = await get<Array<{ source: string; severity: string }>>('/violations?source=upheld-complaint');
    expect(violations).toEqual([expect.objectContaining({ source: 'upheld-complaint', severity: 'major' })]);
    const dashboard = await get<{ supervision: Record<string, Record<string, unknown>> }>('/dashboard');
    expect(dashboard.supervision['complaints']).toMatchObject({ open: 1 });
    expect(dashboard.supervision['rectifications']).toMatchObject({ open: 2, awaitingVerification: 1, overdue: 0 });
    expect(dashboard.supervision['qualifications']).toEqual({ mandatoryExpiringWithin30Days: 1, mandatoryExpired: 0 });
    expect(dashboard.supervision['internalAudit']).toEqual({ openFindings: 1, overdueFindings: 0 });
    // The vendor and the manager who triaged the repair answer for the upheld complaint.
    const accountability = await get<Array<{ kind: string; answerable: { kind: string; userId?: string } }>>('/accountability?kind=upheld-complaint');
    expect(accountability.map((entry) => [entry.answerable.kind, entry.answerable.userId ?? null]).sort()).toEqual([
      ['approving-manager', 'demo-logistics-manager'],
      ['vendor', null],
    ]);
  });

  it("runs the canteen through its contracted caterer: a week of menus, bookings, meals served and rated, a passed inspection", async () => {
    const catering = async <T>(route: string): Promise<T> => {
      const response = await fetch(`${platform!.gatewayUrl}/api/v1/catering${route}`, { headers: { authorization: `Bearer ${platform!.token}` } });
      expect([route, response.status]).toEqual([route, 200]);
      return (await response.json()) as T;
    };
    const [canteen] = await catering<Array<{ id: string; name: string }>>('/canteens');
    expect(canteen!.name).toBe('机关第一食堂');
    const operator = await catering<{ current?: { vendorName: string; targets: { minInspectionPassRate: number } }; warnings: unknown[] }>(`/canteens/${canteen!.id}/operator`);
    expect(operator.current).toMatchObject({ vendorName: '深圳市美食餐饮管理有限公司', targets: { minInspectionPassRate: 95 } });
    expect(operator.warnings).toEqual([]);
    const menus = await catering<Array<{ kind: string; status: string; days: unknown[] }>>(`/canteens/${canteen!.id}/menus`);
    expect(menus).toEqual([expect.objectContaining({ kind: 'weekly', status: 'published' })]);
    expect(menus[0]!.days).toHaveLength(14);
    const reservations = await catering<Array<{ kind: string; status: string }>>(`/canteens/${canteen!.id}/reservations`);
    expect(reservations.filter((meal) => meal.status === 'booked')).toHaveLength(3);
    expect(reservations.filter((meal) => meal.status === 'served' && meal.kind === 'walk-in')).toHaveLength(2);
    const inspections = await catering<Array<{ passed: boolean; score: number }>>(`/canteens/${canteen!.id}/inspections`);
    expect(inspections).toEqual([expect.objectContaining({ passed: true, score: 100 })]);
  });

  it('runs official vehicles: a rental contract, the fleet and its drivers with the reasons some cannot drive, trips at every stage', async () => {
    const transport = async <T>(route: string): Promise<T> => {
      const response = await fetch(`${platform!.gatewayUrl}/api/v1/transport${route}`, { headers: { authorization: `Bearer ${platform!.token}` } });
      expect([route, response.status]).toEqual([route, 200]);
      return (await response.json()) as T;
    };
    const contracts = await transport<Array<{ vendorName: string; maxDispatchResponseMinutes: number; kmRateFen: number; barred?: string }>>('/transport-contracts');
    expect(contracts).toEqual([expect.objectContaining({ vendorName: '福州市公务用车租赁有限公司', maxDispatchResponseMinutes: 30, kmRateFen: 350 })]);
    expect(contracts[0]!.barred).toBeUndefined();
    const vehicles = await transport<Array<{ plateNumber: string; dispatchable: boolean; blockers: Array<{ code: string }> }>>('/vehicles');
    expect(vehicles).toHaveLength(5);
    expect(vehicles.find((vehicle) => vehicle.plateNumber === '闽A57890')).toMatchObject({ dispatchable: false, blockers: [expect.objectContaining({ code: 'in-workshop' })] });
    const drivers = await transport<Array<{ name: string; dispatchable: boolean }>>('/drivers');
    expect(drivers.map((driver) => [driver.name, driver.dispatchable]).sort()).toEqual([
      ['吴师傅', false],
      ['林师傅', true],
      ['郑师傅', true],
    ]);
    const trips = await transport<Array<{ status: string; assignment?: { kind: string }; rating?: { score: number }; end?: { costPerKmFen?: number } }>>('/trips');
    const count = (status: string) => trips.filter((trip) => trip.status === status).length;
    expect(['pending-approval', 'approved', 'rejected', 'dispatched', 'in-progress', 'completed', 'cancelled'].map((status) => [status, count(status)])).toEqual([
      ['pending-approval', 1],
      ['approved', 1],
      ['rejected', 1],
      ['dispatched', 1],
      ['in-progress', 1],
      ['completed', 2],
      ['cancelled', 1],
    ]);
    const completed = trips.filter((trip) => trip.status === 'completed');
    expect(completed.map((trip) => trip.assignment?.kind).sort()).toEqual(['fleet', 'rental']);
    expect(completed.every((trip) => trip.rating !== undefined && typeof trip.end?.costPerKmFen === 'number')).toBe(true);
  });

  it('replays the history on the first start only', async () => {
    const first = platform!;
    expect(first.output()).toContain('demo history replayed as events');
    const before = await get<Scorecard[]>('/scorecards?limit=200');
    const entriesBefore = (await get<{ entries: number }>('/audit-trail/verification')).entries;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    platform = await startPlatformProcess(env);
    expect(platform.output()).not.toContain('demo history replayed as events');
    expect(platform.output()).not.toContain('demo data could not be seeded');
    const after = await get<Scorecard[]>('/scorecards?limit=200');
    expect(after.map((card) => card.id).sort()).toEqual(before.map((card) => card.id).sort());
    // Nothing replayed again: at most the events of the restart itself (e.g. a preventive plan falling due).
    expect((await get<{ entries: number }>('/audit-trail/verification')).entries - entriesBefore).toBeLessThan(20);
  }, 240_000);
});
