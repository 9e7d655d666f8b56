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
