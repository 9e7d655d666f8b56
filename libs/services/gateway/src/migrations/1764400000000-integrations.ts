import { MigrationInterface, QueryRunner } from 'typeorm';

/** Integrators: webhook subscriptions, their deliveries and attempts, and the agency event log of the live stream. */
export class Integrations1764400000000 implements MigrationInterface {
  name = 'Integrations1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_subscription (
        id                          uuid PRIMARY KEY,
        agency_id                   text NOT NULL,
        url                         text NOT NULL,
        event_types                 text[] NOT NULL CHECK (cardinality(event_types) > 0),
        description                 text NOT NULL DEFAULT '',
        status                      text NOT NULL CHECK (status IN ('active', 'disabled')),
        secret_sealed               text NOT NULL,
        previous_secret_sealed      text,
        previous_secret_expires_at  timestamptz,
        secret_rotated_at           timestamptz,
        created_by                  text NOT NULL,
        created_at                  timestamptz NOT NULL,
        updated_at                  timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX webhook_subscription_agency ON webhook_subscription (agency_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE agency_event (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL,
        agency_id    text NOT NULL,
        type         text NOT NULL,
        envelope     jsonb NOT NULL,
        time         timestamptz NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_event_event_unique UNIQUE (event_id)
      )`);
    await queryRunner.query(`CREATE INDEX agency_event_agency_seq ON agency_event (agency_id, seq)`);
    await queryRunner.query(`CREATE INDEX agency_event_recorded ON agency_event (recorded_at)`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery (
        id                uuid PRIMARY KEY,
        subscription_id   uuid NOT NULL REFERENCES webhook_subscription (id),
        event_id          uuid NOT NULL,
        event_type        text NOT NULL,
        payload           text NOT NULL,
        status            text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempt_count     integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz,
        in_flight_until   timestamptz,
        first_attempt_at  timestamptz,
        last_attempt_at   timestamptz,
        delivered_at      timestamptz,
        created_at        timestamptz NOT NULL,
        CONSTRAINT webhook_delivery_event_unique UNIQUE (subscription_id, event_id),
        CONSTRAINT webhook_delivery_due CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_due_at ON webhook_delivery (next_attempt_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_finished ON webhook_delivery (created_at) WHERE status <> 'pending'`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempt (
        id            bigserial PRIMARY KEY,
        delivery_id   uuid NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
        attempt       integer NOT NULL,
        attempted_at  timestamptz NOT NULL,
        duration_ms   integer NOT NULL,
        status_code   integer,
        error         text
      )`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_attempt_delivery ON webhook_delivery_attempt (delivery_id, attempt)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_delivery_attempt`);
    await queryRunner.query(`DROP TABLE webhook_delivery`);
    await queryRunner.query(`DROP TABLE agency_event`);
    await queryRunner.query(`DROP TABLE webhook_subscription`);
  }
}
