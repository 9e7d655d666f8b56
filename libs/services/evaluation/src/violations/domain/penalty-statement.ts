import type { Violation } from './violation';

/** One line of a settlement month's penalty statement: one party under one contract (or under none). */
export interface PenaltyLine {
  party: string;
  vendorId?: string;
  contractId?: string;
  count: number;
  points: number;
  /** Fen. */
  amount: number;
  items: Violation[];
}

/**
 * The penalties of a settlement month (扣款清单) per party and contract, from its violations: the
 * voided ones do not count. Lines ordered by party then contract, items by occurrence.
 */
export function penaltyStatement(violations: readonly Violation[]): PenaltyLine[] {
  const lines = new Map<string, PenaltyLine>();
  for (const violation of violations) {
    if (violation.status === 'voided') continue;
    const key = `${violation.party}|${violation.contractId ?? ''}`;
    const line = lines.get(key) ?? {
      party: violation.party,
      ...(violation.vendorId ? { vendorId: violation.vendorId } : {}),
      ...(violation.contractId ? { contractId: violation.contractId } : {}),
      count: 0,
      points: 0,
      amount: 0,
      items: [],
    };
    line.count += 1;
    line.points += violation.penaltyPoints;
    line.amount += violation.penaltyAmount;
    line.items.push(violation);
    lines.set(key, line);
  }
  const sorted = [...lines.values()].sort((a, b) => a.party.localeCompare(b.party) || (a.contractId ?? '').localeCompare(b.contractId ?? ''));
  for (const line of sorted) line.items.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id));
  return sorted;
}
