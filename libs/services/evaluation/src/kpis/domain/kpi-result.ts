/** Whether a larger value is better (on-time %) or worse (reopen %, cost). */
export type KpiDirection = 'higher-is-better' | 'lower-is-better';

/** One KPI's value for a party, agency, service type and period, with the agency's effective definition. */
export interface KpiResult {
  code: string;
  name: string;
  unit: string;
  direction: KpiDirection;
  target: number;
  /** Whole number; the weights of a service type's KPIs sum to 100. */
  weight: number;
  /** null when no event of the period fed it (or the events it reads do not exist yet). */
  value: number | null;
  /** How many service instances (work orders, deliveries, plan occurrences…) the value is computed from. */
  sampleSize: number;
}
