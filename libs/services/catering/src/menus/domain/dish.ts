import { BusinessRuleViolation } from '@houqin/domain';

/** The 14 allergen groups menus must declare (the common international list, 常见过敏原). */
export const ALLERGENS = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'tree-nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

/** A dish above ¥1,000 is a typing error, not a canteen dish. */
export const MAX_DISH_PRICE_FEN = 100_000;

/** Per serving. */
export interface NutritionFacts {
  energyKcal: number;
  proteinG: number;
  fatG: number;
  carbohydrateG: number;
  sodiumMg: number;
}

/** One ingredient and where it came from: the supplier and its batch (批次), for traceability (追溯). */
export interface Ingredient {
  name: string;
  supplierId?: string;
  supplierName: string;
  batch: string;
  /** When the batch was received, YYYY-MM-DD. */
  receivedOn?: string;
}

export interface Dish {
  id: string;
  agencyId: string;
  canteenId: string;
  name: string;
  priceFen: number;
  allergens: Allergen[];
  nutrition: NutritionFacts;
  ingredients: Ingredient[];
  createdBy: string;
  createdAt: Date;
}

export interface DishInput {
  id: string;
  agencyId: string;
  canteenId: string;
  name: string;
  priceFen: number;
  allergens: readonly string[];
  nutrition: NutritionFacts;
  ingredients: readonly Ingredient[];
  createdBy: string;
}

/** A dish as the operator declares it: priced in whole fen, its allergens from the 14 groups, every ingredient traceable to a supplier's batch. */
export function declareDish(input: DishInput, at: Date): Dish {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'give the dish a name', 'name');
  if (!Number.isInteger(input.priceFen) || input.priceFen < 0 || input.priceFen > MAX_DISH_PRICE_FEN) {
    throw new BusinessRuleViolation('invalid-price', `a price is whole fen from 0 to ${MAX_DISH_PRICE_FEN}`, 'priceFen');
  }
  const unknown = input.allergens.find((allergen) => !(ALLERGENS as readonly string[]).includes(allergen));
  if (unknown !== undefined) throw new BusinessRuleViolation('unknown-allergen', `'${unknown}' is not one of the 14 allergen groups`, 'allergens');
  if (new Set(input.allergens).size !== input.allergens.length) throw new BusinessRuleViolation('duplicate-allergen', 'list each allergen once', 'allergens');
  for (const [field, value] of Object.entries(input.nutrition)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new BusinessRuleViolation('invalid-nutrition', `${field} is a number of at least 0`, `nutrition.${field}`);
  }
  if (input.ingredients.length === 0) throw new BusinessRuleViolation('ingredients-required', 'list the ingredients with their supplier and batch', 'ingredients');
  const ingredients = input.ingredients.map((ingredient, index) => {
    const trimmed = { name: ingredient.name.trim(), supplierName: ingredient.supplierName.trim(), batch: ingredient.batch.trim() };
    for (const [field, value] of Object.entries(trimmed)) {
      if (!value) throw new BusinessRuleViolation('ingredient-incomplete', `an ingredient names itself, its supplier and the batch`, `ingredients[${index}].${field}`);
    }
    return {
      ...trimmed,
      ...(ingredient.supplierId ? { supplierId: ingredient.supplierId } : {}),
      ...(ingredient.receivedOn ? { receivedOn: ingredient.receivedOn } : {}),
    };
  });
  return {
    id: input.id,
    agencyId: input.agencyId,
    canteenId: input.canteenId,
    name,
    priceFen: input.priceFen,
    allergens: ALLERGENS.filter((allergen) => input.allergens.includes(allergen)),
    nutrition: { ...input.nutrition },
    ingredients,
    createdBy: input.createdBy,
    createdAt: at,
  };
}
