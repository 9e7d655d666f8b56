import { MigrationInterface, QueryRunner } from 'typeorm';

/** One contract in force or in draft per award and per direct purchase; a terminated one may be replaced. */
export class OneContractPerSource1764930000000 implements MigrationInterface {
  name = 'OneContractPerSource1764930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX procurement_contract_one_per_tender ON procurement_contract (tender_id) WHERE tender_id IS NOT NULL AND status <> 'terminated'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX procurement_contract_one_per_requisition ON procurement_contract (requisition_id) WHERE requisition_id IS NOT NULL AND status <> 'terminated'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX procurement_contract_one_per_requisition`);
    await queryRunner.query(`DROP INDEX procurement_contract_one_per_tender`);
  }
}
