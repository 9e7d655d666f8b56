import { randomUUID } from 'node:crypto';
import { ComplaintOverturned, ComplaintUpheld, EventContract, EventData, RectificationOverdue, ViolationRecorded, ViolationVoided } from '@houqin/contracts';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, accessToken, testCaller, waitFor } from '@houqin/testing';
import { RunningEvaluation, startEvaluation } from './evaluation-fixture';

/**
 * The accountability record (问责) against the real evaluation service, PostgreSQL and gateway, on
 * the in-process broker: the supervision events other capabilities publish (upheld and overturned
 * complaints, recorded and voided violations, overdue rectifications) become one entry per offence
 * and answerable party, voided ones kept and marked; the record is read and exported per person and
 * per vendor, each reader seeing what the authorisation table says and nothing more.
 */
const broker = new InProcessBroker();
let running: RunningEvaluation;
let database: TestDatabase;
let gateway: RunningService;

const agencyId = `agency-${randomUUID()}`;
const otherAgencyId = `agency-${randomUUID()}`;
const vendorA = randomUUID();
const vendorB = randomUUID();
const managerChen = `manager-chen-${randomUUID()}`;
const managerZhou = `manager-zhou-${randomUUID()}`;
const auditor = testCaller({ agencyId, userId: randomUUID(), roles: ['auditor'] });
const admin = testCaller({ agencyId, userId: randomUUID(), roles: ['agency-admin'] });
const zhou = testCaller({ agencyId, userId: managerZhou, roles: ['staff'] });
const colleague = testCaller({ agencyId, userId: randomUUID(), roles: ['staff'] });
const vendorBAccount = testCaller({ agencyId, userId: randomUUID(), roles: ['vendor'], vendorId: vendorB });

beforeAll(async () => {
  running = await startEvaluation({ name: 'accountability', env: { LOG_LEVEL: 'fatal' }, broker, pathPrefix: '/evaluation' });
  ({ database, gateway } = running);
});

afterAll(() => running?.shutdown());

/** Publishes an event as the capability that owns it would; the same envelope twice is a redelivery. */
async function publish<D>(contract: EventContract<D>, subject: string, data: D, envelopeId = randomUUID()) {
  const envelope = contract.create({ id: envelopeId, subject, origin: { agencyId: (data as { agencyId: string }).agencyId, correlationId: randomUUID() }, data });
  await broker.publish(contract.topic, subject, Buffer.from(JSON.stringify(envelope)));
  return envelope;
}

type EntryRow = { offence_kind: string; answerable_key: string; voided_at: Date | null };
const entriesOf = (offenceId: string) =>
  database.query<EntryRow>(`SELECT offence_kind, answerable_key, voided_at FROM accountability_entry WHERE offence_id = $1 ORDER BY answerable_key`, [offenceId]);

const read = (caller: Caller, path: string) => running.through(caller, 'GET', path);

async function csv(caller: Caller, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${gateway.url}/api/v1/evaluation${path}`, { headers: { authorization: `Bearer ${accessToken(caller)}` } });
  // Decoded keeping the byte-order mark, which fetch's text() would drop.
  return { status: response.status, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

function violation(overrides: Partial<EventData<typeof ViolationRecorded>> & { violationId: string }): EventData<typeof ViolationRecorded> {
  return {
    agencyId,
    party: vendorB,
    vendorId: vendorB,
    source: 'manual',
    sourceRef: `manual:${overrides.violationId}`,
    severity: 'minor',
    penaltyPoints: 1,
    penaltyAmount: 0,
    settlementPeriod: '2026-12',
    description: 'Cleaning cart left in the fire escape',
    occurredAt: '2026-12-02T02:00:00.000Z',
    recordedBy: auditor.userId,
    recordedAt: '2026-12-02T03:00:00.000Z',
    answerable: [{ kind: 'vendor', vendorId: vendorB, name: '福州洁达保洁有限公司' }],
    ...overrides,
  };
}

const complaintId = randomUUID();
const upheld: EventData<typeof ComplaintUpheld> = {
  complaintId,
  agencyId,
  party: vendorA,
  vendorId: vendorA,
  serviceType: 'maintenance',
  instanceId: randomUUID(),
  category: 'service-quality',
  severity: 'major',
  reasons: 'The air conditioner failed again the same afternoon; the engineer left without testing it.',
  decidedBy: admin.userId,
  decidedAt: '2026-12-03T06:00:00.000Z',
  onAppeal: false,
  answerable: [
    { kind: 'vendor', vendorId: vendorA, role: 'the contracted vendor' },
    { kind: 'approving-manager', userId: managerChen, role: 'assigned the work order' },
  ],
};

describe('an upheld complaint, and its overturn on appeal', () => {
  it('makes one entry for the vendor and one for the approving manager, once under redelivery', async () => {
    const envelopeId = randomUUID();
    await publish(ComplaintUpheld, complaintId, upheld, envelopeId);
    await publish(ComplaintUpheld, complaintId, upheld, envelopeId);
    await waitFor(async () => (await entriesOf(complaintId)).length === 2, { description: 'the two entries of the upheld complaint' });
    // A second upheld event for the same complaint (another envelope) adds nothing either, and is processed, not refused.
    const again = await publish(ComplaintUpheld, complaintId, upheld);
    await waitFor(async () => (await database.query(`SELECT 1 FROM inbox_event WHERE event_id = $1`, [again.id])).length === 1, { description: 'the second upheld event processed' });
    const listed = await read(auditor, `/accountability?kind=upheld-complaint&vendorId=${vendorA}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        kind: 'upheld-complaint',
        offenceId: complaintId,
        answerable: { kind: 'vendor', vendorId: vendorA, role: 'the contracted vendor' },
        party: vendorA,
        source: 'complaint',
        severity: 'major',
        occurredAt: '2026-12-03T06:00:00.000Z',
        decidedBy: admin.userId,
        voided: false,
      }),
    ]);
    // (The violation recorded from the complaint names its own answerable parties, as entries of kind 'violation'.)
    const manager = await read(auditor, `/accountability?userId=${managerChen}&kind=upheld-complaint`);
    expect(manager.body.map((entry) => [entry['offenceId'], (entry['answerable'] as Record<string, unknown>)['kind']])).toEqual([[complaintId, 'approving-manager']]);
    expect(await entriesOf(complaintId)).toEqual([
      { offence_kind: 'upheld-complaint', answerable_key: `approving-manager:${managerChen}`, voided_at: null },
      { offence_kind: 'upheld-complaint', answerable_key: `vendor:${vendorA}`, voided_at: null },
    ]);
  });

  it('marks both entries voided when the complaint is overturned, keeping them', async () => {
    await publish(ComplaintOverturned, complaintId, {
      complaintId,
      agencyId,
      party: vendorA,
      vendorId: vendorA,
      reasons: 'The second failure was a power cut in the building.',
      decidedBy: admin.userId,
      decidedAt: '2026-12-08T03:00:00.000Z',
    });
    await waitFor(async () => (await entriesOf(complaintId)).every((entry) => entry.voided_at !== null), { description: 'the complaint entries voided' });
    const listed = await read(auditor, `/accountability?kind=upheld-complaint&userId=${managerChen}`);
    expect(listed.body).toEqual([
      expect.objectContaining({ offenceId: complaintId, voided: true, voiding: { at: '2026-12-08T03:00:00.000Z', by: admin.userId, reason: 'The second failure was a power cut in the building.' } }),
    ]);
    expect((await read(auditor, `/accountability?kind=upheld-complaint&userId=${managerChen}&includeVoided=false`)).body).toEqual([]);
    expect(await entriesOf(complaintId)).toHaveLength(2);
  });
});

describe("a vendor's and a person's record", () => {
  const standing = randomUUID();
  const voided = randomUUID();
  const noticeId = randomUUID();

  beforeAll(async () => {
    await publish(ViolationRecorded, standing, violation({ violationId: standing, severity: 'major', penaltyPoints: 3, penaltyAmount: 123_456, description: 'Lift out of service, "urgent", not answered' }));
    await publish(
      ViolationRecorded,
      voided,
      violation({
        violationId: voided,
        penaltyPoints: 2,
        penaltyAmount: 5,
        occurredAt: '2026-12-04T02:00:00.000Z',
        answerable: [{ kind: 'vendor', vendorId: vendorB }, { kind: 'approving-manager', userId: managerZhou, role: 'approved the cleaning plan' }],
      }),
    );
    await publish(ViolationVoided, voided, {
      violationId: voided,
      agencyId,
      party: vendorB,
      vendorId: vendorB,
      penaltyPoints: 2,
      penaltyAmount: 5,
      settlementPeriod: '2026-12',
      reason: 'recorded against the wrong building',
      voidedBy: auditor.userId,
      voidedAt: '2026-12-05T01:00:00.000Z',
    });
    await publish(RectificationOverdue, noticeId, {
      noticeId,
      agencyId,
      party: vendorB,
      vendorId: vendorB,
      violationId: standing,
      deadline: '2026-12-05T10:00:00.000Z',
      escalatedAt: '2026-12-05T10:00:30.000Z',
      escalateTo: 'logistics-manager',
      answerable: [{ kind: 'vendor', vendorId: vendorB }, { kind: 'approving-manager', userId: managerZhou, role: 'verifies the rectification' }],
    });
    // The same vendor id in another agency: never part of this agency's record.
    await publish(ViolationRecorded, randomUUID(), violation({ violationId: randomUUID(), agencyId: otherAgencyId, penaltyPoints: 9, penaltyAmount: 999 }));
    await waitFor(
      async () => {
        const [row] = await database.query<{ entries: number; voided: number }>(
          `SELECT count(*)::int AS entries, count(voided_at)::int AS voided FROM accountability_entry WHERE offence_id = ANY($1::uuid[])`,
          [[standing, voided, noticeId]],
        );
        return row!.entries === 5 && row!.voided === 2;
      },
      { description: 'the violations, the voiding and the overdue notice recorded' },
    );
  });

  it("sums a vendor's standing entries by kind, the voided violation counted apart without its points or amount", async () => {
    const record = await read(admin, `/accountability/vendors/${vendorB}`);
    expect(record.status).toBe(200);
    expect(record.body['summary']).toEqual({
      entries: 3,
      voided: 1,
      byKind: { 'upheld-complaint': { standing: 0, voided: 0 }, violation: { standing: 1, voided: 1 }, 'overdue-rectification': { standing: 1, voided: 0 } },
      penaltyPoints: 3,
      penaltyAmountFen: 123_456,
    });
    expect((record.body['entries'] as unknown as Array<Record<string, unknown>>).map((entry) => [entry['offenceId'], entry['voided']])).toEqual([
      [noticeId, false],
      [voided, true],
      [standing, false],
    ]);
  });

  it("sums a person's record, and exports it exactly", async () => {
    const record = await read(auditor, `/accountability/people/${managerZhou}`);
    expect(record.body['summary']).toMatchObject({ entries: 2, voided: 1, penaltyPoints: 0, penaltyAmountFen: 0 });
    const exported = await csv(auditor, `/accountability/people/${managerZhou}/export`);
    expect(exported.status).toBe(200);
    expect(exported.text).toBe(
      '\uFEFF' +
        [
          'occurred at,kind,offence,answerable,vendor,user,department,name,role,party,source,source ref,severity,penalty points,penalty (yuan),penalty (fen),settlement period,description,decided by,voided at,voided by,void reason',
          `2026-12-05T10:00:30.000Z,overdue-rectification,${noticeId},approving-manager,,${managerZhou},,,verifies the rectification,${vendorB},rectification,${standing},,,,,,"rectification notice overdue since 2026-12-05T10:00:00.000Z, escalated to the logistics-manager",,,,`,
          `2026-12-04T02:00:00.000Z,violation,${voided},approving-manager,,${managerZhou},,,approved the cleaning plan,${vendorB},manual,manual:${voided},minor,2,0.05,5,2026-12,Cleaning cart left in the fire escape,${auditor.userId},2026-12-05T01:00:00.000Z,${auditor.userId},recorded against the wrong building`,
        ].join('\r\n') +
        '\r\n',
    );
  });

  it("exports a vendor's record exactly, penalties in yuan from fen and in fen", async () => {
    const exported = await csv(admin, `/accountability/vendors/${vendorB}/export`);
    expect(exported.status).toBe(200);
    const lines = exported.text.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFoccurred at,kind,offence,')).toBe(true);
    expect(lines.slice(1)).toEqual([
      `2026-12-05T10:00:30.000Z,overdue-rectification,${noticeId},vendor,${vendorB},,,,,${vendorB},rectification,${standing},,,,,,"rectification notice overdue since 2026-12-05T10:00:00.000Z, escalated to the logistics-manager",,,,`,
      `2026-12-04T02:00:00.000Z,violation,${voided},vendor,${vendorB},,,,,${vendorB},manual,manual:${voided},minor,2,0.05,5,2026-12,Cleaning cart left in the fire escape,${auditor.userId},2026-12-05T01:00:00.000Z,${auditor.userId},recorded against the wrong building`,
      `2026-12-02T02:00:00.000Z,violation,${standing},vendor,${vendorB},,,福州洁达保洁有限公司,,${vendorB},manual,manual:${standing},major,3,1234.56,123456,2026-12,"Lift out of service, ""urgent"", not answered",${auditor.userId},,,`,
      '',
    ]);
  });

  it('filters by kind and time, from included and to excluded', async () => {
    const december4 = await read(auditor, `/accountability?vendorId=${vendorB}&from=2026-12-04T02:00:00Z&to=2026-12-05T10:00:30Z`);
    expect(december4.body.map((entry) => entry['offenceId'])).toEqual([voided]);
    const overdue = await read(auditor, `/accountability?kind=overdue-rectification&vendorId=${vendorB}`);
    expect(overdue.body.map((entry) => entry['offenceId'])).toEqual([noticeId]);
  });

  it("shows a vendor account its own vendor's entries only; another vendor's answers 404", async () => {
    const own = await read(vendorBAccount, '/accountability');
    expect(own.status).toBe(200);
    expect(new Set(own.body.map((entry) => (entry['answerable'] as Record<string, unknown>)['vendorId']))).toEqual(new Set([vendorB]));
    expect(own.body).toHaveLength(3);
    expect((await read(vendorBAccount, `/accountability/vendors/${vendorB}`)).status).toBe(200);
    expect((await read(vendorBAccount, `/accountability/vendors/${vendorA}`)).status).toBe(404);
    expect((await read(vendorBAccount, `/accountability?vendorId=${vendorA}`)).status).toBe(404);
    expect((await csv(vendorBAccount, `/accountability/vendors/${vendorA}/export`)).status).toBe(404);
    expect((await read(vendorBAccount, `/accountability/people/${managerZhou}`)).status).toBe(403);
  });

  it("lets a person read their own record and nobody else's", async () => {
    expect((await read(zhou, `/accountability/people/${managerZhou}`)).body['summary']).toMatchObject({ entries: 2 });
    expect((await csv(zhou, `/accountability/people/${managerZhou}/export`)).status).toBe(200);
    expect((await read(colleague, `/accountability/people/${managerZhou}`)).status).toBe(404);
    expect((await csv(colleague, `/accountability/people/${managerZhou}/export`)).status).toBe(404);
    expect((await read(colleague, '/accountability')).status).toBe(403);
  });

  it("keeps another agency's entries out of the agency's record", async () => {
    const listed = await read(auditor, `/accountability?vendorId=${vendorB}`);
    expect(listed.body.every((entry) => entry['penaltyPoints'] !== 9)).toBe(true);
    expect(listed.body).toHaveLength(3);
  });

  it.each([
    ['kind', '?kind=sanction'],
    ['vendorId', '?vendorId=not-a-vendor'],
    ['from', '?from=last-week'],
    ['to', '?from=2026-12-05T00:00:00Z&to=2026-12-01T00:00:00Z'],
    ['includeVoided', '?includeVoided=yes'],
  ])('refuses a malformed %s with a 400 naming it', async (field, query) => {
    const answer = await read(auditor, `/accountability${query}`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(`"${field}"`);
  });
});
