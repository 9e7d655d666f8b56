import { z } from 'zod';
import { integerVariable } from '@houqin/service-kit';
import { businessHours } from './sla/domain/service-calendar';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The calendar's own reading of HH:MM-HH:MM decides, so the setting and the clocks never disagree. */
function isBusinessHours(value: string): boolean {
  try {
    businessHours(value);
    return true;
  } catch {
    return false;
  }
}

/** A comma-separated list of YYYY-MM-DD dates (empty: none). */
const dateList = (description: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.split(',').map((date) => date.trim()).filter(Boolean))
    .refine((dates) => dates.every((date) => DATE.test(date)), 'a comma-separated list of dates written YYYY-MM-DD')
    .describe(description);

/** Variables the maintenance service reads beyond the kit's. */
export const maintenanceEnvironment = z.object({
  SLA_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(10_000)
    .describe(
      'How often the maintenance service looks for SLA clocks whose at-risk instant or deadline has passed and publishes sla.at-risk and sla.breached (once per clock, whatever the number of replicas); a warning or breach goes out at most this long after it falls due',
    ),
  SLA_AT_RISK_PERCENT: integerVariable(1, 99)
    .default(80)
    .describe('Share of an SLA target, in percent, after which a running clock is at risk and escalated to the logistics manager; applies to clocks started after a change'),
  SLA_BUSINESS_HOURS_PRIORITIES: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((priority) => priority.trim()).filter(Boolean))
    .refine((priorities) => priorities.every((priority) => (PRIORITIES as readonly string[]).includes(priority)), 'a comma-separated list of low, normal, high, urgent')
    .describe(
      'Priorities whose SLA clocks count business hours only (SLA_BUSINESS_HOURS on working days), e.g. normal,low; the others count round the clock (24×7). Empty (the default): every clock counts round the clock. Applies to clocks started after a change',
    ),
  SLA_BUSINESS_HOURS: z
    .string()
    .default('08:30-17:30')
    .refine(isBusinessHours, 'working hours written HH:MM-HH:MM, the end after the start')
    .describe('The working hours, China Standard Time, of the clocks that count business hours (Monday to Friday, less SLA_HOLIDAYS, plus SLA_WORKDAYS)'),
  SLA_HOLIDAYS: dateList('Public holidays (法定节假日) on weekdays that business-hours SLA clocks do not count, comma-separated YYYY-MM-DD'),
  SLA_WORKDAYS: dateList('Weekend days worked in exchange for holidays (调休上班) that business-hours SLA clocks count, comma-separated YYYY-MM-DD'),
  PREVENTIVE_SWEEP_INTERVAL_MS: integerVariable(50, 3_600_000)
    .default(60_000)
    .describe(
      'How often the maintenance service looks for preventive plans that fell due (due date less the lead time reached, or a meter threshold reached) and raises their work orders (once per occurrence, whatever the number of replicas); a work order is raised at most this long after it falls due',
    ),
});

export type MaintenanceEnvironment = z.infer<typeof maintenanceEnvironment>;
