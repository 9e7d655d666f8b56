import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rental vendor's answer to a dispatch (租车响应), measured: a rental trip keeps the contract's
 * response time and its deadline from the dispatch, the vendor's confirmation (vehicle, driver,
 * minutes, within the SLA or not) and when trip.rental-response-breached went out
 * (rental_response_breached_at: set once, by the sweep or the late confirmation).
 *
 * Rental trips dispatched before this migration have no deadline: they are neither swept nor
 * counted, since their vendors had no way to answer.
 */
export class RentalResponse1767400000000 implements MigrationInterface {
  name = 'RentalResponse1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE trip
        ADD COLUMN rental_response_target_minutes integer CHECK (rental_response_target_minutes > 0),
        ADD COLUMN rental_response_due_at         timestamptz,
        ADD COLUMN rental_confirmed_at            timestamptz,
        ADD COLUMN rental_confirmed_by            text,
        ADD COLUMN rental_plate_number            text,
        ADD COLUMN rental_driver_name             text,
        ADD COLUMN rental_driver_phone            text,
        ADD COLUMN rental_response_minutes        integer CHECK (rental_response_minutes >= 0),
        ADD COLUMN rental_within_sla              boolean,
        ADD COLUMN rental_response_breached_at    timestamptz,
        ADD CONSTRAINT trip_rental_response_due CHECK ((rental_response_target_minutes IS NULL) = (rental_response_due_at IS NULL)),
        ADD CONSTRAINT trip_rental_response_rental CHECK (rental_response_due_at IS NULL OR assignment_kind = 'rental'),
        ADD CONSTRAINT trip_rental_confirmation CHECK (
          (rental_confirmed_at IS NULL AND rental_confirmed_by IS NULL AND rental_within_sla IS NULL AND rental_response_minutes IS NULL)
          OR (rental_confirmed_at IS NOT NULL AND rental_confirmed_by IS NOT NULL AND rental_plate_number IS NOT NULL AND rental_driver_name IS NOT NULL
              AND rental_driver_phone IS NOT NULL AND rental_within_sla IS NOT NULL AND rental_response_minutes IS NOT NULL AND rental_response_due_at IS NOT NULL)),
        -- A late answer is a breach: it is announced by the answer if the sweep did not first.
        ADD CONSTRAINT trip_rental_late_is_breached CHECK (rental_within_sla IS DISTINCT FROM false OR rental_response_breached_at IS NOT NULL)`);
    // The sweep's claim: answers still owed, by deadline.
    await queryRunner.query(`
      CREATE INDEX trip_rental_response_owed ON trip (rental_response_due_at)
        WHERE rental_response_due_at IS NOT NULL AND rental_confirmed_at IS NULL AND rental_response_breached_at IS NULL`);
    // The contract's measured SLA.
    await queryRunner.query(`CREATE INDEX trip_rental_contract ON trip (agency_id, contract_id) WHERE assignment_kind = 'rental'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX trip_rental_contract`);
    await queryRunner.query(`DROP INDEX trip_rental_response_owed`);
    await queryRunner.query(`
      ALTER TABLE trip
        DROP CONSTRAINT trip_rental_late_is_breached,
        DROP CONSTRAINT trip_rental_confirmation,
        DROP CONSTRAINT trip_rental_response_rental,
        DROP CONSTRAINT trip_rental_response_due,
        DROP COLUMN rental_response_breached_at,
        DROP COLUMN rental_within_sla,
        DROP COLUMN rental_response_minutes,
        DROP COLUMN rental_driver_phone,
        DROP COLUMN rental_driver_name,
        DROP COLUMN rental_plate_number,
        DROP COLUMN rental_confirmed_by,
        DROP COLUMN rental_confirmed_at,
        DROP COLUMN rental_response_due_at,
        DROP COLUMN rental_response_target_minutes`);
  }
}
