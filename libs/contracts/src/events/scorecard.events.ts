import { z } from 'zod';
import { defineEvent } from '../event-contract';

/** The evaluated service lines and the standings a scorecard (考核记分卡) gives. */
export const SCORECARD_SERVICE_TYPES = ['maintenance', 'procurement', 'catering', 'transport'] as const;
export const SCORECARD_STANDINGS = ['excellent', 'good', 'warning', 'failing'] as const;

const Instant = z.string().datetime({ offset: true });
const Score = z.number().min(0).max(100);

const PeriodShape = {
  /** 'YYYY-MM', 'YYYY-Qn' or 'YYYY' (China Standard Time). */
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/),
  periodStart: Instant,
  /** Exclusive. */
  periodEnd: Instant,
};

export const ScorecardPublished = defineEvent({
  service: 'evaluation',
  aggregate: 'scorecard',
  action: 'published',
  version: 1,
  description:
    "A scorecard was published for a vendor (or the agency's internal team), a service type and a period: immutable from now on. A correction publishes a new version with its reason and supersedes the one before (correctionOf).",
  schema: z.object({
    scorecardId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    /** A vendor id or 'internal-team'. */
    party: z.string().min(1),
    /** Present when the party is a vendor. */
    vendorId: z.string().uuid().optional(),
    serviceType: z.enum(SCORECARD_SERVICE_TYPES),
    ...PeriodShape,
    version: z.number().int().positive(),
    /** The weighted composite, 0–100 (2 decimals); absent when no input had figures. */
    score: Score.optional(),
    standing: z.enum(SCORECARD_STANDINGS).optional(),
    /** Competition rank among the vendors of the service type (1, 1, 3); absent for the internal team or without a score. */
    rank: z.number().int().positive().optional(),
    rankedAmong: z.number().int().nonnegative(),
    publishedBy: z.string().min(1),
    publishedAt: Instant,
    /** The version this one corrects, with the reason. */
    correctionOf: z.string().uuid().optional(),
    reason: z.string().min(1).max(2000).optional(),
  }),
});

export const VendorScoreChanged = defineEvent({
  service: 'evaluation',
  aggregate: 'vendor',
  action: 'score-changed',
  version: 1,
  description:
    "A vendor's published score for a service type and period changed: its first publication, or a correction giving another score or standing. Procurement keeps the latest for tender scoring (past performance).",
  schema: z.object({
    vendorId: z.string().uuid(),
    agencyId: z.string().min(1).max(64),
    serviceType: z.enum(SCORECARD_SERVICE_TYPES),
    ...PeriodShape,
    scorecardId: z.string().uuid(),
    version: z.number().int().positive(),
    score: Score.optional(),
    standing: z.enum(SCORECARD_STANDINGS).optional(),
    /** The score and standing of the version before, when this one corrects it. */
    previousScore: Score.optional(),
    previousStanding: z.enum(SCORECARD_STANDINGS).optional(),
    changedAt: Instant,
  }),
});
