import { BusinessRuleViolation, FileAttachment, normalisedFileAttachment } from '@houqin/domain';
import { addDays, calendarDate, startOfDay } from './calendar-date';
import type { Holder } from './qualification-holder';

/**
 * A qualification (资质证书) of a member of the internal team or of a vendor's on-site staff: an
 * electrician's or lift operator's certificate, a food handler's health certificate, a driver's
 * licence, or another the agency names. It is valid up to the day before its expiry date (China
 * Standard Time): on that day it has expired. A renewal records a new, later expiry; the earlier
 * ones stay in its history (terms), never overwritten.
 */
/** How many files (scans of the certificate) one term carries at most. */
export const MAX_ATTACHMENTS = 10;

export const QUALIFICATION_TYPES = ['electrician-certificate', 'lift-operator-certificate', 'food-handler-health-certificate', 'driver-licence', 'other'] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];

/** One certificate period: the original, then one per renewal. */
export interface QualificationTerm {
  certificateNumber: string;
  issuedOn: string;
  expiresOn: string;
  attachments: FileAttachment[];
  recordedBy: string;
  recordedAt: Date;
}

export interface Qualification {
  id: string;
  agencyId: string;
  holder: Holder;
  type: QualificationType;
  /** What an 'other' qualification is, in the agency's words. */
  label?: string;
  /** Whether the holder's role requires it: an expired mandatory one is a violation of the employer. */
  mandatory: boolean;
  /** Oldest first; the last is in force. */
  terms: QualificationTerm[];
  /** The expiry date the warning went out for, and the one the expiry was announced for. */
  warnedFor?: string;
  expiredFor?: string;
}

export interface QualificationInput {
  holder: Holder;
  type: QualificationType;
  label?: string | undefined;
  mandatory: boolean;
  certificateNumber: string;
  issuedOn: string;
  expiresOn: string;
  attachments: FileAttachment[];
}

export interface RenewalInput {
  expiresOn: string;
  issuedOn?: string | undefined;
  certificateNumber?: string | undefined;
  attachments?: FileAttachment[] | undefined;
}

export type QualificationStatus = 'valid' | 'expiring' | 'expired';

/** The notice a sweep owes a qualification at an instant, if any. */
export type QualificationNotice = 'expiring' | 'expired';

function term(input: { certificateNumber: string; issuedOn: string; expiresOn: string; attachments: FileAttachment[] }, by: string, at: Date, field = ''): QualificationTerm {
  const issuedOn = calendarDate(input.issuedOn, `${field}issuedOn`);
  const expiresOn = calendarDate(input.expiresOn, `${field}expiresOn`);
  if (expiresOn <= issuedOn) throw new BusinessRuleViolation('expiry-before-issue', 'expiresOn must be after issuedOn', 'expiresOn');
  return { certificateNumber: input.certificateNumber, issuedOn, expiresOn, attachments: input.attachments.map(normalisedFileAttachment), recordedBy: by, recordedAt: at };
}

export function recordQualification(id: string, agencyId: string, input: QualificationInput, by: string, now: Date): Qualification {
  if (input.type === 'other' && !input.label) throw new BusinessRuleViolation('label-required', "a qualification of type 'other' needs a label saying what it is", 'label');
  return {
    id,
    agencyId,
    holder: input.holder,
    type: input.type,
    ...(input.type === 'other' && input.label ? { label: input.label } : {}),
    mandatory: input.mandatory,
    terms: [term(input, by, now)],
  };
}

/** The term in force. */
export function currentTerm(qualification: Qualification): QualificationTerm {
  const last = qualification.terms[qualification.terms.length - 1];
  if (!last) throw new Error(`qualification ${qualification.id} has no term`);
  return last;
}

export function expiresOn(qualification: Qualification): string {
  return currentTerm(qualification).expiresOn;
}

/** The instant it expires: 00:00 China Standard Time of its expiry date. */
export function expiresAt(qualification: Qualification): Date {
  return startOfDay(expiresOn(qualification));
}

/** The instant the warning falls due: 00:00 of the day `warningDays` before the expiry date. */
export function warningAt(qualification: Qualification, warningDays: number): Date {
  return startOfDay(addDays(expiresOn(qualification), -warningDays));
}

/**
 * A renewal records a new expiry later than the one in force (before or after it passed); the
 * certificate number and issue date carry over unless the new certificate gives others.
 */
export function renewQualification(qualification: Qualification, input: RenewalInput, by: string, now: Date): Qualification {
  const current = currentTerm(qualification);
  const next = term(
    {
      certificateNumber: input.certificateNumber ?? current.certificateNumber,
      issuedOn: input.issuedOn ?? current.issuedOn,
      expiresOn: input.expiresOn,
      attachments: input.attachments ?? [],
    },
    by,
    now,
  );
  if (next.expiresOn <= current.expiresOn) {
    throw new BusinessRuleViolation('renewal-not-later', `a renewal must expire after the expiry in force (${current.expiresOn})`, 'expiresOn');
  }
  return { ...qualification, terms: [...qualification.terms, next] };
}

export function statusAt(qualification: Qualification, now: Date, warningDays: number): QualificationStatus {
  if (now.getTime() >= expiresAt(qualification).getTime()) return 'expired';
  if (now.getTime() >= warningAt(qualification, warningDays).getTime()) return 'expiring';
  return 'valid';
}

/**
 * What the sweep owes at `now`, once per expiry date: the expiry on its day, the warning from
 * `warningDays` before. A qualification that reached its expiry unwarned (recorded late, or the
 * sweep did not run) is announced expired only: a warning after the fact warns of nothing.
 */
export function noticeDue(qualification: Qualification, now: Date, warningDays: number): QualificationNotice | undefined {
  const due = expiresOn(qualification);
  const status = statusAt(qualification, now, warningDays);
  if (status === 'expired') return qualification.expiredFor === due ? undefined : 'expired';
  if (status === 'expiring') return qualification.warnedFor === due ? undefined : 'expiring';
  return undefined;
}

/** Records the notice sent, so it is never sent again for the same expiry date. */
export function noticeSent(qualification: Qualification, notice: QualificationNotice): Qualification {
  const due = expiresOn(qualification);
  return notice === 'expired' ? { ...qualification, warnedFor: due, expiredFor: due } : { ...qualification, warnedFor: due };
}
