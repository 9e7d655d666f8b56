import type { EvaluationAuditFindingView, EvaluationComplaintView, EvaluationQualificationView, EvaluationSanctionView } from '@houqin/api-client';

/**
 * What the oversight pages offer in each state, as the evaluation service's domain allows it: the
 * console shows a command only where the state (and who the caller is) lets it succeed.
 */

/** The operations of a complaint (投诉) a caller's roles may call, by the client's names. */
export type ComplaintOperation = 'complaintsTriage' | 'complaintsAddEvidence' | 'complaintsDecide' | 'complaintsDecideAppeal' | 'complaintsAppeal' | 'complaintsWithdraw';
export type ComplaintCommand = 'triage' | 'evidence' | 'decide' | 'decide-appeal' | 'appeal' | 'withdraw';

type ComplaintState = Pick<EvaluationComplaintView, 'status' | 'complainantId' | 'appealableUntil' | 'appeal'> & { decision?: { decidedBy: string } };

/**
 * filed → under-investigation → decided → (appealed → appeal-decided); withdrawn before the decision.
 * The complainant never handles their own complaint (职责分离); the appeal is decided by another
 * operator than the first decider; the complainant appeals once, within the appeal window.
 */
export function complaintCommands(complaint: ComplaintState, callerId: string | undefined, may: (operation: ComplaintOperation) => boolean, now: number): ComplaintCommand[] {
  const own = callerId !== undefined && complaint.complainantId === callerId;
  const commands: ComplaintCommand[] = [];
  if (!own) {
    if (complaint.status === 'filed' && may('complaintsTriage')) commands.push('triage');
    if ((complaint.status === 'under-investigation' || complaint.status === 'appealed') && may('complaintsAddEvidence')) commands.push('evidence');
    if (complaint.status === 'under-investigation' && may('complaintsDecide')) commands.push('decide');
    if (complaint.status === 'appealed' && may('complaintsDecideAppeal') && complaint.decision?.decidedBy !== callerId) commands.push('decide-appeal');
  } else {
    const inWindow = complaint.appealableUntil !== undefined && Date.parse(complaint.appealableUntil) > now;
    if (complaint.status === 'decided' && !complaint.appeal && inWindow && may('complaintsAppeal')) commands.push('appeal');
    if ((complaint.status === 'filed' || complaint.status === 'under-investigation') && may('complaintsWithdraw')) commands.push('withdraw');
  }
  return commands;
}

/** A suspension or a blacklisting in force may be lifted early (a warning is not lifted). */
export function liftable(sanction: Pick<EvaluationSanctionView, 'status' | 'measure'>): boolean {
  return sanction.status === 'active' && sanction.measure !== 'warning';
}

export type FindingCommand = 'answer' | 'close' | 'send-back';

/** An internal-audit finding (审计发现): its responsible person answers while rectifying; the audit lead closes or sends back an answer. */
export function findingCommands(
  finding: Pick<EvaluationAuditFindingView, 'status' | 'rectification'>,
  callerId: string | undefined,
  may: (operation: 'internalAuditAnswer' | 'internalAuditClose' | 'internalAuditSendBack') => boolean,
): FindingCommand[] {
  const commands: FindingCommand[] = [];
  if (finding.status === 'rectifying' && finding.rectification?.responsibleUserId === callerId && may('internalAuditAnswer')) commands.push('answer');
  if (finding.status === 'answered' && may('internalAuditClose')) commands.push('close');
  if (finding.status === 'answered' && may('internalAuditSendBack')) commands.push('send-back');
  return commands;
}

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** Whole days from today (China Standard Time) to a calendar date: 0 on the day itself, negative once past. */
export function daysUntil(date: string, now: number): number {
  const today = Math.floor((now + CST_OFFSET_MS) / DAY_MS);
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS) - today;
}

/** How a qualification's expiry is flagged: red once expired, orange while in its warning period. */
export function expiryTone(qualification: Pick<EvaluationQualificationView, 'status'>): 'red' | 'orange' | 'green' {
  return qualification.status === 'expired' ? 'red' : qualification.status === 'expiring' ? 'orange' : 'green';
}
