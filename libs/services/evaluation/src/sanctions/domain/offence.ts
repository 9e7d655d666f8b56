/**
 * An offence (过错) that counts towards a sanction against a vendor: penalty points of a violation,
 * a rectification notice gone overdue, an upheld complaint, or a failing published scorecard. The
 * ledger keeps one offence per thing that happened (its source), so a redelivered event adds
 * nothing, and an offence that no longer stands (a voided violation, an overturned complaint, a
 * scorecard corrected out of 'failing') stays in the ledger as withdrawn and stops counting.
 */
export const OFFENCE_KINDS = ['penalty-points', 'failing-scorecard', 'overdue-rectification', 'upheld-complaint'] as const;
export type OffenceKind = (typeof OFFENCE_KINDS)[number];

export interface Offence {
  id: string;
  agencyId: string;
  vendorId: string;
  kind: OffenceKind;
  /** What it was recorded from: the violation, the scorecard's series (service type and period), the notice, the complaint. */
  sourceRef: string;
  /** Penalty points (penalty-points); 1 for the other kinds. */
  weight: number;
  /** When the offence happened; the rolling windows measure this instant. */
  occurredAt: Date;
  description: string;
  /** Set while the offence no longer counts (voided, overturned, corrected), with why. */
  withdrawnAt?: Date;
  withdrawalReason?: string;
  /** For scorecards: the latest version seen (a correction supersedes an earlier version). */
  sourceVersion?: number;
}

export function counts(offence: Offence): boolean {
  return offence.withdrawnAt === undefined;
}

/** The offence no longer counts (its violation was voided, its complaint overturned on appeal). */
export function withdrawOffence(offence: Offence, reason: string, at: Date): Offence {
  if (!counts(offence)) return offence;
  return { ...offence, withdrawnAt: at, withdrawalReason: reason };
}

/**
 * A published scorecard version for a vendor, service type and period. The latest version decides:
 * a failing one makes (or keeps) the offence, a correction to another standing withdraws it, a
 * failing correction of a passing one makes it stand again; an older version arriving late changes nothing.
 */
export function applyScorecardVersion(
  current: Offence | undefined,
  version: { version: number; failing: boolean; publishedAt: Date; standing: string },
  create: () => Offence,
): Offence | undefined {
  if (current && (current.sourceVersion ?? 0) >= version.version) return current;
  if (!current && version.failing) return { ...create(), sourceVersion: version.version };
  // A passing correction seen first is remembered, so that the failing version it corrects, arriving late, does not count.
  if (!current) return version.version > 1 ? { ...create(), sourceVersion: version.version, withdrawnAt: version.publishedAt, withdrawalReason: `${version.standing} in version ${version.version}` } : undefined;
  if (version.failing) {
    const standing: Offence = { ...current, sourceVersion: version.version };
    delete standing.withdrawnAt;
    delete standing.withdrawalReason;
    return standing;
  }
  return { ...current, sourceVersion: version.version, withdrawnAt: version.publishedAt, withdrawalReason: `corrected to ${version.standing} by version ${version.version}` };
}
