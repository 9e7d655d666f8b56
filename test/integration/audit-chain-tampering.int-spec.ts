import { randomUUID } from 'node:crypto';
import { evaluationService } from '@houqin/evaluation';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { RunningService, startService } from '@houqin/service-kit';
import { TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

/**
 * The audit trail (审计留痕) against its real table: five repair requests are recorded by evaluation,
 * then the first, a middle and the last entry are tampered with in the database — content, previous
 * hash, deletion — one at a time, and the verification endpoint must name the entry each time.
 * Each tampering is undone before the next, and the chain verifies intact again.
 */
let evaluationDatabase: TestDatabase;
let maintenanceDatabase: TestDatabase;
let evaluation: RunningService;
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
    `INSERT INTO audit_entry (agency_id, sequence, event_id, event_type, subject, correlation_id, occurred_at, recorded_at, payload, previous_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [row.agency_id, row.sequence, row.event_id, row.event_type, row.subject, row.correlation_id, row.occurred_at, row.recorded_at, JSON.stringify(row.payload), row.previous_hash, row.hash],
  );
}

beforeAll(async () => {
  const broker = new InProcessBroker();
  evaluationDatabase = await createTestDatabase('audit_tampering_evaluation');
  maintenanceDatabase = await createTestDatabase('audit_tampering_maintenance');
  // Evaluation first, so its consumer is subscribed before anything is published.
  evaluation = await startService(evaluationService, { env: inProcessServiceEnv(evaluationDatabase.url, { LOG_LEVEL: 'fatal' }), broker });
  maintenance = await startService(maintenanceService, { env: inProcessServiceEnv(maintenanceDatabase.url, { LOG_LEVEL: 'fatal' }), broker });
  for (const room of ['101', '102', '103', '104', '105']) {
    const reported = await callService(maintenance.url, staff, 'POST', '/repair-requests', { location: { building: 'Main Building', room }, description: `No heating in room ${room}` });
    expect(reported.status).toBe(201);
  }
  await waitFor(async () => (await verification())['entries'] === 5, { description: 'evaluation recorded the five repair requests' });
});

afterAll(async () => {
  await maintenance?.shutdown();
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
    ['content of the first', 1, 'content', 'content was altered'],
    ['content of a middle', 3, 'content', 'content was altered'],
    ['content of the last', 5, 'content', 'content was altered'],
    ['previous hash of the first', 1, 'previous-hash', 'previous hash does not match'],
    ['previous hash of a middle', 3, 'previous-hash', 'previous hash does not match'],
    ['previous hash of the last', 5, 'previous-hash', 'previous hash does not match'],
    ['deletion of the first', 1, 'deletion', 'entry 1 is missing'],
    ['deletion of a middle', 3, 'deletion', 'entry 3 is missing'],
    ['deletion of the last', 5, 'deletion', 'entry 5 is missing'],
  ] as const)('finds the %s entry, and the chain verifies again once it is undone', async (_name, sequence, tampering, reason) => {
    const original = await entry(sequence);
    if (tampering === 'content') {
      await evaluationDatabase.query(`UPDATE audit_entry SET payload = jsonb_set(payload, '{description}', '"Nothing to repair"') WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence]);
    }
    if (tampering === 'previous-hash') {
      await evaluationDatabase.query(`UPDATE audit_entry SET previous_hash = $3 WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence, 'f'.repeat(64)]);
    }
    if (tampering === 'deletion') await evaluationDatabase.query(`DELETE FROM audit_entry WHERE agency_id = $1 AND sequence = $2`, [agencyId, sequence]);
    try {
      expect(await verification()).toEqual({ intact: false, entries: tampering === 'deletion' ? 4 : 5, brokenAtSequence: sequence, reason });
    } finally {
      await restore(original);
    }
    expect(await verification()).toEqual({ intact: true, entries: 5 });
  });
});
