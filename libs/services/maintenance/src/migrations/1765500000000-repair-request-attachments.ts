import { MigrationInterface, QueryRunner } from 'typeorm';

/** Photos, videos and documents of a fault: metadata only, the files stay in the agency's file store. */
export class RepairRequestAttachments1765500000000 implements MigrationInterface {
  name = 'RepairRequestAttachments1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE repair_request ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE repair_request DROP COLUMN attachments`);
  }
}
