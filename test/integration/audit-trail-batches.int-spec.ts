import { randomUUID } from 'node:crypto';
import { RepairRequestReported } from '@houqin/contracts';
import { testCaller, waitFor } from '@houqin/testing';
import { RunningEvaluation, startEvaluation } from './evaluation-fixture';

/**
 * The audit trail (审计留痕) under batched consumption: one delivery carrying the events of two
 * agencies interleaved is applied in one transaction, each agency's chain extended in one step —
 * every event recorded once, in the order delivered, the sequences contiguous, the head at the last
 * entry, and the chain verifying intact.
 */
describe('the audit trail extended a batch at a time', () => {
  let running: RunningEvaluation;
  const agencies = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    running = await startEvaluation({ name: 'audit_batches', pathPrefix: '/evaluation', env: { EVENT_BATCH_SIZE: '200' } });
  });

  afterAll(async () => {
    await running?.shutdown();
  });

  const reported = (agencyId: string, index: number) => {
    const repairRequestId = randomUUID();
    return RepairRequestReported.create({
      subject: repairRequestId,
      origin: { agencyId, correlationId: `batch-${index}` },
      data: {
        repairRequestId,
        reportedBy: 'staff-1',
        location: { building: 'Main Building', floor: '3', room: `3${index}` },
        description: 'The radiator in the archive room is cold.',
        priority: 'normal',
        reportedAt: new Date(Date.UTC(2026, 11, 1, 8, 0, index)).toISOString(),
      },
    });
  };

  it('records every event of a batch once, in order, in one transaction per batch, and each agency’s chain verifies', async () => {
    const events = Array.from({ length: 120 }, (_, index) => reported(agencies[index % 2]!, index));
    await running.broker.publishAll(events.map((event) => ({ topic: RepairRequestReported.topic, key: event.subject, value: Buffer.from(JSON.stringify(event)) })));

    for (const agencyId of agencies) {
      const mine = events.filter((event) => event.agencyid === agencyId);
      const rows = await waitFor(async () => {
        const found = await running.database.query<{ sequence: number; event_id: string; recorded_at: Date }>(
          `SELECT sequence, event_id, recorded_at FROM audit_entry WHERE agency_id = $1 ORDER BY sequence`,
          [agencyId],
        );
        return found.length >= mine.length && found;
      }, { description: `the trail of agency ${agencyId}` });
      expect(rows.map((row) => row.event_id)).toEqual(mine.map((event) => event.id));
      expect(rows.map((row) => row.sequence)).toEqual(mine.map((_, index) => index + 1));
      // Written in one transaction: PostgreSQL's now() is the transaction's start.
      expect(new Set(rows.map((row) => row.recorded_at.getTime())).size).toBe(1);
      const [head] = await running.database.query<{ last_sequence: number; last_hash: string }>(`SELECT last_sequence, last_hash FROM audit_chain_head WHERE agency_id = $1`, [agencyId]);
      const [last] = await running.database.query<{ hash: string }>(`SELECT hash FROM audit_entry WHERE agency_id = $1 AND sequence = $2`, [agencyId, mine.length]);
      expect(head).toEqual({ last_sequence: mine.length, last_hash: last!.hash });
      const auditor = testCaller({ agencyId, userId: randomUUID(), roles: ['auditor'] });
      const verdict = await running.through(auditor, 'GET', '/audit-trail/verification');
      expect(verdict.status).toBe(200);
      expect(verdict.body).toMatchObject({ intact: true, entries: mine.length });
    }
  });
});
