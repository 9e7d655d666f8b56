import { Section } from './section';

/**
 * The supervision comparison: the same dashboard figures of several agencies side by side. Each
 * figure is read from a service's dashboard section by its path; an agency whose section is
 * unavailable, or whose section lacks the figure, has no value for it (null), never a made-up 0.
 */

export interface ComparedFigure<S extends string = string> {
  /** `<service>.<figure>`, stable for clients. */
  key: string;
  service: S;
  label: string;
  /** Where the number is in the service's dashboard answer. */
  path: readonly string[];
  /** Which way is better, so a reader can rank the agencies. */
  better: 'higher' | 'lower';
}

/** The figures compared, in the order they are shown. */
export const COMPARED_FIGURES = [
  { key: 'maintenance.open-repair-requests', service: 'maintenance', label: 'Open repair requests', path: ['openRepairRequests', 'total'], better: 'lower' },
  { key: 'maintenance.at-risk', service: 'maintenance', label: 'Repair requests past their response target', path: ['atRisk', 'total'], better: 'lower' },
  { key: 'maintenance.oldest-open-minutes', service: 'maintenance', label: 'Age of the oldest open repair request (minutes)', path: ['oldestOpenRepairRequest', 'ageMinutes'], better: 'lower' },
  { key: 'maintenance.reported-today', service: 'maintenance', label: 'Repair requests reported today', path: ['reportedToday'], better: 'lower' },
  { key: 'maintenance.work-orders-open', service: 'maintenance', label: 'Open work orders', path: ['workOrders', 'open', 'total'], better: 'lower' },
  { key: 'maintenance.sla-overdue', service: 'maintenance', label: 'SLA clocks breached and still open', path: ['workOrders', 'sla', 'overdue'], better: 'lower' },
  { key: 'maintenance.sla-breaches-this-month', service: 'maintenance', label: 'SLA breaches this month', path: ['workOrders', 'sla', 'breachedThisMonth'], better: 'lower' },
  { key: 'maintenance.first-time-fix-rate', service: 'maintenance', label: 'First-time-fix rate this month (%)', path: ['workOrders', 'thisMonth', 'firstTimeFixRate'], better: 'higher' },
  { key: 'maintenance.mean-resolution-minutes', service: 'maintenance', label: 'Mean resolution time this month (minutes)', path: ['workOrders', 'thisMonth', 'meanResolutionMinutes'], better: 'lower' },
  { key: 'maintenance.cost-per-work-order', service: 'maintenance', label: 'Cost per work order this month (fen)', path: ['workOrders', 'thisMonth', 'costPerWorkOrderFen'], better: 'lower' },
  { key: 'procurement.vendors', service: 'procurement', label: 'Vendors in the registry', path: ['vendors', 'total'], better: 'higher' },
  { key: 'procurement.vendors-active', service: 'procurement', label: 'Active vendors', path: ['vendors', 'byStatus', 'active'], better: 'higher' },
  { key: 'procurement.vendors-suspended', service: 'procurement', label: 'Suspended vendors', path: ['vendors', 'byStatus', 'suspended'], better: 'lower' },
  { key: 'procurement.vendors-blacklisted', service: 'procurement', label: 'Blacklisted vendors', path: ['vendors', 'byStatus', 'blacklisted'], better: 'lower' },
  { key: 'catering.canteens-open', service: 'catering', label: 'Open canteens', path: ['canteens', 'byStatus', 'open'], better: 'higher' },
  { key: 'catering.canteens-closed', service: 'catering', label: 'Closed canteens', path: ['canteens', 'byStatus', 'closed'], better: 'lower' },
  { key: 'catering.open-seats', service: 'catering', label: 'Seats in open canteens', path: ['canteens', 'openSeats'], better: 'higher' },
  { key: 'transport.fleet', service: 'transport', label: 'Vehicles in the fleet (not retired)', path: ['vehicles', 'fleet'], better: 'higher' },
  { key: 'transport.available', service: 'transport', label: 'Vehicles available', path: ['vehicles', 'byStatus', 'available'], better: 'higher' },
  { key: 'transport.in-workshop', service: 'transport', label: 'Vehicles in the workshop', path: ['vehicles', 'byStatus', 'inService'], better: 'lower' },
  { key: 'evaluation.audit-entries-today', service: 'evaluation', label: 'Audit trail entries today', path: ['auditTrail', 'entriesToday'], better: 'higher' },
  { key: 'evaluation.maintenance-cost-per-work-order', service: 'evaluation', label: 'Maintenance cost per verified work order this month (fen)', path: ['maintenanceThisMonth', 'costPerWorkOrderFen'], better: 'lower' },
  { key: 'evaluation.maintenance-sla-compliance', service: 'evaluation', label: 'Maintenance resolved within SLA this month (%)', path: ['maintenanceThisMonth', 'slaCompliance'], better: 'higher' },
  { key: 'evaluation.maintenance-satisfaction', service: 'evaluation', label: 'Maintenance satisfaction this month (1–5)', path: ['maintenanceThisMonth', 'satisfaction'], better: 'higher' },
  { key: 'evaluation.maintenance-complaint-rate', service: 'evaluation', label: 'Maintenance complaints per 100 verified work orders this month', path: ['maintenanceThisMonth', 'complaintRate'], better: 'lower' },
  { key: 'evaluation.survey-response-rate', service: 'evaluation', label: 'Survey response rate this month (%)', path: ['surveys', 'responseRateThisMonth'], better: 'higher' },
  { key: 'evaluation.open-follow-ups', service: 'evaluation', label: 'Open follow-ups of low satisfaction', path: ['surveys', 'openFollowUps'], better: 'lower' },
] as const satisfies readonly ComparedFigure[];

export interface AgencyFigures<S extends string> {
  agencyId: string;
  sections: Record<S, Section<Record<string, unknown>>>;
}

export interface ComparedValue {
  agencyId: string;
  /** Null when the agency's section is unavailable or has no such figure. */
  value: number | null;
}

export interface ComparisonRow {
  key: string;
  service: string;
  label: string;
  better: 'higher' | 'lower';
  /** One value per agency, in the order of the agencies. */
  values: ComparedValue[];
  /** The agencies with the best and the worst value (ties: all of them); empty when fewer than two values. */
  best: string[];
  worst: string[];
}

/** The comparison table: a row per figure, a column per agency. */
export function comparisonTable<S extends string>(figures: ReadonlyArray<ComparedFigure<S>>, agencies: ReadonlyArray<AgencyFigures<S>>): ComparisonRow[] {
  return figures.map((figure) => {
    const values = agencies.map((agency) => ({ agencyId: agency.agencyId, value: figureOf(agency.sections[figure.service], figure.path) }));
    const known = values.filter((entry): entry is { agencyId: string; value: number } => entry.value !== null);
    let best: string[] = [];
    let worst: string[] = [];
    if (known.length >= 2) {
      const numbers = known.map((entry) => entry.value);
      const highest = Math.max(...numbers);
      const lowest = Math.min(...numbers);
      if (highest !== lowest) {
        const [top, bottom] = figure.better === 'higher' ? [highest, lowest] : [lowest, highest];
        best = known.filter((entry) => entry.value === top).map((entry) => entry.agencyId);
        worst = known.filter((entry) => entry.value === bottom).map((entry) => entry.agencyId);
      }
    }
    return { key: figure.key, service: figure.service, label: figure.label, better: figure.better, values, best, worst };
  });
}

/** The number at `path` of an available section; null otherwise. */
export function figureOf(section: Section<Record<string, unknown>> | undefined, path: readonly string[]): number | null {
  if (!section || section.status !== 'available') return null;
  let value: unknown = section.data;
  for (const step of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[step];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
