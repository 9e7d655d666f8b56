import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catering run by contracted operators (issue 17): the projection of procurement's catering
 * contracts and vendors' standing, operator periods, meal periods, dishes and menus, meal accounts
 * and their ledger, subsidy rules, meal services (capacity per canteen, date and period),
 * reservations and served meals, ratings, food waste and food-safety inspections.
 */
export class CateringOperations1767100000000 implements MigrationInterface {
  name = 'CateringOperations1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catering_contract (
        contract_id  uuid PRIMARY KEY,
        agency_id    text NOT NULL,
        vendor_id    uuid NOT NULL,
        vendor_name  text NOT NULL,
        title        text NOT NULL,
        valid_from   timestamptz NOT NULL,
        valid_to     timestamptz NOT NULL,
        targets      jsonb NOT NULL,
        status       text NOT NULL CHECK (status IN ('signed', 'expired', 'terminated')),
        signed_at    timestamptz NOT NULL,
        ended_at     timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX catering_contract_agency ON catering_contract (agency_id, vendor_id)`);
    await queryRunner.query(`
      CREATE TABLE catering_vendor_standing (
        agency_id       text NOT NULL,
        vendor_id       uuid NOT NULL,
        status          text NOT NULL CHECK (status IN ('active', 'suspended', 'blacklisted')),
        sanctioned      boolean NOT NULL,
        reason          text NOT NULL,
        effective_from  timestamptz NOT NULL,
        until           timestamptz,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (agency_id, vendor_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE canteen_operator_period (
        id           uuid PRIMARY KEY,
        agency_id    text NOT NULL,
        canteen_id   uuid NOT NULL REFERENCES canteen (id),
        contract_id  uuid NOT NULL,
        vendor_id    uuid NOT NULL,
        vendor_name  text NOT NULL,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
        targets      jsonb NOT NULL,
        assigned_by  text NOT NULL,
        assigned_at  timestamptz NOT NULL,
        UNIQUE (canteen_id, contract_id)
      )`);
    await queryRunner.query(`CREATE INDEX canteen_operator_period_canteen ON canteen_operator_period (canteen_id, starts_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE canteen_operator_warning (
        id           uuid PRIMARY KEY,
        agency_id    text NOT NULL,
        canteen_id   uuid NOT NULL,
        vendor_id    uuid NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('sanctioned', 'warned', 'suspended', 'blacklisted')),
        reason       text NOT NULL,
        source_ref   text NOT NULL,
        raised_at    timestamptz NOT NULL,
        UNIQUE (canteen_id, source_ref)
      )`);
    await queryRunner.query(`
      CREATE TABLE canteen_meal_period (
        canteen_id      uuid NOT NULL REFERENCES canteen (id),
        agency_id       text NOT NULL,
        period          text NOT NULL CHECK (period IN ('breakfast', 'lunch', 'dinner')),
        serves_from     text NOT NULL,
        serves_until    text NOT NULL,
        cutoff_minutes  integer NOT NULL CHECK (cutoff_minutes >= 0),
        capacity        integer NOT NULL CHECK (capacity > 0),
        PRIMARY KEY (canteen_id, period)
      )`);
    await queryRunner.query(`
      CREATE TABLE dish (
        id           uuid PRIMARY KEY,
        agency_id    text NOT NULL,
        canteen_id   uuid NOT NULL REFERENCES canteen (id),
        name         text NOT NULL,
        price_fen    integer NOT NULL CHECK (price_fen >= 0),
        allergens    text[] NOT NULL,
        nutrition    jsonb NOT NULL,
        ingredients  jsonb NOT NULL,
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dish_canteen ON dish (canteen_id, name)`);
    await queryRunner.query(`
      CREATE TABLE menu (
        id            uuid PRIMARY KEY,
        agency_id     text NOT NULL,
        canteen_id    uuid NOT NULL REFERENCES canteen (id),
        kind          text NOT NULL CHECK (kind IN ('daily', 'weekly')),
        starts_on     date NOT NULL,
        ends_on       date NOT NULL CHECK (ends_on >= starts_on),
        days          jsonb NOT NULL,
        status        text NOT NULL CHECK (status IN ('draft', 'submitted', 'published', 'rejected')),
        vendor_id     uuid,
        drafted_by    text NOT NULL,
        drafted_at    timestamptz NOT NULL,
        decided_by    text,
        decided_at    timestamptz,
        decision_note text,
        version       integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX menu_canteen ON menu (canteen_id, starts_on DESC)`);
    // The published dishes of each day and period: what staff may book and the kitchen cooks.
    await queryRunner.query(`
      CREATE TABLE menu_offer (
        canteen_id    uuid NOT NULL,
        service_date  date NOT NULL,
        period        text NOT NULL,
        dish_id       uuid NOT NULL REFERENCES dish (id),
        menu_id       uuid NOT NULL REFERENCES menu (id),
        PRIMARY KEY (canteen_id, service_date, period, dish_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE meal_account (
        agency_id            text NOT NULL,
        staff_id             text NOT NULL,
        staff_category       text NOT NULL,
        overdraft_limit_fen  integer NOT NULL CHECK (overdraft_limit_fen >= 0),
        subsidised_through   text,
        opened_by            text NOT NULL,
        opened_at            timestamptz NOT NULL,
        PRIMARY KEY (agency_id, staff_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE meal_account_entry (
        id               uuid PRIMARY KEY,
        agency_id        text NOT NULL,
        staff_id         text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('top-up', 'subsidy', 'charge', 'refund')),
        amount_fen       integer NOT NULL CHECK (amount_fen <> 0),
        idempotency_key  text NOT NULL,
        reference        text,
        note             text,
        recorded_by      text NOT NULL,
        recorded_at      timestamptz NOT NULL,
        position         bigserial,
        FOREIGN KEY (agency_id, staff_id) REFERENCES meal_account (agency_id, staff_id),
        UNIQUE (agency_id, staff_id, idempotency_key),
        -- Money in is positive, money out negative: the sign follows the kind.
        CHECK ((kind IN ('top-up', 'subsidy', 'refund')) = (amount_fen > 0))
      )`);
    await queryRunner.query(`CREATE INDEX meal_account_entry_account ON meal_account_entry (agency_id, staff_id, position)`);
    await queryRunner.query(`
      CREATE TABLE meal_subsidy_rule (
        agency_id       text NOT NULL,
        staff_category  text NOT NULL,
        monthly_fen     integer NOT NULL CHECK (monthly_fen >= 0),
        updated_by      text NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (agency_id, staff_category)
      )`);
    // One row per canteen, date and period: the seat count every booking and walk-in takes from.
    await queryRunner.query(`
      CREATE TABLE meal_service (
        canteen_id    uuid NOT NULL,
        service_date  date NOT NULL,
        period        text NOT NULL,
        agency_id     text NOT NULL,
        capacity      integer NOT NULL CHECK (capacity > 0),
        taken         integer NOT NULL DEFAULT 0,
        PRIMARY KEY (canteen_id, service_date, period),
        CHECK (taken >= 0 AND taken <= capacity)
      )`);
    await queryRunner.query(`
      CREATE TABLE reservation (
        id               uuid PRIMARY KEY,
        agency_id        text NOT NULL,
        canteen_id       uuid NOT NULL REFERENCES canteen (id),
        service_date     date NOT NULL,
        period           text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('staff', 'walk-in', 'reception')),
        diner_id         text,
        department_id    text,
        guests           integer NOT NULL DEFAULT 0,
        covers           integer NOT NULL CHECK (covers > 0),
        budget_line      text,
        purpose          text,
        dishes           jsonb NOT NULL,
        amount_fen       integer NOT NULL CHECK (amount_fen >= 0),
        status           text NOT NULL CHECK (status IN ('pending-approval', 'booked', 'cancelled', 'rejected', 'served', 'no-show')),
        qr_token         text NOT NULL UNIQUE,
        cutoff_at        timestamptz NOT NULL,
        serving_ends_at  timestamptz NOT NULL,
        vendor_id        uuid,
        contract_id      uuid,
        charge_entry_id  uuid,
        booked_by        text NOT NULL,
        booked_at        timestamptz NOT NULL,
        decided_by       text,
        decided_at       timestamptz,
        cancelled_at     timestamptz,
        served_at        timestamptz,
        served_by        text,
        served_dishes    jsonb,
        version          integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX reservation_service ON reservation (canteen_id, service_date, period, status)`);
    await queryRunner.query(`CREATE INDEX reservation_diner ON reservation (agency_id, diner_id, service_date DESC)`);
    await queryRunner.query(`CREATE INDEX reservation_no_show ON reservation (serving_ends_at) WHERE status = 'booked'`);
    // One booking per person, canteen, date and period (a reception meal is the department's, not a person's).
    await queryRunner.query(
      `CREATE UNIQUE INDEX reservation_one_per_diner ON reservation (canteen_id, service_date, period, diner_id) WHERE kind <> 'reception' AND status IN ('booked', 'served', 'no-show')`,
    );
    await queryRunner.query(`
      CREATE TABLE meal_rating (
        reservation_id  uuid PRIMARY KEY REFERENCES reservation (id),
        agency_id       text NOT NULL,
        canteen_id      uuid NOT NULL,
        score           integer NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment         text,
        rated_by        text NOT NULL,
        rated_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE food_waste (
        id            uuid PRIMARY KEY,
        agency_id     text NOT NULL,
        canteen_id    uuid NOT NULL REFERENCES canteen (id),
        service_date  date NOT NULL,
        period        text NOT NULL,
        waste_grams   integer NOT NULL CHECK (waste_grams >= 0),
        meals_served  integer NOT NULL CHECK (meals_served >= 0),
        recorded_by   text NOT NULL,
        recorded_at   timestamptz NOT NULL,
        UNIQUE (canteen_id, service_date, period)
      )`);
    await queryRunner.query(`
      CREATE TABLE food_safety_inspection (
        id            uuid PRIMARY KEY,
        agency_id     text NOT NULL,
        canteen_id    uuid NOT NULL REFERENCES canteen (id),
        vendor_id     uuid,
        contract_id   uuid,
        items         jsonb NOT NULL,
        photos        jsonb NOT NULL,
        score         numeric(5, 2) NOT NULL,
        passed        boolean NOT NULL,
        inspected_by  text NOT NULL,
        inspected_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX food_safety_inspection_canteen ON food_safety_inspection (canteen_id, inspected_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'food_safety_inspection',
      'food_waste',
      'meal_rating',
      'reservation',
      'meal_service',
      'meal_subsidy_rule',
      'meal_account_entry',
      'meal_account',
      'menu_offer',
      'menu',
      'dish',
      'canteen_meal_period',
      'canteen_operator_warning',
      'canteen_operator_period',
      'catering_vendor_standing',
      'catering_contract',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
