import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { EventCatalog, EventEnvelope, defineEvent, platformEvents } from '@houqin/contracts';
import { EventContext, MessagingTables1764201600000 } from '@houqin/messaging';
import { ServiceDefinition } from '@houqin/service-kit';

/**
 * A tiny service for the transport contract suite: its handler posts ledger entries, refuses any
 * entry noted "poison", and records the order in which entries of one account arrive and the
 * transaction each was applied in.
 */
export function ledgerFixture(run: string) {
  const LedgerEntryPosted = defineEvent({
    service: 'maintenance',
    aggregate: 'ledger-entry',
    action: 'posted',
    version: 1,
    description: 'Test event of the transport contract suite.',
    topic: `houqin.test.ledger.${run}`,
    schema: z.object({ account: z.string().min(1), amount: z.number().int(), note: z.string() }),
  });

  class LedgerTables1700000000000 implements MigrationInterface {
    name = 'LedgerTables1700000000000';
    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE TABLE ledger_balance (account text PRIMARY KEY, balance integer NOT NULL)`);
      await queryRunner.query(`CREATE TABLE ledger_effect (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, account text NOT NULL, amount integer NOT NULL, applied_in bigint NOT NULL DEFAULT txid_current())`);
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`DROP TABLE ledger_effect`);
      await queryRunner.query(`DROP TABLE ledger_balance`);
    }
  }

  const handled: string[] = [];

  @Controller()
  class LedgerHandlers {
    @EventPattern(LedgerEntryPosted.type)
    async onPosted(@Payload() event: EventEnvelope<{ account: string; amount: number; note: string }>, @Ctx() context: EventContext): Promise<void> {
      handled.push(event.id);
      await context.manager.query(`INSERT INTO ledger_effect (event_id, account, amount) VALUES ($1, $2, $3)`, [event.id, event.data.account, event.data.amount]);
      // The account's balance moves in memory over the batch and is written once before its commit.
      const key = `balance:${event.data.account}`;
      const moved = context.batch.get<number>(key) ?? 0;
      context.batch.set(key, moved + event.data.amount);
      context.batch.beforeCommit(key, (manager) =>
        manager.query(
          `INSERT INTO ledger_balance (account, balance) VALUES ($1, $2) ON CONFLICT (account) DO UPDATE SET balance = ledger_balance.balance + EXCLUDED.balance`,
          [event.data.account, context.batch.get<number>(key)],
        ),
      );
      // A handler that holds the process (a long synchronous computation, a GC storm): no heartbeat
      // goes out meanwhile, so the group coordinator drops the member.
      if (event.data.note.startsWith('stall ')) {
        const until = Date.now() + Number(event.data.note.slice(6));
        while (Date.now() < until);
      }
      // Refused only after its writes, so rolling it back has something to undo.
      if (event.data.note === 'poison') throw new Error(`ledger refuses poison entry ${event.id}`);
    }
  }

  @Module({ controllers: [LedgerHandlers] })
  class LedgerModule {}

  const catalog: EventCatalog = platformEvents.with(LedgerEntryPosted);
  const definition: ServiceDefinition = {
    name: 'maintenance',
    title: 'ledger fixture',
    description: 'transport contract suite',
    module: LedgerModule,
    catalog,
    persistence: { entities: [], migrations: [MessagingTables1764201600000, LedgerTables1700000000000] },
  };
  return { LedgerEntryPosted, definition, catalog, handled };
}
