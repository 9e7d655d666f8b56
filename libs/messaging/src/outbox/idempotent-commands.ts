import { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { IdempotentRequest, requestContext } from '@houqin/observability';

/**
 * 幂等命令: the Idempotency-Key of every command that committed, written by the outbox in the same
 * transaction as the command's state and events. Redis keeps the answers (to replay them) and marks
 * keys in progress; this table is what makes "once per key" hold when Redis has forgotten a key (a
 * restart, an eviction) or the process died between its commit and remembering the answer.
 */
export class IdempotentCommands1767500000000 implements MigrationInterface {
  name = 'IdempotentCommands1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotent_command (
        key           text PRIMARY KEY,
        fingerprint   text NOT NULL,
        attempt_id    uuid NOT NULL,
        subject       text,
        committed_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idempotent_command_committed_at ON idempotent_command (committed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotent_command`);
  }
}

/** Keys are kept as long as their answers are (a day), then pruned with the outbox. */
export const IDEMPOTENT_COMMAND_RETENTION_HOURS = 24;

/**
 * A command arrived again under a key whose first attempt committed: refused whole (its transaction
 * rolls back), so that nothing is applied twice. `subject` is what the first attempt changed.
 */
export class IdempotencyKeyAlreadyApplied extends Error {
  constructor(
    readonly key: string,
    readonly sameRequest: boolean,
    readonly subject: string | null,
  ) {
    super(`the request under Idempotency-Key ${key} was applied already${subject ? ` (${subject})` : ''}`);
    this.name = 'IdempotencyKeyAlreadyApplied';
  }
}

/** Kept when the key is new or already this attempt's; nothing returned when another attempt holds it. */
export const RECORD_IDEMPOTENT_COMMAND = `INSERT INTO idempotent_command (key, fingerprint, attempt_id, subject) VALUES ($1, $2, $3, $4)
  ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key WHERE idempotent_command.attempt_id = EXCLUDED.attempt_id
  RETURNING 1`;

/** The refusal a committed key gives a request under it: applied already, or the key reused (another fingerprint). */
export async function committedIdempotentCommand(manager: EntityManager, key: string, fingerprint: string): Promise<IdempotencyKeyAlreadyApplied | undefined> {
  const [first] = (await manager.query(`SELECT fingerprint, subject FROM idempotent_command WHERE key = $1`, [key])) as Array<{ fingerprint: string; subject: string | null }>;
  return first ? new IdempotencyKeyAlreadyApplied(key, first.fingerprint === fingerprint, first.subject) : undefined;
}

/** The refusal for an attempt whose key another attempt committed (its transaction then rolls back). */
export async function alreadyApplied(manager: EntityManager, claim: IdempotentRequest): Promise<IdempotencyKeyAlreadyApplied> {
  return (await committedIdempotentCommand(manager, claim.key, claim.fingerprint)) ?? new IdempotencyKeyAlreadyApplied(claim.key, false, null);
}

/**
 * For a command that publishes no event (the outbox records the key of those that do): records the
 * request's Idempotency-Key, if it carries one, in the command's transaction.
 */
export async function recordIdempotentCommand(manager: EntityManager, subject: string): Promise<void> {
  const claim = requestContext.current()?.idempotency;
  if (!claim) return;
  if (!manager.queryRunner?.isTransactionActive) throw new Error('recordIdempotentCommand must run inside the transaction that changes the state');
  const recorded = (await manager.query(RECORD_IDEMPOTENT_COMMAND, [claim.key, claim.fingerprint, claim.attemptId, subject])) as unknown[];
  if (recorded.length === 0) throw await alreadyApplied(manager, claim);
}
