import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { startService } from '@houqin/service-kit';
import { createTestDatabase } from '@houqin/testing';
import { ChainedContent, GENESIS_HASH, chainHash } from '../../libs/services/evaluation/src/audit-trail/domain/hash-chain';
import { KPI_EVENT_TYPE_LIST } from '../../libs/services/evaluation/src/kpis/domain/kpi-facts';
import { parsePeriod } from '../../libs/services/evaluation/src/kpis/domain/period';
import { ScenarioEvent, kpiScenario, seededRandom, seededUuid } from '../../libs/services/evaluation/src/kpis/kpi-scenario';
import { KpisService } from '../../libs/services/evaluation/src/kpis/kpis.service';
import { BenchConfig, Cleanup, progress } from './context';
import { BASELINE_ROUNDS, Comparison, compare, medianBy, nowMs, perSecond } from './stats';

const YEAR = 2026;
const VENDORS = 50;
const READ_BATCH = 2_000;

/**
 * Scenario 4, KPI recomputation (绩效指标重算): a year of a 50-vendor agency's maintenance and
 * procurement events (BENCH_KPI_EVENTS, default 20,000) is written to evaluation's audit trail;
 * then POST /kpis/recomputations's use case replays it from scratch into facts and values for the
 * year. Baseline: reading the same audit entries from PostgreSQL with the same batched query and
 * nothing else. A second row folds BENCH_KPI_INCREMENTAL_EVENTS (default 2,000) events one by one
 * the way the handler does (one transaction each: facts, then the affected values).
 */
export async function kpiRecomputeScenario(config: BenchConfig, cleanup: Cleanup): Promise<Comparison[]> {
  const target = positive('BENCH_KPI_EVENTS', 20_000);
  const incrementalTarget = positive('BENCH_KPI_INCREMENTAL_EVENTS', Math.min(2_000, target));
  const database = await createTestDatabase('bench_kpis');
  cleanup.push(`drop database ${database.url}`, () => database.drop());
  const evaluation = await startService(evaluationService, {
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: config.inProcessLogLevel, INTERNAL_TOKEN_SECRET: config.internalTokenSecret, MESSAGING_TRANSPORT: 'in-process', DATABASE_URL: database.url },
    broker: new InProcessBroker(),
  });
  cleanup.push('shut down evaluation', () => evaluation.shutdown());
  const dataSource = evaluation.app.get<DataSource>(getDataSourceToken());
  const kpis = evaluation.app.get(KpisService);

  const agencyId = 'agency-bench-kpis';
  const random = seededRandom(2026);
  const vendors = Array.from({ length: VENDORS }, () => seededUuid(random));
  const events = kpiScenario({ agencyId, seed: 2026, vendors, workOrders: Math.ceil(target / 10), receipts: Math.ceil(target / 40), year: YEAR });
  progress(`kpis: writing ${events.length} events of ${VENDORS} vendors to the audit trail`);
  await writeAuditTrail(dataSource, agencyId, events);

  const reads: Array<{ elapsedMs: number; rows: number }> = [];
  for (let round = 0; round < BASELINE_ROUNDS; round += 1) reads.push(await readAuditTrail(dataSource, agencyId));
  const read = medianBy(reads, (run) => run.elapsedMs);

  const period = parsePeriod(String(YEAR));
  const started = nowMs();
  const rebuilt = await kpis.recompute(agencyId, period);
  const recomputeMs = nowMs() - started;
  const rerunStarted = nowMs();
  const rerun = await kpis.recompute(agencyId, period);
  const rerunMs = nowMs() - rerunStarted;
  if (!rerun.identical) throw new Error(`a second recomputation of ${period.key} differed from the first: ${JSON.stringify(rerun.differences.slice(0, 3))}`);

  const incrementalAgency = 'agency-bench-kpis-incremental';
  const incrementalEvents = kpiScenario({ agencyId: incrementalAgency, seed: 2027, vendors, workOrders: Math.ceil(incrementalTarget / 10), receipts: Math.ceil(incrementalTarget / 40), year: YEAR });
  const incrementalStarted = nowMs();
  for (const event of incrementalEvents) await dataSource.transaction((manager) => kpis.fold(manager, event));
  const incrementalMs = nowMs() - incrementalStarted;

  const scenario = `kpis, a year of ${VENDORS} vendors`;
  const baselineLabel = 'read audit trail (pg)';
  const baseline = perSecond(read.rows, read.elapsedMs);
  return [
    compare({
      scenario,
      measure: `recompute ${period.key} from scratch`,
      unit: 'events/s',
      higherIsBetter: true,
      baselineLabel,
      baseline,
      houqinLabel: 'replay into facts+values',
      houqin: perSecond(rebuilt.events, recomputeMs),
      detail: {
        events: rebuilt.events,
        facts: rebuilt.facts,
        values: rebuilt.values,
        recomputeMs,
        readRounds: reads,
        rerunMs,
        rerunEventsPerSecond: perSecond(rerun.events, rerunMs),
        rerunIdentical: rerun.identical,
      },
    }),
    compare({
      scenario,
      measure: 'fold one event at a time',
      unit: 'events/s',
      higherIsBetter: true,
      baselineLabel,
      baseline,
      houqinLabel: 'incremental, txn per event',
      houqin: perSecond(incrementalEvents.length, incrementalMs),
      detail: { events: incrementalEvents.length, elapsedMs: incrementalMs },
    }),
  ];
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be an integer ≥ 1 (got ${raw})`);
  return value;
}

/** The audit trail as evaluation would have recorded it: hash-chained entries in order, one insert per 1,000. */
async function writeAuditTrail(dataSource: DataSource, agencyId: string, events: readonly ScenarioEvent[]): Promise<void> {
  let previous = GENESIS_HASH;
  const rows = events.map((event, index) => {
    const content: ChainedContent = { agencyId, sequence: index + 1, eventId: event.id, eventType: event.type, subject: event.subject, occurredAt: event.time, payload: event.data };
    const hash = chainHash(previous, content);
    const row = { ...content, previousHash: previous, hash };
    previous = hash;
    return row;
  });
  for (let offset = 0; offset < rows.length; offset += 1_000) {
    const batch = rows.slice(offset, offset + 1_000);
    await dataSource.query(
      `INSERT INTO audit_entry (agency_id, sequence, event_id, event_type, subject, correlation_id, occurred_at, payload, previous_hash, hash)
       SELECT $1, s, e, t, sub, e::text, o::timestamptz, p::jsonb, ph, h FROM unnest($2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS r(s, e, t, sub, o, p, ph, h)`,
      [
        agencyId,
        batch.map((row) => row.sequence),
        batch.map((row) => row.eventId),
        batch.map((row) => row.eventType),
        batch.map((row) => row.subject),
        batch.map((row) => row.occurredAt),
        batch.map((row) => JSON.stringify(row.payload)),
        batch.map((row) => row.previousHash),
        batch.map((row) => row.hash),
      ],
    );
  }
  await dataSource.query(`INSERT INTO audit_chain_head (agency_id, last_sequence, last_hash) VALUES ($1, $2, $3)`, [agencyId, rows.length, previous]);
}

/** The baseline: the recomputation's own query over the audit trail, rows fetched and dropped. */
async function readAuditTrail(dataSource: DataSource, agencyId: string): Promise<{ elapsedMs: number; rows: number }> {
  const started = nowMs();
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = (await dataSource.query(
      `SELECT sequence, event_id, event_type, occurred_at, payload FROM audit_entry
        WHERE agency_id = $1 AND sequence > $2 AND event_type = ANY($3::text[]) ORDER BY sequence LIMIT $4`,
      [agencyId, after, KPI_EVENT_TYPE_LIST, READ_BATCH],
    )) as Array<{ sequence: number }>;
    if (rows.length === 0) break;
    count += rows.length;
    after = rows[rows.length - 1]!.sequence;
  }
  return { elapsedMs: nowMs() - started, rows: count };
}
