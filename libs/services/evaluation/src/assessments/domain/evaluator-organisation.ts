import { BusinessRuleViolation, Clock } from '@houqin/domain';

/**
 * An evaluator organisation (第三方评估机构) as an agency knows it: the agency engages it for
 * periods, names the evaluator accounts (users with the `evaluator` role in the agency's directory)
 * that act for it, and the organisation declares its ties to vendors (shareholding, staff, kinship,
 * consulting for them). A tie bars it from assessing that vendor.
 */
export interface Engagement {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  until: Date;
  engagedBy: string;
  engagedAt: Date;
}

export const TIE_NATURES = ['shareholding', 'employment', 'kinship', 'consulting', 'other'] as const;
export type TieNature = (typeof TIE_NATURES)[number];

export interface VendorTie {
  vendorId: string;
  nature: TieNature;
  note?: string;
  declaredBy: string;
  declaredAt: Date;
}

export interface EvaluatorOrganisation {
  id: string;
  agencyId: string;
  name: string;
  /** 统一社会信用代码, when given. */
  creditCode?: string;
  /** User ids of the evaluator accounts that act for it in this agency. */
  accounts: string[];
  engagements: Engagement[];
  ties: VendorTie[];
  registeredBy: string;
  registeredAt: Date;
}

export const MAX_ACCOUNTS = 50;

function checkedAccounts(accounts: readonly string[]): string[] {
  const list = accounts.map((account) => account.trim()).filter((account) => account.length > 0);
  if (list.length === 0) throw new BusinessRuleViolation('accounts-required', 'name at least one evaluator account that acts for the organisation', 'accounts');
  if (new Set(list).size !== list.length) throw new BusinessRuleViolation('account-repeated', 'name each account once', 'accounts');
  return list;
}

function checkedEngagement(from: Date, until: Date, by: string, clock: Clock): Engagement {
  if (until.getTime() <= from.getTime()) throw new BusinessRuleViolation('engagement-empty', 'an engagement ends after it starts', 'until');
  return { from, until, engagedBy: by, engagedAt: clock.now() };
}

/** An agency engages an organisation for a period, naming its accounts. */
export function registerOrganisation(
  input: { id: string; agencyId: string; name: string; creditCode?: string; accounts: readonly string[]; from: Date; until: Date },
  by: string,
  clock: Clock,
): EvaluatorOrganisation {
  const name = input.name.trim();
  if (!name) throw new BusinessRuleViolation('name-required', 'name the organisation', 'name');
  return {
    id: input.id,
    agencyId: input.agencyId,
    name,
    ...(input.creditCode ? { creditCode: input.creditCode.trim().toUpperCase() } : {}),
    accounts: checkedAccounts(input.accounts),
    engagements: [checkedEngagement(input.from, input.until, by, clock)],
    ties: [],
    registeredBy: by,
    registeredAt: clock.now(),
  };
}

/** Another period of engagement; periods do not overlap. */
export function engage(organisation: EvaluatorOrganisation, from: Date, until: Date, by: string, clock: Clock): EvaluatorOrganisation {
  const engagement = checkedEngagement(from, until, by, clock);
  const overlapping = organisation.engagements.find((other) => other.from.getTime() < until.getTime() && from.getTime() < other.until.getTime());
  if (overlapping) {
    throw new BusinessRuleViolation('engagement-overlaps', `the organisation is already engaged from ${overlapping.from.toISOString()} until ${overlapping.until.toISOString()}`, 'from');
  }
  return { ...organisation, engagements: [...organisation.engagements, engagement].sort((a, b) => a.from.getTime() - b.from.getTime()) };
}

export function setAccounts(organisation: EvaluatorOrganisation, accounts: readonly string[]): EvaluatorOrganisation {
  return { ...organisation, accounts: checkedAccounts(accounts) };
}

/** A tie to a vendor, declared once per vendor (declaring again replaces the nature and note). */
export function declareTie(organisation: EvaluatorOrganisation, tie: { vendorId: string; nature: TieNature; note?: string }, by: string, clock: Clock): EvaluatorOrganisation {
  const vendorId = tie.vendorId.toLowerCase();
  const declared: VendorTie = { vendorId, nature: tie.nature, ...(tie.note?.trim() ? { note: tie.note.trim() } : {}), declaredBy: by, declaredAt: clock.now() };
  return { ...organisation, ties: [...organisation.ties.filter((other) => other.vendorId !== vendorId), declared] };
}

export function isEngagedAt(organisation: EvaluatorOrganisation, at: Date): boolean {
  return organisation.engagements.some((engagement) => engagement.from.getTime() <= at.getTime() && at.getTime() < engagement.until.getTime());
}

export function tieTo(organisation: EvaluatorOrganisation, vendorId: string): VendorTie | undefined {
  return organisation.ties.find((tie) => tie.vendorId === vendorId.toLowerCase());
}

/** An account acts for the organisation only while the agency engages it. */
export function requireEngaged(organisation: EvaluatorOrganisation, at: Date): void {
  if (!isEngagedAt(organisation, at)) {
    throw new BusinessRuleViolation('not-engaged', `${organisation.name} is not engaged by the agency at ${at.toISOString()}`, 'organisation');
  }
}

/** A tie to the vendor assessed is a conflict of interest (利益冲突): the organisation may not assess it. */
export function requireNoTie(organisation: EvaluatorOrganisation, vendorId: string): void {
  const tie = tieTo(organisation, vendorId);
  if (tie) {
    throw new BusinessRuleViolation(
      'conflict-of-interest',
      `${organisation.name} declared a ${tie.nature} tie to vendor ${tie.vendorId}${tie.note ? ` (${tie.note})` : ''}: conflict of interest, it may not assess this vendor`,
      'vendorId',
    );
  }
}
