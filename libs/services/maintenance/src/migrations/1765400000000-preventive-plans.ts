import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Preventive maintenance plans and their occurrences. A plan holds its next occurrence (a due date
 * with the day its work order is raised, or a meter threshold; neither while a from-completion
 * plan waits for its last work order), which the sweep claims FOR UPDATE SKIP LOCKED. An
 * occurrence is a row keyed by (plan, due date or threshold): recorded once, it raises at most one
 * work order whatever the replicas.
 */
export class PreventivePlans1765400000000 implements MigrationInterface {
  name = 'PreventivePlans1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE preventive_plan (
        id                     uuid PRIMARY KEY,
        agency_id              text NOT NULL,
        name                   text NOT NULL,
        description            text NOT NULL,
        checklist              jsonb NOT NULL DEFAULT '[]',
        asset_id               uuid REFERENCES asset (id),
        category               text NOT NULL,
        location               jsonb NOT NULL,
        priority               text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        assignee_kind          text NOT NULL CHECK (assignee_kind IN ('internal', 'vendor', 'automatic', 'manual')),
        vendor_id              uuid,
        answerable_by          text NOT NULL,
        trigger_kind           text NOT NULL CHECK (trigger_kind IN ('calendar', 'meter')),
        every                  numeric(14, 2) NOT NULL CHECK (every > 0),
        unit                   text CHECK (unit IN ('day', 'week', 'month')),
        first_due_on           date,
        lead_days              integer NOT NULL DEFAULT 0 CHECK (lead_days >= 0),
        meter_kind             text CHECK (meter_kind IN ('hours', 'count')),
        start_reading          numeric(14, 2) CHECK (start_reading >= 0),
        schedule               text NOT NULL CHECK (schedule IN ('fixed', 'from-completion')),
        status                 text NOT NULL CHECK (status IN ('active', 'paused', 'retired')),
        status_reason          text,
        next_due_on            date,
        raise_on               date,
        next_threshold         numeric(14, 2),
        last_work_order_id     uuid,
        last_raised_due_on     date,
        last_raised_threshold  numeric(14, 2),
        created_by             text NOT NULL,
        created_at             timestamptz NOT NULL,
        changed_at             timestamptz,
        paused_at              timestamptz,
        retired_at             timestamptz,
        version                integer NOT NULL DEFAULT 1,
        CHECK ((assignee_kind = 'vendor') = (vendor_id IS NOT NULL)),
        CHECK (
          (trigger_kind = 'calendar' AND unit IS NOT NULL AND first_due_on IS NOT NULL AND meter_kind IS NULL AND start_reading IS NULL AND next_threshold IS NULL) OR
          (trigger_kind = 'meter' AND asset_id IS NOT NULL AND meter_kind IS NOT NULL AND start_reading IS NOT NULL AND unit IS NULL AND first_due_on IS NULL AND lead_days = 0 AND next_due_on IS NULL)),
        CHECK ((next_due_on IS NULL) = (raise_on IS NULL)),
        CHECK (next_due_on IS NOT NULL OR next_threshold IS NOT NULL OR (schedule = 'from-completion' AND last_work_order_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX preventive_plan_agency ON preventive_plan (agency_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX preventive_plan_raise_on ON preventive_plan (raise_on) WHERE status = 'active' AND raise_on IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX preventive_plan_meter ON preventive_plan (asset_id) WHERE status = 'active' AND next_threshold IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX preventive_plan_awaiting ON preventive_plan (last_work_order_id) WHERE status = 'active' AND next_due_on IS NULL AND next_threshold IS NULL`);

    await queryRunner.query(`
      CREATE TABLE preventive_occurrence (
        plan_id             uuid NOT NULL REFERENCES preventive_plan (id),
        occurrence_key      text NOT NULL,
        agency_id           text NOT NULL,
        due_on              date,
        threshold           numeric(14, 2),
        outcome             text NOT NULL CHECK (outcome IN ('raised', 'skipped')),
        work_order_id       uuid,
        skip_reason         text CHECK (skip_reason IN ('superseded', 'previous-open')),
        open_work_order_id  uuid,
        superseded_by       text,
        recorded_at         timestamptz NOT NULL,
        PRIMARY KEY (plan_id, occurrence_key),
        CHECK ((due_on IS NULL) <> (threshold IS NULL)),
        CHECK ((outcome = 'raised') = (work_order_id IS NOT NULL)),
        CHECK ((outcome = 'skipped') = (skip_reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX preventive_occurrence_work_order ON preventive_occurrence (work_order_id) WHERE work_order_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX preventive_occurrence_history ON preventive_occurrence (plan_id, recorded_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE preventive_occurrence`);
    await queryRunner.query(`DROP TABLE preventive_plan`);
  }
}
