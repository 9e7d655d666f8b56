import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import type { MealPeriod } from '../canteens/domain/canteen';
import type { Dish } from '../menus/domain/dish';
import { MealPeriodSettings } from './domain/meal-period';
import { BookedDish, Reservation, ReservationStatus } from './domain/reservation';

interface ReservationRow {
  id: string;
  agency_id: string;
  canteen_id: string;
  service_date: string;
  period: MealPeriod;
  kind: Reservation['kind'];
  diner_id: string | null;
  department_id: string | null;
  guests: number;
  covers: number;
  budget_line: string | null;
  purpose: string | null;
  dishes: BookedDish[];
  amount_fen: number;
  status: ReservationStatus;
  qr_token: string;
  cutoff_at: Date;
  serving_ends_at: Date;
  vendor_id: string | null;
  contract_id: string | null;
  charge_entry_id: string | null;
  booked_by: string;
  booked_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  cancelled_at: Date | null;
  served_at: Date | null;
  served_by: string | null;
  version: number;
}

const COLUMNS = `id, agency_id, canteen_id, to_char(service_date, 'YYYY-MM-DD') AS service_date, period, kind, diner_id, department_id, guests, covers, budget_line, purpose,
  dishes, amount_fen, status, qr_token, cutoff_at, serving_ends_at, vendor_id, contract_id, charge_entry_id, booked_by, booked_at, decided_by, decided_at,
  cancelled_at, served_at, served_by, version`;

export interface WasteRecord {
  id: string;
  canteenId: string;
  serviceDate: string;
  period: MealPeriod;
  wasteGrams: number;
  mealsServed: number;
  recordedBy: string;
  recordedAt: Date;
}

/** Meal periods, the seat count of each meal service, reservations and served meals, ratings and food waste. */
@Injectable()
export class ReservationsRepository {
  async mealPeriods(manager: EntityManager, canteenId: string): Promise<MealPeriodSettings[]> {
    const rows = (await manager.query(`SELECT * FROM canteen_meal_period WHERE canteen_id = $1`, [canteenId])) as Array<{
      canteen_id: string;
      period: MealPeriod;
      serves_from: string;
      serves_until: string;
      cutoff_minutes: number;
      capacity: number;
    }>;
    return rows.map((row) => ({ canteenId: row.canteen_id, period: row.period, servesFrom: row.serves_from, servesUntil: row.serves_until, cutoffMinutes: row.cutoff_minutes, capacity: row.capacity }));
  }

  async saveMealPeriod(manager: EntityManager, agencyId: string, settings: MealPeriodSettings): Promise<void> {
    await manager.query(
      `INSERT INTO canteen_meal_period (canteen_id, agency_id, period, serves_from, serves_until, cutoff_minutes, capacity) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (canteen_id, period) DO UPDATE SET serves_from = EXCLUDED.serves_from, serves_until = EXCLUDED.serves_until, cutoff_minutes = EXCLUDED.cutoff_minutes, capacity = EXCLUDED.capacity`,
      [settings.canteenId, agencyId, settings.period, settings.servesFrom, settings.servesUntil, settings.cutoffMinutes, settings.capacity],
    );
  }

  /**
   * Takes `covers` meals of a service's capacity in one statement: the row's lock makes concurrent
   * bookings take turns, and the condition refuses any that would exceed the capacity. The capacity
   * is fixed when the service's first booking creates its row.
   */
  async takeSeats(manager: EntityManager, service: { agencyId: string; canteenId: string; date: string; period: MealPeriod; capacity: number }, covers: number): Promise<boolean> {
    await manager.query(
      `INSERT INTO meal_service (canteen_id, service_date, period, agency_id, capacity) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (canteen_id, service_date, period) DO NOTHING`,
      [service.canteenId, service.date, service.period, service.agencyId, service.capacity],
    );
    const taken = (await manager.query(
      `UPDATE meal_service SET taken = taken + $4 WHERE canteen_id = $1 AND service_date = $2 AND period = $3 AND taken + $4 <= capacity RETURNING taken`,
      [service.canteenId, service.date, service.period, covers],
    )) as [unknown[], number];
    return taken[1] > 0;
  }

  async releaseSeats(manager: EntityManager, reservation: Reservation): Promise<void> {
    await manager.query(`UPDATE meal_service SET taken = taken - $4 WHERE canteen_id = $1 AND service_date = $2 AND period = $3`, [
      reservation.canteenId,
      reservation.serviceDate,
      reservation.period,
      reservation.covers,
    ]);
  }

  async service(manager: EntityManager, canteenId: string, date: string, period: MealPeriod): Promise<{ capacity: number; taken: number } | undefined> {
    const rows = (await manager.query(`SELECT capacity, taken FROM meal_service WHERE canteen_id = $1 AND service_date = $2 AND period = $3`, [canteenId, date, period])) as Array<{
      capacity: number;
      taken: number;
    }>;
    return rows[0];
  }

  async insert(manager: EntityManager, reservation: Reservation): Promise<void> {
    const r = reservation;
    await manager.query(
      `INSERT INTO reservation (id, agency_id, canteen_id, service_date, period, kind, diner_id, department_id, guests, covers, budget_line, purpose, dishes, amount_fen,
         status, qr_token, cutoff_at, serving_ends_at, vendor_id, contract_id, charge_entry_id, booked_by, booked_at, decided_by, decided_at, served_at, served_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)`,
      [
        r.id,
        r.agencyId,
        r.canteenId,
        r.serviceDate,
        r.period,
        r.kind,
        r.dinerId ?? null,
        r.departmentId ?? null,
        r.guests,
        r.covers,
        r.budgetLine ?? null,
        r.purpose ?? null,
        JSON.stringify(r.dishes),
        r.amountFen,
        r.status,
        r.qrToken,
        r.cutoffAt,
        r.servingEndsAt,
        r.vendorId ?? null,
        r.contractId ?? null,
        r.chargeEntryId ?? null,
        r.bookedBy,
        r.bookedAt,
        r.decidedBy ?? null,
        r.decidedAt ?? null,
        r.servedAt ?? null,
        r.servedBy ?? null,
      ],
    );
  }

  async load(manager: EntityManager, agencyId: string, id: string, forUpdate = false): Promise<{ reservation: Reservation; version: number }> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM reservation WHERE id = $1 AND agency_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, agencyId])) as ReservationRow[];
    if (!rows[0]) throw new NotFoundError('reservation', id);
    return { reservation: reservationOf(rows[0]), version: rows[0].version };
  }

  async findBooked(manager: EntityManager, where: { agencyId: string; canteenId: string; date: string; period: MealPeriod } & ({ qrToken: string } | { dinerId: string })): Promise<Reservation | undefined> {
    const byToken = 'qrToken' in where;
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM reservation WHERE agency_id = $1 AND canteen_id = $2 AND ${byToken ? 'qr_token = $3' : "diner_id = $3 AND service_date = $4 AND period = $5 AND kind <> 'reception'"}
        ORDER BY booked_at DESC LIMIT 1 FOR UPDATE`,
      byToken ? [where.agencyId, where.canteenId, where.qrToken] : [where.agencyId, where.canteenId, where.dinerId, where.date, where.period],
    )) as ReservationRow[];
    return rows[0] ? reservationOf(rows[0]) : undefined;
  }

  async save(manager: EntityManager, reservation: Reservation, version: number): Promise<void> {
    await manager.query(
      `UPDATE reservation SET status = $2, decided_by = $3, decided_at = $4, cancelled_at = $5, served_at = $6, served_by = $7, charge_entry_id = $8, version = $9 + 1
        WHERE id = $1 AND version = $9`,
      [
        reservation.id,
        reservation.status,
        reservation.decidedBy ?? null,
        reservation.decidedAt ?? null,
        reservation.cancelledAt ?? null,
        reservation.servedAt ?? null,
        reservation.servedBy ?? null,
        reservation.chargeEntryId ?? null,
        version,
      ],
    );
  }

  async recordServedDishes(manager: EntityManager, reservationId: string, dishes: readonly Dish[]): Promise<void> {
    await manager.query(`UPDATE reservation SET served_dishes = $2::jsonb WHERE id = $1`, [reservationId, JSON.stringify(dishes)]);
  }

  async servedDishes(manager: EntityManager, reservationId: string): Promise<Array<Dish & { createdAt: string }>> {
    const rows = (await manager.query(`SELECT served_dishes FROM reservation WHERE id = $1`, [reservationId])) as Array<{ served_dishes: Array<Dish & { createdAt: string }> | null }>;
    return rows[0]?.served_dishes ?? [];
  }

  async list(
    manager: EntityManager,
    filter: { agencyId: string; canteenId?: string; date?: string; period?: MealPeriod; status?: ReservationStatus; person?: string },
    limit: number,
  ): Promise<Reservation[]> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM reservation WHERE agency_id = $1 AND ($2::uuid IS NULL OR canteen_id = $2) AND ($3::date IS NULL OR service_date = $3)
          AND ($4::text IS NULL OR period = $4) AND ($5::text IS NULL OR status = $5) AND ($6::text IS NULL OR diner_id = $6 OR booked_by = $6)
        ORDER BY service_date DESC, booked_at DESC LIMIT $7`,
      [filter.agencyId, filter.canteenId ?? null, filter.date ?? null, filter.period ?? null, filter.status ?? null, filter.person ?? null, limit],
    )) as ReservationRow[];
    return rows.map(reservationOf);
  }

  /** Booked meals whose serving ended, claimed so that replicas sweeping at once take different ones. */
  async claimNoShows(manager: EntityManager, at: Date, limit: number): Promise<Array<{ reservation: Reservation; version: number }>> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM reservation WHERE status = 'booked' AND serving_ends_at <= $1 ORDER BY serving_ends_at LIMIT $2 FOR UPDATE SKIP LOCKED`, [
      at,
      limit,
    ])) as ReservationRow[];
    return rows.map((row) => ({ reservation: reservationOf(row), version: row.version }));
  }

  /** Inserts the rating; false when the meal was rated already. */
  async insertRating(manager: EntityManager, rating: { reservationId: string; agencyId: string; canteenId: string; score: number; comment?: string; ratedBy: string; ratedAt: Date }): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO meal_rating (reservation_id, agency_id, canteen_id, score, comment, rated_by, rated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reservation_id) DO NOTHING RETURNING reservation_id`,
      [rating.reservationId, rating.agencyId, rating.canteenId, rating.score, rating.comment ?? null, rating.ratedBy, rating.ratedAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  async servedCovers(manager: EntityManager, canteenId: string, date: string, period: MealPeriod): Promise<number> {
    const rows = (await manager.query(`SELECT coalesce(sum(covers), 0)::int AS covers FROM reservation WHERE canteen_id = $1 AND service_date = $2 AND period = $3 AND status = 'served'`, [
      canteenId,
      date,
      period,
    ])) as Array<{ covers: number }>;
    return rows[0]?.covers ?? 0;
  }

  /** Inserts the weighing; false when the period's waste was recorded already. */
  async insertWaste(manager: EntityManager, agencyId: string, waste: WasteRecord): Promise<boolean> {
    const inserted = (await manager.query(
      `INSERT INTO food_waste (id, agency_id, canteen_id, service_date, period, waste_grams, meals_served, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (canteen_id, service_date, period) DO NOTHING RETURNING id`,
      [waste.id, agencyId, waste.canteenId, waste.serviceDate, waste.period, waste.wasteGrams, waste.mealsServed, waste.recordedBy, waste.recordedAt],
    )) as unknown[];
    return inserted.length > 0;
  }

  async waste(manager: EntityManager, canteenId: string, limit: number): Promise<WasteRecord[]> {
    const rows = (await manager.query(
      `SELECT id, canteen_id, to_char(service_date, 'YYYY-MM-DD') AS service_date, period, waste_grams, meals_served, recorded_by, recorded_at FROM food_waste
        WHERE canteen_id = $1 ORDER BY service_date DESC, period LIMIT $2`,
      [canteenId, limit],
    )) as Array<{ id: string; canteen_id: string; service_date: string; period: MealPeriod; waste_grams: number; meals_served: number; recorded_by: string; recorded_at: Date }>;
    return rows.map((row) => ({
      id: row.id,
      canteenId: row.canteen_id,
      serviceDate: row.service_date,
      period: row.period,
      wasteGrams: row.waste_grams,
      mealsServed: row.meals_served,
      recordedBy: row.recorded_by,
      recordedAt: row.recorded_at,
    }));
  }
}

function reservationOf(row: ReservationRow): Reservation {
  return {
    id: row.id,
    agencyId: row.agency_id,
    canteenId: row.canteen_id,
    serviceDate: row.service_date,
    period: row.period,
    kind: row.kind,
    ...(row.diner_id ? { dinerId: row.diner_id } : {}),
    ...(row.department_id ? { departmentId: row.department_id } : {}),
    guests: row.guests,
    covers: row.covers,
    ...(row.budget_line ? { budgetLine: row.budget_line } : {}),
    ...(row.purpose ? { purpose: row.purpose } : {}),
    dishes: row.dishes,
    amountFen: row.amount_fen,
    status: row.status,
    qrToken: row.qr_token,
    cutoffAt: row.cutoff_at,
    servingEndsAt: row.serving_ends_at,
    ...(row.vendor_id ? { vendorId: row.vendor_id } : {}),
    ...(row.contract_id ? { contractId: row.contract_id } : {}),
    ...(row.charge_entry_id ? { chargeEntryId: row.charge_entry_id } : {}),
    bookedBy: row.booked_by,
    bookedAt: row.booked_at,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.cancelled_at ? { cancelledAt: row.cancelled_at } : {}),
    ...(row.served_at ? { servedAt: row.served_at } : {}),
    ...(row.served_by ? { servedBy: row.served_by } : {}),
  };
}
