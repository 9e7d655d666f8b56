import { BUSINESS_UTC_OFFSET_MINUTES, BusinessRuleViolation } from '@houqin/domain';

/**
 * Passenger ranks (职级), lowest first: 办事员/科员, 科级, 处级, 局级, 部级.
 */
export const PASSENGER_RANKS = ['staff', 'section', 'division', 'bureau', 'ministry'] as const;
export type PassengerRank = (typeof PASSENGER_RANKS)[number];

/** Why a trip request waits for an approver; none and it is approved by the agency's policy at once. */
export const APPROVAL_REASONS = ['distance', 'out-of-city', 'after-hours', 'passenger-rank'] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

/**
 * An agency's rules for official vehicle use (公务用车审批): a trip needs an approver when it is
 * longer than maxDistanceKm, leaves the city (when outOfCity is set), runs outside the working
 * hours (China Standard Time), or carries passengers of a rank not entitled to a vehicle on request.
 */
export interface ApprovalPolicy {
  maxDistanceKm: number;
  outOfCity: boolean;
  workingHours: { from: string; until: string };
  entitledRanks: PassengerRank[];
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  maxDistanceKm: 30,
  outOfCity: true,
  workingHours: { from: '07:30', until: '18:30' },
  entitledRanks: ['division', 'bureau', 'ministry'],
};

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validateApprovalPolicy(input: { maxDistanceKm: number; outOfCity: boolean; workingHours: { from: string; until: string }; entitledRanks: readonly string[] }): ApprovalPolicy {
  if (!Number.isInteger(input.maxDistanceKm) || input.maxDistanceKm < 0 || input.maxDistanceKm > 5_000) {
    throw new BusinessRuleViolation('invalid-distance', 'maxDistanceKm is whole kilometres from 0 to 5000', 'maxDistanceKm');
  }
  if (!HH_MM.test(input.workingHours.from)) throw new BusinessRuleViolation('invalid-time', 'workingHours.from is HH:MM', 'workingHours.from');
  if (!HH_MM.test(input.workingHours.until)) throw new BusinessRuleViolation('invalid-time', 'workingHours.until is HH:MM', 'workingHours.until');
  if (input.workingHours.until <= input.workingHours.from) throw new BusinessRuleViolation('invalid-working-hours', 'workingHours.until must be after workingHours.from', 'workingHours.until');
  const entitledRanks = input.entitledRanks.map((rank, index) => {
    const found = PASSENGER_RANKS.find((candidate) => candidate === rank);
    if (!found) throw new BusinessRuleViolation('invalid-rank', `a rank is one of ${PASSENGER_RANKS.join(', ')}`, `entitledRanks[${index}]`);
    return found;
  });
  return { maxDistanceKm: input.maxDistanceKm, outOfCity: input.outOfCity, workingHours: { ...input.workingHours }, entitledRanks: [...new Set(entitledRanks)] };
}

/** Minutes since midnight, China Standard Time, and the business day. */
function localTime(at: Date): { day: string; minutes: number } {
  const local = new Date(at.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000);
  return { day: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The rules a trip request trips over, in the policy's order. */
export function approvalReasons(
  request: { distanceKm: number; outOfCity: boolean; startsAt: Date; endsAt: Date; passengerRank: PassengerRank },
  policy: ApprovalPolicy,
): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (request.distanceKm > policy.maxDistanceKm) reasons.push('distance');
  if (policy.outOfCity && request.outOfCity) reasons.push('out-of-city');
  const start = localTime(request.startsAt);
  const end = localTime(new Date(request.endsAt.getTime() - 1));
  const from = minutesOf(policy.workingHours.from);
  const until = minutesOf(policy.workingHours.until);
  if (start.day !== end.day || start.minutes < from || end.minutes >= until) reasons.push('after-hours');
  if (!policy.entitledRanks.includes(request.passengerRank)) reasons.push('passenger-rank');
  return reasons;
}
