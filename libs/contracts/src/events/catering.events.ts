import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const MEAL_PERIODS = ['breakfast', 'lunch', 'dinner'] as const;

export const CanteenLocation = z.object({
  building: z.string().min(1).max(100),
  floor: z.string().max(20).optional(),
});

export const CanteenOpened = defineEvent({
  service: 'catering',
  aggregate: 'canteen',
  action: 'opened',
  version: 1,
  description: 'A canteen (食堂) was registered and opened: it serves the listed meal periods to the agency\'s staff.',
  schema: z.object({
    canteenId: z.string().uuid(),
    name: z.string().min(1).max(100),
    location: CanteenLocation,
    capacity: z.number().int().positive(),
    mealPeriods: z.array(z.enum(MEAL_PERIODS)).min(1),
    status: z.literal('open'),
    openedBy: z.string().min(1),
    openedAt: z.string().datetime({ offset: true }),
  }),
});

export const CanteenClosed = defineEvent({
  service: 'catering',
  aggregate: 'canteen',
  action: 'closed',
  version: 1,
  description: 'A canteen closed temporarily, with the reason: it takes no reservations and serves no meals until reopened.',
  schema: z.object({
    canteenId: z.string().uuid(),
    name: z.string().min(1).max(100),
    status: z.literal('closed'),
    reason: z.string().min(1).max(1000),
    closedBy: z.string().min(1),
    closedAt: z.string().datetime({ offset: true }),
  }),
});

export const CanteenReopened = defineEvent({
  service: 'catering',
  aggregate: 'canteen',
  action: 'reopened',
  version: 1,
  description: 'A temporarily closed canteen reopened and serves its meal periods again.',
  schema: z.object({
    canteenId: z.string().uuid(),
    name: z.string().min(1).max(100),
    mealPeriods: z.array(z.enum(MEAL_PERIODS)).min(1),
    status: z.literal('open'),
    reopenedBy: z.string().min(1),
    reopenedAt: z.string().datetime({ offset: true }),
    /** When the closure that just ended began, and why. */
    closedAt: z.string().datetime({ offset: true }),
    closureReason: z.string().min(1).max(1000),
  }),
});

/** One item of a food-safety inspection checklist that failed. */
export const FailedInspectionItem = z.object({
  code: z.string().min(1).max(64),
  description: z.string().min(1).max(500),
});

export const InspectionFailed = defineEvent({
  service: 'catering',
  aggregate: 'inspection',
  action: 'failed',
  version: 1,
  description:
    "A canteen's food-safety inspection (食品安全检查) failed: the score and the failed checklist items, the vendor running the canteen and its contract when it is contracted out. Evaluation records it as a violation of the vendor (or of the internal team) once per inspection.",
  schema: z.object({
    canteenId: z.string().uuid(),
    inspectionId: z.string().uuid(),
    /** The vendor running the canteen; absent when the agency runs it itself. */
    vendorId: z.string().uuid().optional(),
    contractId: z.string().uuid().optional(),
    /** The inspection's score, 0–100. */
    score: z.number().min(0).max(100),
    failedItems: z.array(FailedInspectionItem).min(1),
    inspectedBy: z.string().min(1),
    inspectedAt: z.string().datetime({ offset: true }),
  }),
});

const CateringInstant = z.string().datetime({ offset: true });
const ServiceDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The operator of the canteen at the time: absent when the agency runs it itself. */
const CateringOperator = { vendorId: z.string().uuid().optional(), contractId: z.string().uuid().optional() };

export const MenuPublished = defineEvent({
  service: 'catering',
  aggregate: 'menu',
  action: 'published',
  version: 1,
  description:
    "A canteen's daily or weekly menu (菜谱), drafted by its operator, was approved by the logistics manager: staff may book its dishes for each day and meal period it lists.",
  schema: z.object({
    menuId: z.string().uuid(),
    canteenId: z.string().uuid(),
    kind: z.enum(['daily', 'weekly']),
    startsOn: ServiceDate,
    endsOn: ServiceDate,
    days: z.array(z.object({ date: ServiceDate, period: z.enum(MEAL_PERIODS), dishIds: z.array(z.string().uuid()).min(1) })).min(1),
    ...CateringOperator,
    draftedBy: z.string().min(1),
    approvedBy: z.string().min(1),
    publishedAt: CateringInstant,
  }),
});

export const MealServed = defineEvent({
  service: 'catering',
  aggregate: 'meal',
  action: 'served',
  version: 1,
  description:
    'A meal was served at the counter (a booking checked in by staff id or QR code, or a walk-in): the completion of a catering service instance, surveyed and rated in evaluation against the operator running the canteen. Amounts in fen.',
  schema: z.object({
    mealId: z.string().uuid(),
    canteenId: z.string().uuid(),
    serviceDate: ServiceDate,
    period: z.enum(MEAL_PERIODS),
    kind: z.enum(['staff', 'walk-in', 'reception']),
    /** The staff member served; absent for a reception meal. */
    dinerId: z.string().min(1).optional(),
    departmentId: z.string().min(1).optional(),
    covers: z.number().int().positive(),
    dishIds: z.array(z.string().uuid()).min(1),
    amountFen: z.number().int().nonnegative(),
    ...CateringOperator,
    servedBy: z.string().min(1),
    servedAt: CateringInstant,
  }),
});

export const MealRated = defineEvent({
  service: 'catering',
  aggregate: 'meal',
  action: 'rated',
  version: 1,
  description: 'The person served rated the meal (评价), once: a score from 1 to 5 and an optional comment. Evaluation counts it in the operator’s meal-rating KPI.',
  schema: z.object({
    mealId: z.string().uuid(),
    canteenId: z.string().uuid(),
    score: z.number().int().min(1).max(5),
    comment: z.string().max(1000).optional(),
    ...CateringOperator,
    ratedBy: z.string().min(1),
    ratedAt: CateringInstant,
  }),
});

export const InspectionPassed = defineEvent({
  service: 'catering',
  aggregate: 'inspection',
  action: 'passed',
  version: 1,
  description:
    "A canteen's food-safety inspection (食品安全检查) passed every checklist item. With inspection.failed it gives the operator's inspection pass rate in evaluation.",
  schema: z.object({
    canteenId: z.string().uuid(),
    inspectionId: z.string().uuid(),
    ...CateringOperator,
    score: z.number().min(0).max(100),
    items: z.number().int().positive(),
    inspectedBy: z.string().min(1),
    inspectedAt: CateringInstant,
  }),
});

export const FoodWasteRecorded = defineEvent({
  service: 'catering',
  aggregate: 'food-waste',
  action: 'recorded',
  version: 1,
  description: 'The food waste (餐厨浪费) of one served meal period of a canteen was weighed, with the meals served in it: evaluation’s waste-per-meal KPI of the operator.',
  schema: z.object({
    canteenId: z.string().uuid(),
    serviceDate: ServiceDate,
    period: z.enum(MEAL_PERIODS),
    wasteGrams: z.number().int().nonnegative(),
    mealsServed: z.number().int().nonnegative(),
    ...CateringOperator,
    recordedBy: z.string().min(1),
    recordedAt: CateringInstant,
  }),
});

/** Catering's events beyond the canteen's own and inspection.failed. */
export const CATERING_EVENTS = [MenuPublished, MealServed, MealRated, InspectionPassed, FoodWasteRecorded] as const;
