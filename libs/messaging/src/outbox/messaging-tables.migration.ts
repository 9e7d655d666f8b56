import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox tables. Every service that publishes or consumes events includes this migration
 * in its own list; each runs it against its own database.
 */
export class MessagingTables1764201600000 implements MigrationInterface {
  name = 'MessagingTables1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_event (
        position        bigserial PRIMARY KEY,
        event_id        uuid NOT NULL UNIQUE,
        event_type      text NOT NULL,
        topic           text NOT NULL,
        message_key     text NOT NULL,
        envelope        jsonb NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        published_at    timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0,
        last_error      text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE inbox_event (
        consumer_group  text NOT NULL,
        event_id        uuid NOT NULL,
        event_type      text NOT NULL,
        source_topic    text NOT NULL,
        processed_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX inbox_event_processed_at ON inbox_event (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_event`);
    await queryRunner.query(`DROP TABLE outbox_event`);
  }
}
