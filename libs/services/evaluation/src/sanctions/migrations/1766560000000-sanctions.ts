import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sanctions (处罚): the offence ledger per agency and vendor (one row per thing that happened), the
 * agencies' rule sets, the proposals (once per rule and triggering offence; one open per vendor,
 * rule and measure) and the sanctions confirmed on them (one active per vendor, rule and measure).
 */
export class Sanctions1766560000000 implements MigrationInterface {
  name = 'Sanctions1766560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sanction_offence (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL,
        vendor_id          uuid NOT NULL,
        kind               text NOT NULL CHECK (kind IN ('penalty-points', 'failing-scorecard', 'overdue-rectification', 'upheld-complaint')),
        source_ref         text NOT NULL,
        weight             integer NOT NULL CHECK (weight >= 0),
        occurred_at        timestamptz NOT NULL,
        description        text NOT NULL,
        withdrawn_at       timestamptz,
        withdrawal_reason  text,
        source_version     integer,
        recorded_at        timestamptz NOT NULL,
        CONSTRAINT sanction_offence_once UNIQUE (agency_id, kind, source_ref),
        CHECK ((withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX sanction_offence_vendor ON sanction_offence (agency_id, vendor_id, occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE sanction_rule_set (
        agency_id               text PRIMARY KEY,
        rules                   jsonb NOT NULL,
        ladder_window_days      integer NOT NULL CHECK (ladder_window_days > 0),
        ladder_suspension_days  integer NOT NULL CHECK (ladder_suspension_days > 0),
        automatic               boolean NOT NULL,
        updated_by              text NOT NULL,
        updated_at              timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE sanction_proposal (
        id               uuid PRIMARY KEY,
        agency_id        text NOT NULL,
        vendor_id        uuid NOT NULL,
        rule_key         text NOT NULL,
        rule             jsonb NOT NULL,
        measure          text NOT NULL CHECK (measure IN ('warning', 'suspension', 'blacklisting')),
        suspension_days  integer CHECK (suspension_days > 0),
        escalated_from   text,
        figure           integer NOT NULL,
        threshold        integer NOT NULL,
        window_days      integer NOT NULL,
        evidence         jsonb NOT NULL,
        triggered_by     uuid NOT NULL,
        status           text NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
        proposed_at      timestamptz NOT NULL,
        decided_by       text,
        decided_at       timestamptz,
        decision_reason  text,
        sanction_id      uuid,
        version          integer NOT NULL,
        CONSTRAINT sanction_proposal_once_per_offence UNIQUE (agency_id, rule_key, triggered_by),
        CHECK ((measure = 'suspension') = (suspension_days IS NOT NULL)),
        CHECK ((status = 'open') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
        CHECK ((status = 'confirmed') = (sanction_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sanction_proposal_one_open ON sanction_proposal (agency_id, vendor_id, rule_key, measure) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX sanction_proposal_agency ON sanction_proposal (agency_id, status, proposed_at)`);
    await queryRunner.query(`
      CREATE TABLE sanction (
        id            uuid PRIMARY KEY,
        agency_id     text NOT NULL,
        vendor_id     uuid NOT NULL,
        proposal_id   uuid NOT NULL UNIQUE REFERENCES sanction_proposal (id),
        rule_key      text NOT NULL,
        measure       text NOT NULL CHECK (measure IN ('warning', 'suspension', 'blacklisting')),
        reason        text NOT NULL,
        from_at       timestamptz NOT NULL,
        until_at      timestamptz,
        status        text NOT NULL CHECK (status IN ('issued', 'active', 'ended', 'lifted')),
        decided_by    text NOT NULL,
        decided_at    timestamptz NOT NULL,
        evidence      jsonb NOT NULL,
        ended_at      timestamptz,
        end_cause     text CHECK (end_cause IN ('period-ended', 'lifted-early')),
        lifted_by     text,
        lift_reason   text,
        version       integer NOT NULL,
        CHECK ((measure = 'suspension') = (until_at IS NOT NULL)),
        CHECK (until_at IS NULL OR until_at > from_at),
        CHECK ((status IN ('ended', 'lifted')) = (ended_at IS NOT NULL) AND (ended_at IS NULL) = (end_cause IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sanction_one_active ON sanction (agency_id, vendor_id, rule_key, measure) WHERE status = 'active'`);
    await queryRunner.query(`CREATE INDEX sanction_vendor ON sanction (agency_id, vendor_id, decided_at)`);
    await queryRunner.query(`CREATE INDEX sanction_period_due ON sanction (until_at) WHERE status = 'active' AND measure = 'suspension'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sanction`);
    await queryRunner.query(`DROP TABLE sanction_proposal`);
    await queryRunner.query(`DROP TABLE sanction_rule_set`);
    await queryRunner.query(`DROP TABLE sanction_offence`);
  }
}
