import { MigrationInterface, QueryRunner } from 'typeorm';

export class Vendors1764202000000 implements MigrationInterface {
  name = 'Vendors1764202000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vendor (
        id                         uuid PRIMARY KEY,
        agency_id                  text NOT NULL,
        name                       text NOT NULL,
        unified_social_credit_code text NOT NULL CHECK (unified_social_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
        categories                 text[] NOT NULL CHECK (
                                     cardinality(categories) > 0
                                     AND categories <@ ARRAY['supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security']::text[]
                                   ),
        contact                    jsonb NOT NULL,
        status                     text NOT NULL CHECK (status IN ('active', 'suspended', 'blacklisted')),
        registered_by              text NOT NULL,
        registered_at              timestamptz NOT NULL,
        suspension_reason          text,
        suspended_by               text,
        suspended_at               timestamptz,
        suspended_until            timestamptz,
        version                    integer NOT NULL DEFAULT 1
      )`);
    // One registration per legal entity in an agency's registry; the service maps a violation to 409.
    await queryRunner.query(`CREATE UNIQUE INDEX vendor_agency_credit_code_unique ON vendor (agency_id, unified_social_credit_code)`);
    await queryRunner.query(`CREATE INDEX vendor_agency_registered ON vendor (agency_id, registered_at DESC)`);
    // Tenders and assignments look vendors up by the category they serve.
    await queryRunner.query(`CREATE INDEX vendor_categories ON vendor USING gin (categories)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE vendor`);
  }
}
