import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { REPAIR_PRIORITIES } from './maintenance.events';

/** SLA clocks (服务时限) of maintenance work orders: one for the response, one for the resolution. */
export const SLA_CLOCK_KINDS = ['response', 'resolution'] as const;

const Instant = z.string().datetime({ offset: true });
const Minutes = z.number().nonnegative();

const SlaClockSummary = {
  workOrderId: z.string().uuid(),
  agencyId: z.string().min(1),
  /** Absent while the work order has no vendor assigned. */
  vendorId: z.string().uuid().optional(),
  contractId: z.string().uuid().optional(),
  kind: z.enum(SLA_CLOCK_KINDS),
  priority: z.enum(REPAIR_PRIORITIES),
  /** Running time the vendor has, in minutes (fractional for targets below a minute). */
  targetMinutes: z.number().positive(),
  /** When the clock runs out, pauses included. */
  deadline: Instant,
  /** Who the warning or the breach escalates to. */
  escalateTo: z.literal('logistics-manager'),
};

export const SlaAtRisk = defineEvent({
  service: 'maintenance',
  aggregate: 'sla',
  action: 'at-risk',
  version: 1,
  description:
    "A work order's response or resolution clock passed its at-risk share of the target (80 % by default) and is still running: escalated to the agency's logistics manager before the deadline. Published once per clock.",
  schema: z.object({ ...SlaClockSummary, remainingMinutes: Minutes, atRiskAt: Instant, warnedAt: Instant }),
});

export const SlaBreached = defineEvent({
  service: 'maintenance',
  aggregate: 'sla',
  action: 'breached',
  version: 1,
  description:
    "A work order's response or resolution clock ran past its deadline: escalated to the agency's logistics manager and counted against the vendor in evaluation. Published once per clock, by the sweep when the deadline passes or by the late stop, whichever comes first.",
  schema: z.object({ ...SlaClockSummary, breachedAt: Instant }),
});
