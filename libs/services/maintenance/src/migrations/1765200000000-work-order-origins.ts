import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work orders the platform raises itself: a preventive plan's occurrence or a vehicle due for
 * service has no repair request. Existing rows are repairs. A vehicle's open service work order is
 * unique, so a repeated service-due notice never doubles the work.
 */
export class WorkOrderOrigins1765200000000 implements MigrationInterface {
  name = 'WorkOrderOrigins1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE work_order
        ADD COLUMN origin text NOT NULL DEFAULT 'repair-request' CHECK (origin IN ('repair-request', 'preventive-plan', 'vehicle-service-due')),
        ADD COLUMN preventive_plan_id uuid,
        ADD COLUMN vehicle_id uuid,
        ALTER COLUMN repair_request_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE work_order ALTER COLUMN origin DROP DEFAULT`);
    await queryRunner.query(`
      ALTER TABLE work_order ADD CONSTRAINT work_order_origin_reference CHECK (
        (origin = 'repair-request' AND repair_request_id IS NOT NULL) OR
        (origin = 'preventive-plan' AND preventive_plan_id IS NOT NULL AND repair_request_id IS NULL) OR
        (origin = 'vehicle-service-due' AND vehicle_id IS NOT NULL AND repair_request_id IS NULL))`);
    await queryRunner.query(`CREATE INDEX work_order_preventive_plan ON work_order (preventive_plan_id, reported_at DESC) WHERE preventive_plan_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX work_order_open_vehicle_service ON work_order (agency_id, vehicle_id)
       WHERE origin = 'vehicle-service-due' AND status NOT IN ('verified', 'closed', 'cancelled')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX work_order_open_vehicle_service`);
    await queryRunner.query(`DROP INDEX work_order_preventive_plan`);
    await queryRunner.query(`ALTER TABLE work_order DROP CONSTRAINT work_order_origin_reference`);
    await queryRunner.query(`DELETE FROM work_order WHERE origin <> 'repair-request'`);
    await queryRunner.query(`ALTER TABLE work_order DROP COLUMN origin, DROP COLUMN preventive_plan_id, DROP COLUMN vehicle_id, ALTER COLUMN repair_request_id SET NOT NULL`);
  }
}
