import { BusinessRuleViolation } from '@houqin/domain';
import { calendarDate } from '../../service-schedule/domain/service-schedule';

/**
 * The documents that must be valid for a vehicle or a driver to be dispatched: the vehicle's
 * insurance (交强险) and annual inspection (年检), the driver's licence (驾驶证) and health check
 * (体检). Each is valid through its expiry day, China Standard Time.
 */
export const FLEET_DOCUMENTS = ['insurance', 'annual-inspection', 'driving-licence', 'health-check'] as const;
export type FleetDocument = (typeof FLEET_DOCUMENTS)[number];

/** Why a vehicle or driver cannot be dispatched, for the manager's screen and the 422's detail. */
export interface Blocker {
  code: string;
  reason: string;
}

export const DOCUMENT_NAMES: Record<FleetDocument, string> = {
  insurance: 'insurance',
  'annual-inspection': 'annual inspection',
  'driving-licence': 'driving licence',
  'health-check': 'health check',
};

/** The document's blocker over a trip whose last day is `lastDay`: missing, or expired before the trip ends. */
export function documentBlocker(document: FleetDocument, expiresOn: string | undefined, lastDay: string): Blocker | undefined {
  if (expiresOn === undefined) return { code: `${document}-not-recorded`, reason: `${DOCUMENT_NAMES[document]} expiry not recorded` };
  if (expiresOn < lastDay) return { code: `${document}-expired`, reason: `${DOCUMENT_NAMES[document]} valid until ${expiresOn}, before ${lastDay}` };
  return undefined;
}

/** A document's expiry date as entered: a calendar date, refused naming the field. */
export function expiryDate(value: string, field: string): string {
  return calendarDate(value, field);
}

/** Whole days from `today` to `day` (both YYYY-MM-DD). */
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export interface ExpiryNotice {
  document: FleetDocument;
  expiresOn: string;
  daysLeft: number;
  expired: boolean;
}

/**
 * Whether the sweep warns about a document today: it expires within `warningDays` (or has
 * expired) and no warning went out for this expiry date yet. A renewal's new date warns again.
 */
export function expiryNotice(document: FleetDocument, expiresOn: string | undefined, warnedFor: string | undefined, today: string, warningDays: number): ExpiryNotice | undefined {
  if (expiresOn === undefined || warnedFor === expiresOn) return undefined;
  if (!Number.isInteger(warningDays) || warningDays < 0) throw new BusinessRuleViolation('invalid-warning-days', 'the warning period is whole days', 'warningDays');
  const daysLeft = daysBetween(today, expiresOn);
  if (daysLeft > warningDays) return undefined;
  return { document, expiresOn, daysLeft, expired: daysLeft < 0 };
}
