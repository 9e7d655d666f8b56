import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holds (预授权冻结) in the meal accounts' ledger: a booked meal's price is held (`hold`, money out)
 * and released (`release`, money in) when the booking is cancelled or settled by the charge at
 * serving. The kind and sign checks of meal_account_entry are replaced by named ones with the two
 * new kinds.
 */
export class MealAccountHolds1767300000000 implements MigrationInterface {
  name = 'MealAccountHolds1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.dropKindChecks(queryRunner);
    await queryRunner.query(`ALTER TABLE meal_account_entry ADD CONSTRAINT meal_account_entry_kind CHECK (kind IN ('top-up', 'subsidy', 'charge', 'refund', 'hold', 'release'))`);
    // Money in is positive, money out negative: the sign follows the kind.
    await queryRunner.query(`ALTER TABLE meal_account_entry ADD CONSTRAINT meal_account_entry_sign CHECK ((kind IN ('top-up', 'subsidy', 'refund', 'release')) = (amount_fen > 0))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.dropKindChecks(queryRunner);
    await queryRunner.query(`ALTER TABLE meal_account_entry ADD CONSTRAINT meal_account_entry_kind CHECK (kind IN ('top-up', 'subsidy', 'charge', 'refund'))`);
    await queryRunner.query(`ALTER TABLE meal_account_entry ADD CONSTRAINT meal_account_entry_sign CHECK ((kind IN ('top-up', 'subsidy', 'refund')) = (amount_fen > 0))`);
  }

  /** The checks that read the kind (the first migration left them unnamed). */
  private async dropKindChecks(queryRunner: QueryRunner): Promise<void> {
    const checks = (await queryRunner.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'meal_account_entry'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%kind%'`,
    )) as Array<{ conname: string }>;
    for (const { conname } of checks) await queryRunner.query(`ALTER TABLE meal_account_entry DROP CONSTRAINT "${conname}"`);
  }
}
