/**
 * The accountability record (问责): for each offence — an upheld complaint, a violation, an
 * overdue rectification — one entry per party that answers for it (the vendor, the internal team,
 * the manager who approved or assigned the work, a department, a named person). An entry is never
 * deleted: an overturned complaint or a voided violation marks it voided, with who, when and why.
 */
export const OFFENCE_KINDS = ['upheld-complaint', 'violation', 'overdue-rectification'] as const;
export type OffenceKind = (typeof OFFENCE_KINDS)[number];

export const ANSWERABLE_PARTY_KINDS = ['vendor', 'internal-team', 'approving-manager', 'department', 'person'] as const;
export type AnswerablePartyKind = (typeof ANSWERABLE_PARTY_KINDS)[number];

export interface AnswerableParty {
  kind: AnswerablePartyKind;
  vendorId?: string;
  userId?: string;
  departmentId?: string;
  name?: string;
  role?: string;
}

/** What an offence is, as the event that announced it tells it. */
export interface Offence {
  agencyId: string;
  kind: OffenceKind;
  /** The complaint, violation or rectification notice. */
  offenceId: string;
  /** The evaluated party: a vendor id or 'internal-team'. */
  party: string;
  /** Where it came from: 'complaint', a violation's source (sla-breach, upheld-complaint…), 'rectification'. */
  source: string;
  sourceRef?: string;
  severity?: string;
  penaltyPoints?: number;
  /** Integer fen. */
  penaltyAmountFen?: number;
  settlementPeriod?: string;
  description: string;
  occurredAt: Date;
  decidedBy?: string;
  sourceEventId: string;
  answerable: readonly AnswerableParty[];
}

export interface AccountabilityEntry extends Omit<Offence, 'answerable'> {
  /** One per offence and party: the same party named twice answers once. */
  answerableKey: string;
  answerable: AnswerableParty;
}

/** Identifies a party within an offence: its kind and whichever id or name it is known by. */
export function answerableKey(party: AnswerableParty): string {
  if (party.kind === 'internal-team') return 'internal-team';
  const id = party.vendorId ?? party.userId ?? party.departmentId ?? party.name ?? '';
  return `${party.kind}:${id}`;
}

/** The entries an offence makes, one per answerable party. */
export function entriesOf(offence: Offence): AccountabilityEntry[] {
  const { answerable, ...facts } = offence;
  const byKey = new Map<string, AccountabilityEntry>();
  for (const party of answerable) {
    const key = answerableKey(party);
    if (!byKey.has(key)) byKey.set(key, { ...facts, answerableKey: key, answerable: party });
  }
  return [...byKey.values()];
}

/** What a person's or a vendor's record adds up to. Voided entries are counted apart and add no points or amount. */
export interface AccountabilitySummary {
  entries: number;
  voided: number;
  byKind: Record<OffenceKind, { standing: number; voided: number }>;
  penaltyPoints: number;
  penaltyAmountFen: number;
}

export function summarise(entries: ReadonlyArray<{ kind: OffenceKind; voided: boolean; penaltyPoints?: number; penaltyAmountFen?: number }>): AccountabilitySummary {
  const byKind = Object.fromEntries(OFFENCE_KINDS.map((kind) => [kind, { standing: 0, voided: 0 }])) as AccountabilitySummary['byKind'];
  let penaltyPoints = 0;
  let penaltyAmountFen = 0;
  let voided = 0;
  for (const entry of entries) {
    if (entry.voided) {
      byKind[entry.kind].voided += 1;
      voided += 1;
      continue;
    }
    byKind[entry.kind].standing += 1;
    penaltyPoints += entry.penaltyPoints ?? 0;
    penaltyAmountFen += entry.penaltyAmountFen ?? 0;
  }
  return { entries: entries.length, voided, byKind, penaltyPoints, penaltyAmountFen };
}

/** Fen as yuan, exactly: 123456 → '1234.56'. */
export function yuanOf(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`an amount in fen must be a non-negative integer, not ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
