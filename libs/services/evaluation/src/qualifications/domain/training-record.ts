import { BusinessRuleViolation, FileAttachment, normalisedFileAttachment } from '@houqin/domain';
import { calendarDate, dayOf } from './calendar-date';
import type { Holder } from './qualification-holder';

/** A training (培训) a member of the internal team or of a vendor's on-site staff completed. */
export interface TrainingRecord {
  id: string;
  agencyId: string;
  holder: Holder;
  course: string;
  /** Hours of training, in tenths of an hour at most (1.5 hours, not 1.25). */
  hours: number;
  completedOn: string;
  certificate?: { number: string; attachment?: FileAttachment };
  recordedBy: string;
  recordedAt: Date;
}

export interface TrainingInput {
  holder: Holder;
  course: string;
  hours: number;
  completedOn: string;
  certificate?: { number: string; attachment?: FileAttachment | undefined } | undefined;
}

export const MAX_TRAINING_HOURS = 2000;

export function recordTraining(id: string, agencyId: string, input: TrainingInput, by: string, now: Date): TrainingRecord {
  const tenths = input.hours * 10;
  if (!(input.hours > 0 && input.hours <= MAX_TRAINING_HOURS) || Math.abs(tenths - Math.round(tenths)) > 1e-9) {
    throw new BusinessRuleViolation('invalid-hours', `hours must be more than 0 and at most ${MAX_TRAINING_HOURS}, in tenths of an hour`, 'hours');
  }
  const completedOn = calendarDate(input.completedOn, 'completedOn');
  if (completedOn > dayOf(now)) throw new BusinessRuleViolation('completed-in-future', 'completedOn must not be after today (China Standard Time)', 'completedOn');
  return {
    id,
    agencyId,
    holder: input.holder,
    course: input.course,
    hours: Math.round(tenths) / 10,
    completedOn,
    ...(input.certificate ? { certificate: { number: input.certificate.number, ...(input.certificate.attachment ? { attachment: normalisedFileAttachment(input.certificate.attachment) } : {}) } } : {}),
    recordedBy: by,
    recordedAt: now,
  };
}
