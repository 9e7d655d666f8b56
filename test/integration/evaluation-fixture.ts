import { randomUUID } from 'node:crypto';
import { ContractSigned, EventData, EventEnvelope } from '@houqin/contracts';
import { Clock } from '@houqin/domain';
import { evaluationService } from '@houqin/evaluation';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { RunningService, startService } from '@houqin/service-kit';
import { ServiceAnswer, TestDatabase, createTestDatabase, inProcessServiceEnv, waitFor } from '@houqin/testing';
import { startGateway, viaGateway } from './gateway-fixture';

export interface EvaluationOptions {
  /** Names the throwaway database (`<name>_evaluation`), dropped at shutdown. */
  name: string;
  /** Evaluation's variables besides the in-process ones (sweep intervals, warning days…). */
  env?: Record<string, string>;
  /** The clock evaluation reads (the tests move it); the system clock when absent. */
  clock?: Clock;
  /** The bus evaluation consumes and publishes on; a fresh one when absent. */
  broker?: InProcessBroker;
  /**
   * A second replica on the same database: `true` gives it a bus of its own (it consumes nothing the
   * test publishes on `broker`), a broker gives it that one (what is published there it handles).
   */
  replica?: true | InProcessBroker;
  /** The gateway's variables besides EVALUATION_URL (other services a test starts itself). */
  gateway?: Record<string, string>;
  /** What `through` puts before every path, e.g. '/evaluation' for tests that name the service's own paths. */
  pathPrefix?: string;
}

/** One event in evaluation's outbox. */
export interface OutboxEvent {
  subject: string;
  type: string;
  data: Record<string, unknown>;
  envelope: EventEnvelope<Record<string, unknown>>;
}

export interface RunningEvaluation {
  evaluation: RunningService;
  replica?: RunningService;
  gateway: RunningService;
  database: TestDatabase;
  broker: InProcessBroker;
  /** A request to /api/v1… through the gateway as `caller`; an empty body reads as `{}`. */
  through(caller: Caller, method: string, path: string, body?: unknown): Promise<ServiceAnswer>;
  /** The events evaluation published about a subject (or any of several), in the order of the outbox. */
  outboxOf(subjects: string | string[]): Promise<OutboxEvent[]>;
  /** Waits until evaluation has consumed the events it published about `subject` (its own events come back to it through the broker). */
  consumedBack(subject: string): Promise<void>;
  shutdown(): Promise<void>;
}

export type EvaluationWithReplica = RunningEvaluation & { replica: RunningService };

/**
 * Evaluation in this process on a throwaway database and the in-process transport, with a real
 * gateway in front of it (and a second replica on the same database when asked). A part that fails
 * to start stops the ones started before it.
 */
export function startEvaluation(options: EvaluationOptions & { replica: true | InProcessBroker }): Promise<EvaluationWithReplica>;
export function startEvaluation(options: EvaluationOptions): Promise<RunningEvaluation>;
export async function startEvaluation(options: EvaluationOptions): Promise<RunningEvaluation> {
  const broker = options.broker ?? new InProcessBroker();
  const clock = options.clock ? { clock: options.clock } : {};
  const started: RunningService[] = [];
  const database = await createTestDatabase(`${options.name}_evaluation`);
  const stop = async () => {
    for (const service of started.reverse()) await service.shutdown();
    await database.drop();
  };
  try {
    const env = inProcessServiceEnv(database.url, options.env);
    const evaluation = await startService(evaluationService, { env, broker, ...clock });
    started.push(evaluation);
    let replica: RunningService | undefined;
    if (options.replica) {
      replica = await startService(evaluationService, { env, broker: options.replica === true ? new InProcessBroker() : options.replica, ...clock });
      started.push(replica);
    }
    const gateway = await startGateway({ ...options.gateway, EVALUATION_URL: evaluation.url });
    started.push(gateway);
    const prefix = options.pathPrefix ?? '';
    return {
      evaluation,
      ...(replica ? { replica } : {}),
      gateway,
      database,
      broker,
      async through(caller, method, path, body) {
        const answer = await viaGateway(gateway, method, `${prefix}${path}`, { caller, ...(body === undefined ? {} : { body }) });
        return { status: answer.status, body: (answer.body ?? {}) as ServiceAnswer['body'] };
      },
      outboxOf: (subjects) => outboxOf(database, subjects),
      consumedBack: (subject) => consumedBack(database, subject),
      shutdown: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function outboxOf(database: TestDatabase, subjects: string | string[]): Promise<OutboxEvent[]> {
  const rows = await database.query<{ message_key: string; event_type: string; envelope: EventEnvelope<Record<string, unknown>> }>(
    `SELECT message_key, event_type, envelope FROM outbox_event WHERE message_key = ANY($1) ORDER BY position`,
    [typeof subjects === 'string' ? [subjects] : subjects],
  );
  return rows.map((row) => ({ subject: row.message_key, type: row.event_type, data: row.envelope.data, envelope: row.envelope }));
}

async function consumedBack(database: TestDatabase, subject: string): Promise<void> {
  await waitFor(
    async () => {
      const rows: Array<{ waiting: string }> = await database.query(
        `SELECT count(*) AS waiting FROM outbox_event o WHERE o.message_key = $1 AND NOT EXISTS (SELECT 1 FROM inbox_event i WHERE i.event_id::text = o.envelope->>'id')`,
        [subject],
      );
      return rows[0]?.waiting === '0';
    },
    { description: `evaluation to consume its events about ${subject}` },
  );
}

type SignedContract = EventData<typeof ContractSigned>;

/**
 * A maintenance contract as procurement announces it (evaluation learns the vendor's name from it):
 * valid from 2026 on, the usual SLA hours, no penalty rules, 3,000 yuan a month, unless overridden.
 */
export function signedContract(data: Pick<SignedContract, 'agencyId' | 'vendorId'> & Partial<SignedContract>): SignedContract {
  const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
  return {
    contractId: randomUUID(),
    vendorName: '福州市物业维修有限公司',
    serviceType: 'maintenance',
    title: '办公楼维修服务',
    scope: { description: 'Repair and upkeep' },
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: '2099-01-01T00:00:00+08:00',
    slaTerms: { serviceType: 'maintenance', priorities: { urgent: hours(1, 4), high: hours(4, 24), normal: hours(24, 72), low: hours(72, 240) } },
    penaltyRules: [],
    priceTerms: { monthlyFee: 300_000, unitRates: [] },
    signedBy: 'admin-1',
    signedAt: '2026-01-01T00:00:00.000Z',
    ...data,
  };
}
