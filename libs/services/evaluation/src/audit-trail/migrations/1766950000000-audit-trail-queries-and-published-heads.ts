import { MigrationInterface, QueryRunner } from 'typeorm';
import { actorOf } from '../domain/actor';

const BACKFILL_BATCH = 1000;

/**
 * The audit trail answers by actor, event type and time, and keeps the chain heads it published.
 * The actor of the entries recorded before is read back from their stored payload.
 */
export class AuditTrailQueriesAndPublishedHeads1766950000000 implements MigrationInterface {
  name = 'AuditTrailQueriesAndPublishedHeads1766950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_entry ADD COLUMN actor text`);
    let after: { agency_id: string; sequence: number } = { agency_id: '', sequence: 0 };
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT agency_id, sequence, event_type, payload FROM audit_entry WHERE (agency_id, sequence) > ($1, $2) ORDER BY agency_id, sequence LIMIT $3`,
        [after.agency_id, after.sequence, BACKFILL_BATCH],
      )) as Array<{ agency_id: string; sequence: number; event_type: string; payload: unknown }>;
      for (const row of rows) {
        const actor = actorOf(row.event_type, row.payload);
        if (actor !== undefined) await queryRunner.query(`UPDATE audit_entry SET actor = $3 WHERE agency_id = $1 AND sequence = $2`, [row.agency_id, row.sequence, actor]);
      }
      if (rows.length < BACKFILL_BATCH) break;
      const last = rows[rows.length - 1]!;
      after = { agency_id: last.agency_id, sequence: last.sequence };
    }
    await queryRunner.query(`CREATE INDEX audit_entry_actor ON audit_entry (agency_id, actor, sequence) WHERE actor IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_entry_event_type ON audit_entry (agency_id, event_type, sequence)`);
    await queryRunner.query(`CREATE INDEX audit_entry_occurred_at ON audit_entry (agency_id, occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE audit_chain_publication (
        agency_id     text NOT NULL,
        sequence      integer NOT NULL,
        hash          text NOT NULL,
        event_id      uuid NOT NULL,
        published_at  timestamptz NOT NULL,
        PRIMARY KEY (agency_id, sequence)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_chain_publication`);
    await queryRunner.query(`DROP INDEX audit_entry_occurred_at`);
    await queryRunner.query(`DROP INDEX audit_entry_event_type`);
    await queryRunner.query(`DROP INDEX audit_entry_actor`);
    await queryRunner.query(`ALTER TABLE audit_entry DROP COLUMN actor`);
  }
}
