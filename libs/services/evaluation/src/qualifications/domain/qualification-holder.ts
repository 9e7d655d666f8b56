import { BusinessRuleViolation } from '@houqin/domain';
import { INTERNAL_TEAM } from '../../kpis/domain/evaluated-party';

/**
 * Whose qualification or training it is: a member of the agency's internal team (内部后勤班组, by
 * user id) or one of a vendor's on-site staff (by the vendor's staff number — never a national id
 * number). `reference` is a generic link to the same person elsewhere (catering's food handler,
 * transport's driver), set by whoever knows it; evaluation does not interpret it.
 */
export type Holder =
  | { kind: 'internal-staff'; userId: string; name: string; reference?: string }
  | { kind: 'vendor-staff'; vendorId: string; name: string; staffNumber: string; reference?: string };

export const HOLDER_KINDS = ['internal-staff', 'vendor-staff'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];

/** The holder's employer as evaluation names a party: the vendor id, or 'internal-team'. */
export function employerOf(holder: Holder): string {
  return holder.kind === 'vendor-staff' ? holder.vendorId.toLowerCase() : INTERNAL_TEAM;
}

/** How a holder is looked up: the internal member's user id or the vendor staff's number. */
export function holderKey(holder: Holder): string {
  return holder.kind === 'vendor-staff' ? holder.staffNumber : holder.userId;
}

/**
 * A vendor account records and reads its own vendor's staff only: a holder of another vendor, or
 * of the internal team, is refused naming the field.
 */
export function assertRecordableBy(holder: Holder, actingFor: { vendorId?: string | undefined }): void {
  if (actingFor.vendorId === undefined) return;
  if (holder.kind !== 'vendor-staff' || holder.vendorId.toLowerCase() !== actingFor.vendorId.toLowerCase()) {
    throw new BusinessRuleViolation('not-own-staff', "a vendor account records its own vendor's staff only", 'holder.vendorId');
  }
}
