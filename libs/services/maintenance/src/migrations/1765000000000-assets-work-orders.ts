import { MigrationInterface, QueryRunner } from 'typeorm';

/** The asset register (设备台账), maintenance's projection of contracts and vendor standing, and work orders. */
export class AssetsWorkOrders1765000000000 implements MigrationInterface {
  name = 'AssetsWorkOrders1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE asset (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL,
        code               text NOT NULL,
        name               text NOT NULL,
        category           text NOT NULL,
        location           jsonb NOT NULL,
        criticality        text NOT NULL CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
        acquired_on        date,
        acquisition_value  bigint CHECK (acquisition_value >= 0),
        warranty_ends_on   date,
        contract_id        uuid,
        meters             jsonb NOT NULL DEFAULT '{}',
        registered_by      text NOT NULL,
        registered_at      timestamptz NOT NULL,
        version            integer NOT NULL DEFAULT 1,
        CONSTRAINT asset_code_unique UNIQUE (agency_id, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE asset_meter_reading (
        id           uuid PRIMARY KEY,
        agency_id    text NOT NULL,
        asset_id     uuid NOT NULL REFERENCES asset (id),
        kind         text NOT NULL CHECK (kind IN ('hours', 'count')),
        value        numeric(14, 2) NOT NULL CHECK (value >= 0),
        read_at      timestamptz NOT NULL,
        recorded_by  text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX asset_meter_reading_asset ON asset_meter_reading (asset_id, kind, read_at)`);

    await queryRunner.query(`
      CREATE TABLE maintenance_vendor_contract (
        contract_id       uuid PRIMARY KEY,
        agency_id         text NOT NULL,
        vendor_id         uuid NOT NULL,
        vendor_name       text NOT NULL,
        title             text NOT NULL,
        buildings         jsonb,
        asset_categories  jsonb,
        valid_from        timestamptz NOT NULL,
        valid_to          timestamptz NOT NULL,
        sla_terms         jsonb NOT NULL,
        status            text NOT NULL CHECK (status IN ('signed', 'expired', 'terminated')),
        signed_at         timestamptz NOT NULL,
        ended_at          timestamptz,
        end_reason        text
      )`);
    await queryRunner.query(`CREATE INDEX maintenance_vendor_contract_agency ON maintenance_vendor_contract (agency_id, status)`);
    await queryRunner.query(`
      CREATE TABLE maintenance_vendor_standing (
        agency_id     text NOT NULL,
        vendor_id     uuid NOT NULL,
        status        text NOT NULL CHECK (status IN ('suspended', 'blacklisted')),
        sanctioned    boolean NOT NULL,
        reason        text NOT NULL,
        effective_from timestamptz NOT NULL,
        until         timestamptz,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (agency_id, vendor_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE work_order (
        id                   uuid PRIMARY KEY,
        agency_id            text NOT NULL,
        repair_request_id    uuid NOT NULL UNIQUE REFERENCES repair_request (id),
        reported_by          text NOT NULL,
        description          text NOT NULL,
        priority             text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        category             text NOT NULL,
        location             jsonb NOT NULL,
        asset_id             uuid,
        status               text NOT NULL CHECK (status IN ('triaged', 'assigned', 'accepted', 'in-progress', 'on-hold-requester', 'completed', 'verified', 'closed', 'cancelled')),
        assignee_kind        text CHECK (assignee_kind IN ('vendor', 'internal')),
        vendor_id            uuid,
        contract_id          uuid,
        reported_at          timestamptz NOT NULL,
        triaged_by           text NOT NULL,
        triaged_at           timestamptz NOT NULL,
        assigned_at          timestamptz,
        accepted_at          timestamptz,
        started_at           timestamptz,
        completed_at         timestamptz,
        verified_at          timestamptz,
        closed_at            timestamptz,
        cancelled_at         timestamptz,
        cancellation_reason  text,
        hold_started_at      timestamptz,
        on_hold_ms           bigint NOT NULL DEFAULT 0,
        reopen_count         integer NOT NULL DEFAULT 0,
        resolution_note      text,
        version              integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX work_order_agency_reported ON work_order (agency_id, reported_at DESC)`);
    await queryRunner.query(`CREATE INDEX work_order_vendor ON work_order (agency_id, vendor_id)`);
    await queryRunner.query(`ALTER TABLE repair_request ADD COLUMN work_order_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE repair_request DROP COLUMN work_order_id`);
    await queryRunner.query(`DROP TABLE work_order`);
    await queryRunner.query(`DROP TABLE maintenance_vendor_standing`);
    await queryRunner.query(`DROP TABLE maintenance_vendor_contract`);
    await queryRunner.query(`DROP TABLE asset_meter_reading`);
    await queryRunner.query(`DROP TABLE asset`);
  }
}
