import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA clocks as durable timers: deadline and at_risk_at are the instants the sweep waits for (null
 * while paused), at_risk_fired_at and breach_fired_at record that the event went out, in the
 * transaction that appended it.
 */
export class SlaClocks1765100000000 implements MigrationInterface {
  name = 'SlaClocks1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sla_clock (
        work_order_id     uuid NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('response', 'resolution')),
        agency_id         text NOT NULL,
        priority          text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        vendor_id         uuid,
        contract_id       uuid,
        target_ms         bigint NOT NULL CHECK (target_ms > 0),
        at_risk_fraction  numeric(5, 4) NOT NULL CHECK (at_risk_fraction > 0 AND at_risk_fraction < 1),
        started_at        timestamptz NOT NULL,
        status            text NOT NULL CHECK (status IN ('running', 'paused', 'met', 'breached', 'cancelled')),
        pauses            jsonb NOT NULL DEFAULT '[]',
        deadline          timestamptz,
        at_risk_at        timestamptz,
        at_risk_fired_at  timestamptz,
        breach_fired_at   timestamptz,
        stopped_at        timestamptz,
        version           integer NOT NULL DEFAULT 1,
        PRIMARY KEY (work_order_id, kind),
        CHECK ((status = 'paused') = (deadline IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX sla_clock_breach_due ON sla_clock (deadline) WHERE status = 'running' AND breach_fired_at IS NULL`);
    await queryRunner.query(`CREATE INDEX sla_clock_at_risk_due ON sla_clock (at_risk_at) WHERE status = 'running' AND at_risk_fired_at IS NULL`);
    await queryRunner.query(`CREATE INDEX sla_clock_agency ON sla_clock (agency_id, started_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sla_clock`);
  }
}
