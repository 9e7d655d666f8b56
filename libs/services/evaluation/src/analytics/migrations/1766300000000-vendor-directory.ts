import { MigrationInterface, QueryRunner } from 'typeorm';

/** The vendors' names as procurement announces them, so exports name vendors, not only their ids. */
export class VendorDirectory1766300000000 implements MigrationInterface {
  name = 'VendorDirectory1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evaluation_vendor (
        agency_id  text NOT NULL,
        vendor_id  uuid NOT NULL,
        name       text NOT NULL,
        named_at   timestamptz NOT NULL,
        PRIMARY KEY (agency_id, vendor_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evaluation_vendor`);
  }
}
