import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Internal audit (内部审计): plans, their self-check (自查) and cross-check (互查) tasks with named
 * assignees and checklists, and one finding per checklist item with its rectification (整改) steps.
 * overdue_from (00:00 CST after the deadline day) lets the sweep find overdue rectifications by index.
 */
export class InternalAudit1766660000000 implements MigrationInterface {
  name = 'InternalAudit1766660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_plan (
        id          uuid PRIMARY KEY,
        agency_id   text NOT NULL,
        name        text NOT NULL,
        period      text NOT NULL,
        scope       text NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX audit_plan_agency ON audit_plan (agency_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE audit_task (
        id                      uuid PRIMARY KEY,
        agency_id               text NOT NULL,
        plan_id                 uuid NOT NULL REFERENCES audit_plan (id),
        kind                    text NOT NULL CHECK (kind IN ('self-check', 'cross-check')),
        checked_department_id   uuid NOT NULL,
        checking_department_id  uuid NOT NULL,
        assignees               text[] NOT NULL CHECK (cardinality(assignees) >= 1),
        due_on                  date NOT NULL,
        checklist               jsonb NOT NULL,
        status                  text NOT NULL CHECK (status IN ('open', 'rectifying', 'closed')),
        created_by              text NOT NULL,
        created_at              timestamptz NOT NULL,
        version                 integer NOT NULL,
        CHECK ((kind = 'self-check') = (checking_department_id = checked_department_id))
      )`);
    await queryRunner.query(`CREATE INDEX audit_task_agency_plan ON audit_task (agency_id, plan_id)`);
    await queryRunner.query(`CREATE INDEX audit_task_assignees ON audit_task USING gin (assignees)`);
    await queryRunner.query(`
      CREATE TABLE audit_finding (
        id                         uuid PRIMARY KEY,
        agency_id                  text NOT NULL,
        plan_id                    uuid NOT NULL REFERENCES audit_plan (id),
        task_id                    uuid NOT NULL REFERENCES audit_task (id),
        item_id                    text NOT NULL,
        result                     text NOT NULL CHECK (result IN ('pass', 'fail')),
        description                text,
        severity                   text CHECK (severity IN ('minor', 'major', 'serious')),
        evidence                   jsonb NOT NULL,
        responsible_user_id        text,
        responsible_department_id  uuid,
        deadline                   date,
        overdue_from               timestamptz,
        status                     text NOT NULL CHECK (status IN ('passed', 'rectifying', 'answered', 'closed')),
        steps                      jsonb NOT NULL,
        recorded_by                text NOT NULL,
        recorded_at                timestamptz NOT NULL,
        overdue_at                 timestamptz,
        version                    integer NOT NULL,
        CONSTRAINT audit_finding_once_per_item UNIQUE (task_id, item_id),
        CHECK ((result = 'pass') = (status = 'passed')),
        CHECK ((result = 'fail') = (severity IS NOT NULL AND responsible_user_id IS NOT NULL AND deadline IS NOT NULL AND overdue_from IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX audit_finding_agency_status ON audit_finding (agency_id, status, deadline)`);
    await queryRunner.query(`CREATE INDEX audit_finding_overdue_due ON audit_finding (overdue_from) WHERE status = 'rectifying' AND overdue_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_finding`);
    await queryRunner.query(`DROP TABLE audit_task`);
    await queryRunner.query(`DROP TABLE audit_plan`);
  }
}
