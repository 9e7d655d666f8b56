import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '@houqin/domain';
import type { MealPeriod } from '../canteens/domain/canteen';
import { Allergen, Dish, Ingredient, NutritionFacts } from './domain/dish';
import { Menu, MenuDay, MenuKind, MenuStatus } from './domain/menu';

interface DishRow {
  id: string;
  agency_id: string;
  canteen_id: string;
  name: string;
  price_fen: number;
  allergens: Allergen[];
  nutrition: NutritionFacts;
  ingredients: Ingredient[];
  created_by: string;
  created_at: Date;
}

interface MenuRow {
  id: string;
  agency_id: string;
  canteen_id: string;
  kind: MenuKind;
  starts_on: string;
  ends_on: string;
  days: MenuDay[];
  status: MenuStatus;
  vendor_id: string | null;
  drafted_by: string;
  drafted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  version: number;
}

const MENU_COLUMNS = `id, agency_id, canteen_id, kind, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, days, status, vendor_id,
  drafted_by, drafted_at, decided_by, decided_at, decision_note, version`;

/** Dishes, menus and the published offer of each day and period. */
@Injectable()
export class MenusRepository {
  async insertDish(manager: EntityManager, dish: Dish): Promise<void> {
    await manager.query(
      `INSERT INTO dish (id, agency_id, canteen_id, name, price_fen, allergens, nutrition, ingredients, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
      [dish.id, dish.agencyId, dish.canteenId, dish.name, dish.priceFen, dish.allergens, JSON.stringify(dish.nutrition), JSON.stringify(dish.ingredients), dish.createdBy, dish.createdAt],
    );
  }

  async dishes(manager: EntityManager, canteenId: string, ids?: readonly string[]): Promise<Dish[]> {
    const rows = (ids
      ? await manager.query(`SELECT * FROM dish WHERE canteen_id = $1 AND id = ANY($2::uuid[]) ORDER BY name`, [canteenId, ids])
      : await manager.query(`SELECT * FROM dish WHERE canteen_id = $1 ORDER BY name`, [canteenId])) as DishRow[];
    return rows.map(dishOf);
  }

  async dishIds(manager: EntityManager, canteenId: string): Promise<Set<string>> {
    const rows = (await manager.query(`SELECT id FROM dish WHERE canteen_id = $1`, [canteenId])) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  async insertMenu(manager: EntityManager, menu: Menu): Promise<void> {
    await manager.query(
      `INSERT INTO menu (id, agency_id, canteen_id, kind, starts_on, ends_on, days, status, vendor_id, drafted_by, drafted_at) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)`,
      [menu.id, menu.agencyId, menu.canteenId, menu.kind, menu.startsOn, menu.endsOn, JSON.stringify(menu.days), menu.status, menu.vendorId ?? null, menu.draftedBy, menu.draftedAt],
    );
  }

  async loadMenu(manager: EntityManager, agencyId: string, id: string, forUpdate = false): Promise<{ menu: Menu; version: number }> {
    const rows = (await manager.query(`SELECT ${MENU_COLUMNS} FROM menu WHERE id = $1 AND agency_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, agencyId])) as MenuRow[];
    if (!rows[0]) throw new NotFoundError('menu', id);
    return { menu: menuOf(rows[0]), version: rows[0].version };
  }

  async saveMenu(manager: EntityManager, menu: Menu, version: number): Promise<void> {
    await manager.query(`UPDATE menu SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5, version = $6 + 1 WHERE id = $1 AND version = $6`, [
      menu.id,
      menu.status,
      menu.decidedBy ?? null,
      menu.decidedAt ?? null,
      menu.decisionNote ?? null,
      version,
    ]);
  }

  async menus(manager: EntityManager, canteenId: string, status: MenuStatus | undefined, limit: number): Promise<Menu[]> {
    const rows = (await manager.query(
      `SELECT ${MENU_COLUMNS} FROM menu WHERE canteen_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY starts_on DESC, drafted_at DESC LIMIT $3`,
      [canteenId, status ?? null, limit],
    )) as MenuRow[];
    return rows.map(menuOf);
  }

  /** Publishing puts the menu's dishes on offer; a later published menu for the same day and period takes over. */
  async publishOffer(manager: EntityManager, menu: Menu): Promise<void> {
    for (const day of menu.days) {
      await manager.query(`DELETE FROM menu_offer WHERE canteen_id = $1 AND service_date = $2 AND period = $3`, [menu.canteenId, day.date, day.period]);
      await manager.query(
        `INSERT INTO menu_offer (canteen_id, service_date, period, dish_id, menu_id) SELECT $1, $2, $3, unnest($4::uuid[]), $5`,
        [menu.canteenId, day.date, day.period, day.dishIds, menu.id],
      );
    }
  }

  /** The dishes on offer for a day and period (published). */
  async offer(manager: EntityManager, canteenId: string, date: string, period: MealPeriod): Promise<Dish[]> {
    const rows = (await manager.query(
      `SELECT d.* FROM menu_offer o JOIN dish d ON d.id = o.dish_id WHERE o.canteen_id = $1 AND o.service_date = $2 AND o.period = $3 ORDER BY d.name`,
      [canteenId, date, period],
    )) as DishRow[];
    return rows.map(dishOf);
  }
}

export function dishOf(row: DishRow): Dish {
  return {
    id: row.id,
    agencyId: row.agency_id,
    canteenId: row.canteen_id,
    name: row.name,
    priceFen: row.price_fen,
    allergens: row.allergens,
    nutrition: row.nutrition,
    ingredients: row.ingredients,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function menuOf(row: MenuRow): Menu {
  return {
    id: row.id,
    agencyId: row.agency_id,
    canteenId: row.canteen_id,
    kind: row.kind,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    days: row.days,
    status: row.status,
    ...(row.vendor_id ? { vendorId: row.vendor_id } : {}),
    draftedBy: row.drafted_by,
    draftedAt: row.drafted_at,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.decision_note ? { decisionNote: row.decision_note } : {}),
  };
}
