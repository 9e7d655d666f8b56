import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ViolationRecorded } from '@houqin/contracts';
import { evaluationService } from '@houqin/evaluation';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, SERVICE_LOGGER, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';
import { AuditChainHeadSweep } from '../../libs/services/evaluation/src/audit-trail/audit-chain-head-sweep';
import { AuditTrailQueriesAndPublishedHeads1766950000000 } from '../../libs/services/evaluation/src/audit-trail/migrations/1766950000000-audit-trail-queries-and-published-heads';

/**
 * The audit trail (审计留痕) against its real table: five repair requests are recorded by evaluation,
 * then the first, a middle and the last entry are tampered with in the database — content, previous
 * hash, deletion — one at a time, and the verification endpoint must name the entry each time.
 * Each tampering is undone before the next, and the chain verifies intact again. The chain's head
 * is published (event and log) once per moved head by two replicas sweeping at once, and a tail cut
 * with the head row rolled back to match is found below the published head. Then the trail is
 * searched by actor, entity, event type and time.
 */
let evaluationDatabase: TestDatabase;
let maintenanceDatabase: TestDatabase;
let evaluation: RunningService;
/** A second replica of evaluation on the same database, on its own bus: it only sweeps. */
let replica: RunningService;
let maintenance: RunningService;
const agencyId = randomUUID();
const staff = testCaller({ agencyId, userId: randomUUID(), roles: ['staff'] });
const auditor = testCaller({ agencyId, userId: randomUUID(), roles: ['auditor'] });

interface EntryRow {
  agency_id: string;
  sequence: number;
  event_id: string;
  event_type: string;
  subject: string;
  correlation_id: string;
  actor: string | null;
  occurred_at: Date;
  recorded_at: Date;
  payload: unknown;
  previous_hash: string;
  hash: string;
}

const verification = async () => {
  const answer = await callService(evaluation.url, auditor, 'GET', '/audit-trail/verification');
  expect(answer.status).toBe(200);
  return answer.body as Record<string, unknown>;
};

async function entry(sequence: number): Promise<EntryRow> {
  const [row] = await evaluationDatabase.query<EntryRow>(`SELECT * FROM audit_entry WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence]);
  return row!;
}

/** Puts an entry back exactly as it was recorded. */
async function restore(row: EntryRow): Promise<void> {
  await evaluationDatabase.query(`DELETE FROM audit_entry WHERE agency_id = $1 AND sequence = $2`, [row.agency_id, row.sequence]);
  await evaluationDatabase.query(
    `INSERT INTO audit_entry (agency_id, sequence, event_id, event_type, subject, correlation_id, actor, occurred_at, recorded_at, payload, previous_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [row.agency_id, row.sequence, row.event_id, row.event_type, row.subject, row.correlation_id, row.actor, row.occurred_at, row.recorded_at, JSON.stringify(row.payload), row.previous_hash, row.hash],
  );
}

const broker = new InProcessBroker();

beforeAll(async () => {
  evaluationDatabase = await createTestDatabase('audit_tampering_evaluation');
  maintenanceDatabase = await createTestDatabase('audit_tampering_maintenance');
  // Evaluation first, so its consumer is subscribed before anything is published.
  // Heads are published when the tests sweep, not on a timer.
  const evaluationEnv = inProcessServiceEnv(evaluationDatabase.url, { LOG_LEVEL: 'fatal', AUDIT_CHAIN_HEAD_PUBLISH_INTERVAL_MS: '3600000' });
  evaluation = await startService(evaluationService, { env: evaluationEnv, broker });
  replica = await startService(evaluationService, { env: evaluationEnv, broker: new InProcessBroker() });
  maintenance = await startService(maintenanceService, { env: inProcessServiceEnv(maintenanceDatabase.url, { LOG_LEVEL: 'fatal' }), broker });
  for (const room of ['101', '102', '103', '104', '105']) {
    const reported = await callService(maintenance.url, staff, 'POST', '/repair-requests', { location: { building: 'Main Building', room }, description: `No heating in room ${room}` });
    expect(reported.status).toBe(201);
  }
  await waitFor(async () => (await verification())['entries'] === 5, { description: 'evaluation recorded the five repair requests' });
});

afterAll(async () => {
  await maintenance?.shutdown();
  await replica?.shutdown();
  await evaluation?.shutdown();
  await maintenanceDatabase?.drop();
  await evaluationDatabase?.drop();
});

describe('verifying the audit trail after tampering with its table', () => {
  it('verifies the untouched chain of five', async () => {
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });

  // 1: the first entry, 3: a middle one, 5: the last
  it.each([
    ['content of the first', 1, 'content', 'hash-mismatch', 'content was altered'],
    ['content of a middle', 3, 'content', 'hash-mismatch', 'content was altered'],
    ['content of the last', 5, 'content', 'hash-mismatch', 'content was altered'],
    ['previous hash of the first', 1, 'previous-hash', 'broken-link', 'previous hash does not match'],
    ['previous hash of a middle', 3, 'previous-hash', 'broken-link', 'previous hash does not match'],
    ['previous hash of the last', 5, 'previous-hash', 'broken-link', 'previous hash does not match'],
    ['deletion of the first', 1, 'deletion', 'gap', 'entry 1 is missing'],
    ['deletion of a middle', 3, 'deletion', 'gap', 'entry 3 is missing'],
    ['deletion of the last', 5, 'deletion', 'truncated', 'entry 5 is missing'],
  ] as const)('finds the %s entry, and the chain verifies again once it is undone', async (_name, sequence, tampering, problem, reason) => {
    const original = await entry(sequence);
    if (tampering === 'content') {
      await evaluationDatabase.query(`UPDATE audit_entry SET payload = jsonb_set(payload, '{description}', '"Nothing to repair"') WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence]);
    }
    if (tampering === 'previous-hash') {
      await evaluationDatabase.query(`UPDATE audit_entry SET previous_hash = $3 WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence, 'f'.repeat(64)]);
    }
    if (tampering === 'deletion') await evaluationDatabase.query(`DELETE FROM audit_entry WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence]);
    try {
      expect(await verification()).toEqual({
        intact: false,
        entries: tampering === 'deletion' ? 4 : 5,
        brokenAtSequence: sequence,
        problem,
        reason,
        ...(tampering === 'deletion' ? { missing: { from: sequence, to: sequence } } : {}),
      });
    } finally {
      await restore(original);
    }
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });
});

describe('the actor stored beside the hash', () => {
  it('finds an actor rewritten in the table at its entry, since it is read from the hashed event', async () => {
    const original = await entry(2);
    expect(original.actor).toBe(staff.userId);
    await evaluationDatabase.query(`UPDATE audit_entry SET actor = 'someone-else' WHERE agency_id = $1 AND sequence = 2`, [agencyId]);
    try {
      expect(await verification()).toEqual({ intact: false, entries: 5, brokenAtSequence: 2, problem: 'actor-mismatch', reason: 'the actor is not the one the event names' });
    } finally {
      await restore(original);
    }
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });
});

describe("publishing the chain's head, and finding a tail cut below it", () => {
  const headPublications = async (): Promise<Array<{ sequence: number; hash: string }>> =>
    (await evaluationDatabase.query<{ envelope: { data: { sequence: number; hash: string } } }>(
      `SELECT envelope FROM outbox_event WHERE event_type = 'houqin.evaluation.audit-chain.head-published.v1' AND message_key = $1 ORDER BY position`,
      [agencyId],
    )).map((row) => ({ sequence: row.envelope.data.sequence, hash: row.envelope.data.hash }));

  /** Deletes the last entries and rolls the head row back to the entry left last: the cover-up the stored head alone cannot see. */
  async function cutTail(keep: number): Promise<EntryRow[]> {
    const removed = await evaluationDatabase.query<EntryRow>(`SELECT * FROM audit_entry WHERE agency_id = $1 AND sequence > $2 ORDER BY sequence`, [agencyId, keep]);
    const last = await entry(keep);
    await evaluationDatabase.query(`DELETE FROM audit_entry WHERE agency_id = $1 AND sequence > $2`, [agencyId, keep]);
    await evaluationDatabase.query(`UPDATE audit_chain_head SET last_sequence = $2, last_hash = $3 WHERE agency_id = $1`, [agencyId, keep, last.hash]);
    return removed;
  }

  async function undoCut(removed: EntryRow[]): Promise<void> {
    for (const row of removed) await restore(row);
    const last = removed[removed.length - 1]!;
    await evaluationDatabase.query(`UPDATE audit_chain_head SET last_sequence = $2, last_hash = $3 WHERE agency_id = $1`, [agencyId, last.sequence, last.hash]);
  }

  it('cannot see a tail cut with the head rolled back while no head was published', async () => {
    const removed = await cutTail(3);
    try {
      expect(await verification()).toEqual({ intact: true, entries: 3 });
    } finally {
      await undoCut(removed);
    }
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });

  it('publishes the moved head once, as an event and a log line, with two replicas sweeping at once', async () => {
    const logged: unknown[] = [];
    const loggers = [evaluation, replica].map((service) => service.app.get<Logger>(SERVICE_LOGGER));
    const spies = loggers.map((logger) => jest.spyOn(logger, 'info').mockImplementation((...args: unknown[]) => void logged.push(args)));
    try {
      const sweeps = [evaluation, replica].map((service) => service.app.get(AuditChainHeadSweep));
      const results = await Promise.all(sweeps.map((sweep) => sweep.sweep()));
      const fifth = await entry(5);
      expect(results.flat().filter((head) => head.agencyId === agencyId)).toEqual([{ agencyId, sequence: 5, hash: fifth.hash }]);
      expect(await headPublications()).toEqual([{ sequence: 5, hash: fifth.hash }]);
      expect(logged.filter((args) => JSON.stringify(args).includes(agencyId) && JSON.stringify(args).includes('audit chain head published'))).toHaveLength(1);
      // Nothing moved: nothing published again.
      await Promise.all(sweeps.map((sweep) => sweep.sweep()));
      expect(await headPublications()).toHaveLength(1);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    // The publication is about the trail, not in it.
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });

  it('finds the tail cut below the published head, naming the missing range, and verifies again once it is put back', async () => {
    const removed = await cutTail(3);
    try {
      expect(await verification()).toEqual({
        intact: false,
        entries: 3,
        brokenAtSequence: 4,
        problem: 'truncated',
        reason: 'entries 4 to 5 are missing (the chain ends below the head published at 5)',
        missing: { from: 4, to: 5 },
      });
    } finally {
      await undoCut(removed);
    }
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });
});

describe('searching the trail by actor, entity, event type and time', () => {
  const colleague = testCaller({ agencyId, userId: randomUUID(), roles: ['staff'] });
  let sixthAt: Date;
  let sixthRequest: string;
  let violationId: string;

  const search = async (query: string) => {
    const answer = await callService(evaluation.url, auditor, 'GET', `/audit-trail${query}`);
    expect(answer.status).toBe(200);
    return answer.body as unknown as Array<{ sequence: number; subject: string; actor?: string; eventType: string }>;
  };

  beforeAll(async () => {
    sixthAt = new Date();
    const reported = await callService(maintenance.url, colleague, 'POST', '/repair-requests', { location: { building: 'Main Building', room: '106' }, description: 'Window will not close' });
    expect(reported.status).toBe(201);
    sixthRequest = String((reported.body as Record<string, unknown>)['id']);
    // Evaluation's own supervision decisions enter the trail too: a violation recorded by hand.
    violationId = randomUUID();
    const vendorId = randomUUID();
    const recorded = ViolationRecorded.create({
      subject: violationId,
      origin: { agencyId, correlationId: randomUUID() },
      data: {
        violationId,
        agencyId,
        party: vendorId,
        vendorId,
        source: 'manual',
        sourceRef: `manual:${violationId}`,
        severity: 'minor',
        penaltyPoints: 1,
        penaltyAmount: 10_000,
        settlementPeriod: '2026-12',
        description: 'Cleaning cart left in the fire escape',
        occurredAt: new Date().toISOString(),
        recordedBy: auditor.userId,
        recordedAt: new Date().toISOString(),
        answerable: [{ kind: 'vendor', vendorId }],
      },
    });
    await broker.publish(ViolationRecorded.topic, violationId, Buffer.from(JSON.stringify(recorded)));
    await waitFor(async () => (await verification())['entries'] === 7, { description: 'the sixth request and the violation recorded' });
  });

  it('finds what each person did by actor', async () => {
    expect((await search(`?actor=${colleague.userId}`)).map((found) => found.subject)).toEqual([sixthRequest]);
    expect((await search(`?actor=${staff.userId}`)).map((found) => found.sequence)).toEqual([5, 4, 3, 2, 1]);
    expect(await search(`?actor=${auditor.userId}`)).toEqual([expect.objectContaining({ subject: violationId, actor: auditor.userId, eventType: ViolationRecorded.type })]);
  });

  it('finds the entries of one entity, and of one event type', async () => {
    expect((await search(`?subject=${sixthRequest}`)).map((found) => found.actor)).toEqual([colleague.userId]);
    expect((await search(`?eventType=${ViolationRecorded.type}`)).map((found) => found.subject)).toEqual([violationId]);
  });

  it('finds the entries of a time range, from included, to excluded', async () => {
    const after = await search(`?from=${encodeURIComponent(sixthAt.toISOString())}`);
    expect(after.map((found) => found.subject).sort()).toEqual([sixthRequest, violationId].sort());
    expect((await search(`?to=${encodeURIComponent(sixthAt.toISOString())}`)).map((found) => found.sequence)).toEqual([5, 4, 3, 2, 1]);
  });

  it('pages with a stable cursor, newest first from before and oldest first from after', async () => {
    expect((await search('?limit=3')).map((found) => found.sequence)).toEqual([7, 6, 5]);
    expect((await search('?limit=3&before=5')).map((found) => found.sequence)).toEqual([4, 3, 2]);
    expect((await search('?limit=2&after=5')).map((found) => found.sequence)).toEqual([6, 7]);
  });

  it.each([
    ['from', '?from=yesterday'],
    ['to', '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z'],
    ['eventType', '?eventType=violation'],
    ['before', '?before=-3'],
    ['after', '?before=4&after=1'],
    ['limit', '?limit=501'],
  ])('refuses a malformed %s with a 400 naming it', async (field, query) => {
    const answer = await callService(evaluation.url, auditor, 'GET', `/audit-trail${query}`);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(`"${field}"`);
  });

  it('publishes the head again once it moved, naming the one published before', async () => {
    await Promise.all([evaluation, replica].map((service) => service.app.get(AuditChainHeadSweep).sweep()));
    const published = await evaluationDatabase.query<{ envelope: { data: Record<string, unknown> } }>(
      `SELECT envelope FROM outbox_event WHERE event_type = 'houqin.evaluation.audit-chain.head-published.v1' AND message_key = $1 ORDER BY position`,
      [agencyId],
    );
    expect(published.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ agencyId, sequence: 5 }),
      expect.objectContaining({ agencyId, sequence: 7, hash: (await entry(7)).hash, previousSequence: 5 }),
    ]);
  });

  it('backfills the actor of entries recorded before it was kept, from their stored events', async () => {
    const migration = new AuditTrailQueriesAndPublishedHeads1766950000000();
    const runner = evaluation.app.get(DataSource).createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const actors = await evaluationDatabase.query<{ sequence: number; actor: string | null }>(`SELECT sequence, actor FROM audit_entry WHERE agency_id = $1 ORDER BY sequence`, [agencyId]);
    expect(actors.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((sequence) => ({ sequence, actor: staff.userId })));
    // The sixth request and the violation arrive on different topics, in either order.
    expect(actors.slice(5).map((row) => row.actor).sort()).toEqual([colleague.userId, auditor.userId].sort());
    expect(await verification()).toEqual({ intact: true, entries: 7 });
  });
});
