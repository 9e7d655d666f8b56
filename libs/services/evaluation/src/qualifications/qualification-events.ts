import { AnswerableParty, EventData, EventEnvelope, EventOrigin, QualificationExpired, QualificationExpiring, QualificationRenewed } from '@houqin/contracts';
import { Qualification, currentTerm, expiresOn } from './domain/qualification';
import { employerOf } from './domain/qualification-holder';

type QualificationSummary = Omit<EventData<typeof QualificationExpiring>, 'expiresOn' | 'warnedAt' | 'answerable'>;

/** The qualification events, built in one place from the qualification as saved. */
function summary(qualification: Qualification): QualificationSummary {
  const { holder } = qualification;
  return {
    qualificationId: qualification.id,
    agencyId: qualification.agencyId,
    holderKind: holder.kind,
    holderName: holder.name,
    ...(holder.kind === 'internal-staff' ? { holderUserId: holder.userId } : { staffNumber: holder.staffNumber }),
    party: employerOf(holder),
    ...(holder.kind === 'vendor-staff' ? { vendorId: holder.vendorId.toLowerCase() } : {}),
    qualificationType: qualification.type === 'other' && qualification.label ? `other:${qualification.label}`.slice(0, 64) : qualification.type,
    mandatory: qualification.mandatory,
  };
}

/** Who answers for a lapsed certificate (问责): the holder's employer and the holder. */
export function answerableFor(qualification: Qualification, vendorName: string | undefined): AnswerableParty[] {
  const { holder } = qualification;
  const employer: AnswerableParty =
    holder.kind === 'vendor-staff'
      ? { kind: 'vendor', vendorId: holder.vendorId.toLowerCase(), ...(vendorName ? { name: vendorName } : {}), role: 'employer of the holder' }
      : { kind: 'internal-team', role: 'employer of the holder' };
  const person: AnswerableParty = { kind: 'person', ...(holder.kind === 'internal-staff' ? { userId: holder.userId } : {}), name: holder.name, role: 'holder of the certificate' };
  return [employer, person];
}

export function expiringEvent(qualification: Qualification, at: Date, vendorName: string | undefined, origin: EventOrigin): EventEnvelope {
  return QualificationExpiring.create({
    subject: qualification.id,
    origin,
    time: at,
    data: { ...summary(qualification), expiresOn: expiresOn(qualification), warnedAt: at.toISOString(), answerable: answerableFor(qualification, vendorName) },
  });
}

export function expiredEvent(qualification: Qualification, at: Date, vendorName: string | undefined, origin: EventOrigin): EventEnvelope {
  // The shared event names the holder by name and user id only (no staff number).
  const { staffNumber: _staffNumber, ...holder } = summary(qualification);
  return QualificationExpired.create({
    subject: qualification.id,
    origin,
    time: at,
    data: { ...holder, expiresOn: expiresOn(qualification), expiredAt: at.toISOString(), answerable: answerableFor(qualification, vendorName) },
  });
}

export function renewedEvent(qualification: Qualification, previousExpiresOn: string, origin: EventOrigin): EventEnvelope {
  const term = currentTerm(qualification);
  return QualificationRenewed.create({
    subject: qualification.id,
    origin,
    time: term.recordedAt,
    data: {
      ...summary(qualification),
      previousExpiresOn,
      expiresOn: term.expiresOn,
      certificateNumber: term.certificateNumber,
      renewedBy: term.recordedBy,
      renewedAt: term.recordedAt.toISOString(),
    },
  });
}
