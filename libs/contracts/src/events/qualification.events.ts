import { z } from 'zod';
import { defineEvent } from '../event-contract';
import type { EventContract } from '../event-contract';
import { Answerable, QUALIFICATION_HOLDER_KINDS } from './supervision.events';

const Instant = z.string().datetime({ offset: true });
const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What names a qualification and its holder in the events of qualification.events.ts. */
const QualificationSummary = {
  qualificationId: z.string().uuid(),
  agencyId: z.string().min(1).max(64),
  holderKind: z.enum(QUALIFICATION_HOLDER_KINDS),
  holderName: z.string().min(1).max(200),
  holderUserId: z.string().min(1).max(128).optional(),
  /** The vendor's staff number of its on-site staff. */
  staffNumber: z.string().min(1).max(64).optional(),
  /** The employer: a vendor id, or 'internal-team'. */
  party: z.string().min(1).max(64),
  vendorId: z.string().uuid().optional(),
  qualificationType: z.string().min(1).max(64),
  mandatory: z.boolean(),
};

export const QualificationExpiring = defineEvent({
  service: 'evaluation',
  aggregate: 'qualification',
  action: 'expiring',
  version: 1,
  description:
    "A qualification (资质证书) of a member of the internal team or of a vendor's on-site staff expires within the warning period (QUALIFICATION_WARNING_DAYS): its holder's employer is warned to renew it. Published once per qualification and expiry date; a renewal with a new expiry starts a new warning.",
  schema: z.object({ ...QualificationSummary, expiresOn: CalendarDate, warnedAt: Instant, answerable: z.array(Answerable).min(1) }),
});

export const QualificationRenewed = defineEvent({
  service: 'evaluation',
  aggregate: 'qualification',
  action: 'renewed',
  version: 1,
  description: 'A qualification was renewed with a new expiry date; the earlier expiry stays in its history.',
  schema: z.object({
    ...QualificationSummary,
    previousExpiresOn: CalendarDate,
    expiresOn: CalendarDate,
    certificateNumber: z.string().min(1).max(64),
    renewedBy: z.string().min(1),
    renewedAt: Instant,
  }),
});

/** The events of evaluation's qualifications and training (团队建设与能力建设), besides those shared in supervision.events.ts. */
export const QUALIFICATION_EVENTS: readonly EventContract[] = [QualificationExpiring, QualificationRenewed];
