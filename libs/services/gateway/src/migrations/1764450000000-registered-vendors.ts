import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity's projection of procurement's vendor registry (vendor id → agency), filled by
 * vendor.registered; seeded from the agency event log for vendors registered before it existed.
 */
export class RegisteredVendors1764450000000 implements MigrationInterface {
  name = 'RegisteredVendors1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE registered_vendor (
        vendor_id      uuid PRIMARY KEY,
        agency_id      text NOT NULL,
        registered_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO registered_vendor (vendor_id, agency_id, registered_at)
      SELECT (envelope->'data'->>'vendorId')::uuid, agency_id, (envelope->'data'->>'registeredAt')::timestamptz
        FROM agency_event WHERE type = 'houqin.procurement.vendor.registered.v1'
      ON CONFLICT (vendor_id) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE registered_vendor`);
  }
}
