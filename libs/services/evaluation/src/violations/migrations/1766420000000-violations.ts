import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Violations (违规) and penalties: the violations, once per offence (source + sourceRef); each
 * agency's rules (points per severity, severity per offence, the low-assessment threshold); and two
 * projections of other services' events: the contracts' penalty terms (procurement) and who
 * assigned each work order (maintenance), so a breach is priced and its manager named.
 */
export class Violations1766420000000 implements MigrationInterface {
  name = 'Violations1766420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE violation (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL,
        party              text NOT NULL,
        vendor_id          uuid,
        service_type       text,
        contract_id        uuid,
        source             text NOT NULL,
        source_ref         text NOT NULL,
        severity           text NOT NULL,
        penalty_points     integer NOT NULL CHECK (penalty_points >= 0),
        breach             text,
        penalty_amount     bigint NOT NULL CHECK (penalty_amount >= 0),
        settlement_period  text NOT NULL,
        description        text NOT NULL,
        occurred_at        timestamptz NOT NULL,
        recorded_by        text NOT NULL,
        recorded_at        timestamptz NOT NULL,
        answerable         jsonb NOT NULL,
        status             text NOT NULL CHECK (status IN ('recorded', 'voided')),
        void_reason        text,
        voided_by          text,
        voided_at          timestamptz,
        version            integer NOT NULL DEFAULT 1,
        CONSTRAINT violation_once_per_offence UNIQUE (agency_id, source, source_ref)
      )`);
    await queryRunner.query(`CREATE INDEX violation_agency_period ON violation (agency_id, settlement_period)`);
    await queryRunner.query(`CREATE INDEX violation_agency_party ON violation (agency_id, party, occurred_at)`);
    await queryRunner.query(`CREATE INDEX violation_contract_cap ON violation (contract_id, breach, settlement_period) WHERE status = 'recorded'`);

    await queryRunner.query(`
      CREATE TABLE violation_rules (
        agency_id   text PRIMARY KEY,
        rules       jsonb NOT NULL,
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE violation_contract (
        agency_id      text NOT NULL,
        contract_id    uuid NOT NULL,
        vendor_id      uuid NOT NULL,
        vendor_name    text NOT NULL,
        service_type   text NOT NULL,
        monthly_fee    bigint,
        penalty_rules  jsonb NOT NULL,
        status         text NOT NULL,
        changed_at     timestamptz NOT NULL,
        PRIMARY KEY (agency_id, contract_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE violation_work_order_assignment (
        agency_id      text NOT NULL,
        work_order_id  uuid NOT NULL,
        assigned_by    text NOT NULL,
        automatic      boolean NOT NULL,
        assigned_at    timestamptz NOT NULL,
        PRIMARY KEY (agency_id, work_order_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE violation_work_order_assignment`);
    await queryRunner.query(`DROP TABLE violation_contract`);
    await queryRunner.query(`DROP TABLE violation_rules`);
    await queryRunner.query(`DROP TABLE violation`);
  }
}
