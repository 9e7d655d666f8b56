import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { EventCatalog, EventEnvelope, defineEvent } from '@houqin/contracts';
import { EventContext, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';
import { nowMs } from './stats';

/**
 * The benchmark's own service, composed like the transport contract suite's ledger fixture: one
 * event type on a topic of its own (so a run never touches the platform's topics), the messaging
 * tables, one table the handler writes to, and — for consumers — an `@EventPattern` handler that
 * inserts one row through `EventContext.manager` and reports its progress to the benchmark.
 */
export function benchEventContract(run: string) {
  return defineEvent({
    service: 'maintenance',
    aggregate: 'bench-item',
    action: 'recorded',
    version: 1,
    description: 'Benchmark event (tools/bench); shaped like repair-request.reported.',
    topic: `houqin.bench.items.${run}`,
    schema: z.object({
      itemId: z.string().uuid(),
      account: z.string().min(1),
      amount: z.number().int(),
      location: z.object({ building: z.string(), floor: z.string().optional(), room: z.string().optional() }),
      description: z.string(),
      priority: z.enum(['low', 'normal', 'high', 'urgent']),
      reportedAt: z.string().datetime(),
    }),
  });
}

export type BenchEventContract = ReturnType<typeof benchEventContract>;
export type BenchData = z.infer<BenchEventContract['schema']>;

const ACCOUNTS = Array.from({ length: 64 }, (_, index) => `account-${index.toString().padStart(2, '0')}`);

/** One CloudEvent of realistic size (~750 bytes as JSON); the subject spreads events over 64 keys. */
export function benchEvent(contract: BenchEventContract, index: number): EventEnvelope<BenchData> {
  const account = ACCOUNTS[index % ACCOUNTS.length]!;
  const itemId = randomUUID();
  return contract.create({
    subject: account,
    origin: { agencyId: 'agency-bench', correlationId: randomUUID() },
    data: {
      itemId,
      account,
      amount: index,
      location: { building: 'Main Building', floor: '3', room: `3${(index % 40).toString().padStart(2, '0')}` },
      description: 'The air conditioner in the meeting room leaks water onto the floor; please send someone before the afternoon session.',
      priority: 'normal',
      reportedAt: new Date().toISOString(),
    },
  });
}

class BenchTables1764300000000 implements MigrationInterface {
  name = 'BenchTables1764300000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE bench_effect (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, account text NOT NULL, amount integer NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE bench_effect`);
  }
}

/** Counts handled events and notes when the warm-up ended and when the measured events were done. */
export class ConsumeProgress {
  handled = 0;
  startedAt?: number;
  finishedAt?: number;
  /** CPU time (all threads of this process) spent between start and finish, in ms. */
  cpuMs?: number;
  private cpuAtStart?: NodeJS.CpuUsage;
  private done?: () => void;
  readonly finished: Promise<void>;

  constructor(
    readonly warmup: number,
    readonly measured: number,
  ) {
    this.finished = new Promise((resolve) => {
      this.done = resolve;
    });
    if (warmup === 0) this.start();
  }

  private start(): void {
    this.startedAt = nowMs();
    this.cpuAtStart = process.cpuUsage();
  }

  /** Called once per handled message; the clock starts after `warmup` messages and stops after `warmup + measured`. */
  tick(): void {
    this.handled += 1;
    if (this.handled === this.warmup) this.start();
    if (this.handled === this.warmup + this.measured) {
      this.finishedAt = nowMs();
      const cpu = process.cpuUsage(this.cpuAtStart);
      this.cpuMs = (cpu.user + cpu.system) / 1000;
      this.done?.();
    }
  }

  get elapsedMs(): number {
    return (this.finishedAt ?? NaN) - (this.startedAt ?? NaN);
  }
}

export function benchDefinition(contract: BenchEventContract, progress?: ConsumeProgress): { definition: ServiceDefinition; catalog: EventCatalog } {
  const controllers: Array<new (...args: never[]) => unknown> = [];
  if (progress) {
    @Controller()
    class BenchHandlers {
      @EventPattern(contract.type)
      async onRecorded(@Payload() event: EventEnvelope<BenchData>, @Ctx() context: EventContext): Promise<void> {
        await context.manager.query(`INSERT INTO bench_effect (event_id, account, amount) VALUES ($1, $2, $3)`, [event.id, event.data.account, event.data.amount]);
        progress!.tick();
      }
    }
    controllers.push(BenchHandlers);
  }

  @Module({ controllers })
  class BenchModule {}

  // Only the benchmark's event: the service then creates no platform topic and subscribes to none.
  const catalog = new EventCatalog([contract]);
  const definition: ServiceDefinition = {
    name: 'maintenance',
    title: 'benchmark fixture',
    description: 'tools/bench',
    module: BenchModule,
    catalog,
    persistence: { entities: [], migrations: [MessagingTables1764201600000, BenchTables1764300000000] },
  };
  return { definition, catalog };
}
