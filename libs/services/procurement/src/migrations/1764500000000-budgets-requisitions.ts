import { MigrationInterface, QueryRunner } from 'typeorm';

/** Budgets with their commitments, each agency's approval policy, and requisitions (采购申请). Amounts are bigint fen. */
export class BudgetsRequisitions1764500000000 implements MigrationInterface {
  name = 'BudgetsRequisitions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE budget (
        id           uuid PRIMARY KEY,
        agency_id    text NOT NULL,
        fiscal_year  integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        category     text NOT NULL CHECK (category IN ('supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security')),
        allocated    bigint NOT NULL CHECK (allocated > 0),
        committed    bigint NOT NULL DEFAULT 0 CHECK (committed >= 0),
        spent        bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),
        allocated_by text NOT NULL,
        allocated_at timestamptz NOT NULL,
        version      integer NOT NULL DEFAULT 1
      )`);
    // One budget per category and year; requisitions find theirs by these three.
    await queryRunner.query(`CREATE UNIQUE INDEX budget_agency_year_category_unique ON budget (agency_id, fiscal_year, category)`);

    // Every commitment, so the committed total can be explained line by line, overrides included.
    await queryRunner.query(`
      CREATE TABLE budget_commitment (
        id              uuid PRIMARY KEY,
        budget_id       uuid NOT NULL REFERENCES budget (id),
        agency_id       text NOT NULL,
        requisition_id  uuid NOT NULL UNIQUE,
        amount          bigint NOT NULL CHECK (amount > 0),
        overspend       bigint NOT NULL DEFAULT 0 CHECK (overspend >= 0),
        override_by     text,
        override_reason text,
        committed_at    timestamptz NOT NULL,
        CHECK (overspend = 0 OR (override_by IS NOT NULL AND override_reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX budget_commitment_budget ON budget_commitment (budget_id)`);

    await queryRunner.query(`
      CREATE TABLE approval_policy (
        agency_id         text PRIMARY KEY,
        tiers             jsonb NOT NULL,
        method_thresholds jsonb NOT NULL,
        updated_by        text NOT NULL,
        updated_at        timestamptz NOT NULL,
        version           integer NOT NULL DEFAULT 1
      )`);

    await queryRunner.query(`
      CREATE TABLE requisition (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL,
        requested_by       text NOT NULL,
        department_id      text,
        title              text NOT NULL,
        fiscal_year        integer NOT NULL,
        category           text NOT NULL,
        lines              jsonb NOT NULL,
        total              bigint NOT NULL CHECK (total > 0),
        status             text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'withdrawn')),
        steps              jsonb NOT NULL DEFAULT '[]',
        procurement_method text CHECK (procurement_method IN ('direct-purchase', 'request-for-quotation', 'open-tender')),
        created_at         timestamptz NOT NULL,
        submitted_at       timestamptz,
        approved_at        timestamptz,
        rejection          jsonb,
        withdrawal         jsonb,
        version            integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX requisition_agency_status_created ON requisition (agency_id, status, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE requisition`);
    await queryRunner.query(`DROP TABLE approval_policy`);
    await queryRunner.query(`DROP TABLE budget_commitment`);
    await queryRunner.query(`DROP TABLE budget`);
  }
}
