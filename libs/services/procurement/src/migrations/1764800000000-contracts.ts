import { MigrationInterface, QueryRunner } from 'typeorm';

/** Service contracts (服务合同) with vendors, with their SLA terms, penalty rules and price terms. */
export class Contracts1764800000000 implements MigrationInterface {
  name = 'Contracts1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE procurement_contract (
        id             uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        title          text NOT NULL,
        vendor_id      uuid NOT NULL REFERENCES vendor (id),
        vendor_name    text NOT NULL,
        service_type   text NOT NULL CHECK (service_type IN ('supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security')),
        tender_id      uuid,
        requisition_id uuid,
        scope          jsonb NOT NULL,
        valid_from     timestamptz NOT NULL,
        valid_to       timestamptz NOT NULL,
        price_terms    jsonb NOT NULL,
        sla_terms      jsonb NOT NULL,
        penalty_rules  jsonb NOT NULL,
        status         text NOT NULL CHECK (status IN ('draft', 'signed', 'expired', 'terminated')),
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL,
        signed_by      text,
        signed_at      timestamptz,
        expired_at     timestamptz,
        termination    jsonb,
        version        integer NOT NULL DEFAULT 1,
        CHECK (valid_from < valid_to),
        CHECK ((tender_id IS NULL) <> (requisition_id IS NULL)),
        CHECK (status = 'draft' OR (signed_by IS NOT NULL AND signed_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX procurement_contract_agency_status ON procurement_contract (agency_id, status, created_at)`);
    await queryRunner.query(`CREATE INDEX procurement_contract_vendor ON procurement_contract (agency_id, vendor_id)`);
    // The expiry sweep looks for signed contracts whose validity ended.
    await queryRunner.query(`CREATE INDEX procurement_contract_expiry ON procurement_contract (valid_to) WHERE status = 'signed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE procurement_contract`);
  }
}
