import { randomUUID } from 'node:crypto';
import { FixedClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { TestDatabase, testCaller } from '@houqin/testing';
import { QualificationSweep } from '../../libs/services/evaluation/src/qualifications/qualification-sweep';
import { EvaluationWithReplica, RunningEvaluation, startEvaluation } from './evaluation-fixture';

/**
 * Qualifications (资质证书) and training records against the real evaluation service and
 * PostgreSQL, behind a real gateway: operators record the internal team's and vendors' staff's
 * certificates, a vendor account only its own staff's and sees no one else's; a renewal keeps the
 * history and prevents the expiry it moves; the warning ahead of an expiry and the expiry itself go
 * out exactly once per qualification and expiry date with two replicas sweeping at once, by a fixed
 * clock the tests move (dates in China Standard Time).
 */
const DAY = 24 * 3_600_000;
// 10:00 in Beijing on 1 December 2026.
const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));
let running: EvaluationWithReplica;
let database: TestDatabase;
let evaluation: RunningService;
/** A second replica on the same database (its own bus: it consumes nothing here). */
let replica: RunningService;

beforeAll(async () => {
  // Sweeps run when the tests say so, not on a timer.
  const env = { QUALIFICATION_SWEEP_INTERVAL_MS: '86400000', QUALIFICATION_WARNING_DAYS: '30' };
  running = await startEvaluation({ name: 'qualifications', env, clock, replica: true, pathPrefix: '/evaluation' });
  ({ database, evaluation, replica } = running);
});

afterAll(() => running?.shutdown());

function agency() {
  const agencyId = `agency-${randomUUID()}`;
  const vendorA = randomUUID();
  const vendorB = randomUUID();
  return {
    agencyId,
    vendorA,
    vendorB,
    manager: testCaller({ agencyId, userId: 'manager-li', roles: ['logistics-manager'] }),
    auditor: testCaller({ agencyId, userId: 'auditor-qian', roles: ['auditor'] }),
    vendorAccountA: testCaller({ agencyId, userId: 'vendor-a-wu', roles: ['vendor'], vendorId: vendorA }),
    vendorAccountB: testCaller({ agencyId, userId: 'vendor-b-he', roles: ['vendor'], vendorId: vendorB }),
  };
}

const through: RunningEvaluation['through'] = (...request) => running.through(...request);

const scan = { fileName: 'certificate.pdf', contentType: 'application/pdf', sizeBytes: 120_000, url: 'oss://agency-documents/certificates/certificate.pdf' };

const certificate = (holder: Record<string, unknown>, expiresOn: string, extra: Record<string, unknown> = {}) => ({
  holder,
  type: 'electrician-certificate',
  mandatory: true,
  certificateNumber: `EL-${randomUUID().slice(0, 8)}`,
  issuedOn: '2020-01-01',
  expiresOn,
  attachments: [scan],
  ...extra,
});

async function recorded(caller: Caller, body: unknown): Promise<string> {
  const answer = await through(caller, 'POST', '/qualifications', body);
  expect(answer.status).toBe(201);
  return String(answer.body['id']);
}

const outboxOf = (ids: string[]) => running.outboxOf(ids);

describe('qualifications and training records', () => {
  it("lets a vendor account record and read only its own staff's, and the operators everyone's", async () => {
    const people = agency();
    const internal = await recorded(people.manager, certificate({ kind: 'internal-staff', userId: 'user-li-shifu', name: '李师傅' }, '2028-03-01'));
    const ofA = await recorded(people.vendorAccountA, certificate({ kind: 'vendor-staff', vendorId: people.vendorA, name: '张建国', staffNumber: 'A-0042' }, '2028-03-01'));
    const ofB = await recorded(people.manager, certificate({ kind: 'vendor-staff', vendorId: people.vendorB, name: '王强', staffNumber: 'B-0007' }, '2028-03-01'));

    const refused = await through(people.vendorAccountA, 'POST', '/qualifications', certificate({ kind: 'vendor-staff', vendorId: people.vendorB, name: '冒名', staffNumber: 'B-9999' }, '2028-03-01'));
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ field: 'holder.vendorId' })]);
    const internalByVendor = await through(people.vendorAccountA, 'POST', '/qualifications', certificate({ kind: 'internal-staff', userId: 'user-x', name: '内部' }, '2028-03-01'));
    expect(internalByVendor.status).toBe(422);
    // The scans are described as every service describes a file: an address in the file store, not a bare key.
    expect((await through(people.manager, 'GET', `/qualifications/${internal}`)).body['attachments']).toEqual([scan]);
    const bareKey = { ...scan, url: 'documents/certificate.pdf', sha256: 'not-a-digest' };
    const badScan = await through(people.manager, 'POST', '/qualifications', certificate({ kind: 'internal-staff', userId: 'user-x', name: '内部' }, '2028-03-01', { attachments: [bareKey] }));
    expect(badScan.status).toBe(400);
    expect((badScan.body['errors'] as Array<{ field: string }>).map((error) => error.field).sort()).toEqual(['attachments[0].sha256', 'attachments[0].url']);

    const seenByA = await through(people.vendorAccountA, 'GET', '/qualifications');
    expect(seenByA.status).toBe(200);
    expect(seenByA.body.map((row) => row['id'])).toEqual([ofA]);
    // Asking for another party changes nothing: the vendor account's own staff only.
    expect((await through(people.vendorAccountA, 'GET', `/qualifications?party=${people.vendorB}`)).body).toEqual([]);
    expect((await through(people.vendorAccountA, 'GET', `/qualifications/${ofB}`)).status).toBe(404);
    expect((await through(people.vendorAccountA, 'GET', `/qualifications/${internal}`)).status).toBe(404);
    expect((await through(people.vendorAccountA, 'POST', `/qualifications/${ofB}/renewals`, { expiresOn: '2030-01-01' })).status).toBe(404);
    expect((await through(people.vendorAccountB, 'GET', `/qualifications/${ofB}`)).body).toMatchObject({ id: ofB, party: people.vendorB, holder: { staffNumber: 'B-0007' } });

    const all = await through(people.manager, 'GET', '/qualifications');
    expect(all.body.map((row) => row['id']).sort()).toEqual([internal, ofA, ofB].sort());
    expect((await through(people.auditor, 'GET', '/qualifications?party=internal-team')).body.map((row) => row['id'])).toEqual([internal]);
    expect((await through(people.manager, 'GET', '/qualifications?holder=A-0042')).body.map((row) => row['id'])).toEqual([ofA]);
    // The auditor reads, and records nothing here.
    expect((await through(people.auditor, 'POST', '/qualifications', certificate({ kind: 'internal-staff', userId: 'u', name: '某' }, '2028-03-01'))).status).toBe(403);

    // Training records, the same way.
    const training = { course: '低压电工安全复训', hours: 7.5, completedOn: '2026-11-20', certificate: { number: 'PX-2026-1120' } };
    expect((await through(people.vendorAccountA, 'POST', '/training-records', { ...training, holder: { kind: 'vendor-staff', vendorId: people.vendorA, name: '张建国', staffNumber: 'A-0042' } })).status).toBe(201);
    expect((await through(people.manager, 'POST', '/training-records', { ...training, holder: { kind: 'internal-staff', userId: 'user-li-shifu', name: '李师傅' } })).status).toBe(201);
    expect((await through(people.vendorAccountA, 'POST', '/training-records', { ...training, holder: { kind: 'vendor-staff', vendorId: people.vendorB, name: '王强', staffNumber: 'B-0007' } })).status).toBe(422);
    const trainingOfA = await through(people.vendorAccountA, 'GET', '/training-records');
    expect(trainingOfA.body.map((row) => [row['party'], row['hours'], row['course']])).toEqual([[people.vendorA, 7.5, '低压电工安全复训']]);
    expect((await through(people.manager, 'GET', '/training-records')).body).toHaveLength(2);
    expect((await through(people.manager, 'POST', '/training-records', { ...training, hours: 1.25, holder: { kind: 'internal-staff', userId: 'u', name: '某' } })).body['errors']).toEqual([
      expect.objectContaining({ field: 'hours' }),
    ]);
  });

  it('renews with a later expiry and keeps the earlier one in the history', async () => {
    const people = agency();
    const id = await recorded(people.manager, certificate({ kind: 'internal-staff', userId: 'user-zhao', name: '赵电工' }, '2027-06-30'));
    const renewed = await through(people.manager, 'POST', `/qualifications/${id}/renewals`, { expiresOn: '2033-06-30', certificateNumber: 'EL-2027-NEW' });
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({ expiresOn: '2033-06-30', certificateNumber: 'EL-2027-NEW', issuedOn: '2020-01-01', status: 'valid' });
    expect((renewed.body['history'] as Array<Record<string, unknown>>).map((term) => term['expiresOn'])).toEqual(['2027-06-30', '2033-06-30']);
    const notLater = await through(people.manager, 'POST', `/qualifications/${id}/renewals`, { expiresOn: '2033-06-30' });
    expect(notLater.status).toBe(422);
    expect(notLater.body['errors']).toEqual([expect.objectContaining({ field: 'expiresOn' })]);
    await expect(database.query(`UPDATE qualification_term SET expires_on = '2040-01-01' WHERE qualification_id = $1`, [id])).rejects.toThrow(/history/);
    const events = await outboxOf([id]);
    expect(events.map((event) => [event.type, event.data['previousExpiresOn'], event.data['expiresOn']])).toEqual([['houqin.evaluation.qualification.renewed.v1', '2027-06-30', '2033-06-30']]);
  });

  it('knows the internal team as a party with a scorecard, like any vendor', async () => {
    const people = agency();
    const draft = await through(people.manager, 'GET', '/scorecards/drafts/internal-team?serviceType=maintenance&period=2026-11');
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ party: 'internal-team', serviceType: 'maintenance', period: '2026-11' });
  });

  // Moves the shared clock: keep last.
  it('warns ahead of an expiry and announces it on the day, each exactly once across two replicas; a renewal before the day prevents the expiry', async () => {
    const people = agency();
    await database.query(`INSERT INTO evaluation_vendor (agency_id, vendor_id, name, named_at) VALUES ($1, $2, $3, now())`, [people.agencyId, people.vendorA, '北京洁达物业服务有限公司']);
    // Expiring on 15 January 2027 (CST): warned from 00:00 CST 16 December 2026, expired from 00:00 CST 15 January.
    const expiring = [];
    for (let index = 0; index < 12; index += 1) {
      expiring.push(await recorded(people.vendorAccountA, certificate({ kind: 'vendor-staff', vendorId: people.vendorA, name: `员工${index}`, staffNumber: `A-${index}` }, '2027-01-15')));
    }
    const internal = await recorded(people.manager, certificate({ kind: 'internal-staff', userId: 'user-li-shifu', name: '李师傅' }, '2027-01-15', { type: 'lift-operator-certificate', mandatory: false }));
    const renewedInTime = expiring.pop()!;
    const mine = [...expiring, internal, renewedInTime];
    const sweeps = [evaluation, replica].map((service) => service.app.get(QualificationSweep));
    const sweepTogether = async () => {
      const results = await Promise.all([...sweeps, ...sweeps].map((sweep) => sweep.sweep()));
      const warned = results.flatMap((result) => result.warned);
      const expired = results.flatMap((result) => result.expired);
      // No qualification taken by two sweeps.
      expect(new Set(warned).size).toBe(warned.length);
      expect(new Set(expired).size).toBe(expired.length);
      return { warned: warned.filter((id) => mine.includes(id)).sort(), expired: expired.filter((id) => mine.includes(id)).sort() };
    };
    const counts = async (type: string) => {
      const rows = (await outboxOf(mine)).filter((event) => event.type === type);
      return Object.fromEntries(mine.map((id) => [id, rows.filter((row) => row.subject === id).length]));
    };

    clock.set(new Date('2026-12-15T15:59:59.999Z'));
    expect(await sweepTogether()).toEqual({ warned: [], expired: [] });
    clock.set(new Date('2026-12-15T16:00:00.000Z'));
    expect(await sweepTogether()).toEqual({ warned: [...mine].sort(), expired: [] });
    expect(await sweepTogether()).toEqual({ warned: [], expired: [] });
    const dashboard = async () => ((await through(people.manager, 'GET', '/dashboard')).body['supervision'] as Record<string, unknown>)['qualifications'];
    // The twelve vendor staff's certificates are mandatory; the internal lift operator's is not.
    expect(await dashboard()).toEqual({ mandatoryExpiringWithin30Days: 12, mandatoryExpired: 0 });
    const warnings = await counts('houqin.evaluation.qualification.expiring.v1');
    expect(Object.values(warnings)).toEqual(mine.map(() => 1));
    const warning = (await outboxOf([expiring[0]!])).find((event) => event.type === 'houqin.evaluation.qualification.expiring.v1')!;
    expect(warning.data).toMatchObject({
      party: people.vendorA,
      expiresOn: '2027-01-15',
      warnedAt: '2026-12-15T16:00:00.000Z',
      answerable: [
        { kind: 'vendor', vendorId: people.vendorA, name: '北京洁达物业服务有限公司' },
        { kind: 'person', name: '员工0' },
      ],
    });
    expect((await through(people.manager, 'GET', '/qualifications?expiringWithinDays=30')).body.map((row) => row['status'])).toEqual(mine.map(() => 'expiring'));
    expect((await through(people.manager, 'GET', '/qualifications?expiringWithinDays=29')).body).toEqual([]);

    // Renewed the day before: no expiry for the old date, and a warning only ahead of the new one.
    clock.set(new Date('2027-01-14T03:00:00Z'));
    expect((await through(people.vendorAccountA, 'POST', `/qualifications/${renewedInTime}/renewals`, { expiresOn: '2030-01-15' })).status).toBe(201);

    clock.set(new Date('2027-01-14T15:59:59.999Z'));
    expect(await sweepTogether()).toEqual({ warned: [], expired: [] });
    clock.set(new Date('2027-01-14T16:00:00.000Z'));
    const lapsed = [...expiring, internal].sort();
    expect(await sweepTogether()).toEqual({ warned: [], expired: lapsed });
    expect(await dashboard()).toEqual({ mandatoryExpiringWithin30Days: 0, mandatoryExpired: 11 });
    expect(await sweepTogether()).toEqual({ warned: [], expired: [] });
    clock.advance(3 * DAY);
    expect(await sweepTogether()).toEqual({ warned: [], expired: [] });
    const expiries = await counts('houqin.evaluation.qualification.expired.v1');
    expect(expiries).toEqual(Object.fromEntries(mine.map((id) => [id, id === renewedInTime ? 0 : 1])));
    const expiry = (await outboxOf([internal])).find((event) => event.type === 'houqin.evaluation.qualification.expired.v1')!;
    expect(expiry.data).toMatchObject({
      holderKind: 'internal-staff',
      holderUserId: 'user-li-shifu',
      party: 'internal-team',
      qualificationType: 'lift-operator-certificate',
      mandatory: false,
      expiresOn: '2027-01-15',
      expiredAt: '2027-01-14T16:00:00.000Z',
      answerable: [{ kind: 'internal-team' }, { kind: 'person', userId: 'user-li-shifu', name: '李师傅' }],
    });
    const expiredNow = await through(people.manager, 'GET', '/qualifications?expired=true');
    expect(expiredNow.body.map((row) => row['id']).sort()).toEqual(lapsed);
    expect((await through(people.vendorAccountA, 'GET', `/qualifications/${renewedInTime}`)).body).toMatchObject({ status: 'valid', expiresOn: '2030-01-15', warnedFor: '2027-01-15' });
  });
});
