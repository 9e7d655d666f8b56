import { BusinessRuleViolation, Clock, FileAttachment, IllegalTransitionError, MAX_FILE_ATTACHMENT_BYTES, normalisedFileAttachment } from '@houqin/domain';

export const REPAIR_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type RepairPriority = (typeof REPAIR_PRIORITIES)[number];

/** reported → triaged (into a work order) | cancelled. */
export type RepairRequestStatus = 'reported' | 'triaged' | 'cancelled';

export interface Location {
  building: string;
  floor?: string;
  room?: string;
}

export const MAX_ATTACHMENTS = 10;

export interface RepairRequest {
  id: string;
  agencyId: string;
  reportedBy: string;
  departmentId?: string;
  assetCode?: string;
  location: Location;
  description: string;
  priority: RepairPriority;
  attachments: FileAttachment[];
  status: RepairRequestStatus;
  reportedAt: Date;
  cancelledAt?: Date;
  cancellationReason?: string;
  /** Set when triaged into a work order. */
  workOrderId?: string;
}

export interface RepairReport {
  id: string;
  agencyId: string;
  reportedBy: string;
  departmentId?: string;
  assetCode?: string;
  location: Location;
  description: string;
  priority?: RepairPriority;
  attachments?: FileAttachment[];
}

/** Staff report a fault (报修). Whitespace is not a description; the default priority is normal. */
export function reportRepair(report: RepairReport, clock: Clock): RepairRequest {
  const description = report.description.trim();
  if (!description) throw new BusinessRuleViolation('description-required', 'describe the fault', 'description');
  const building = report.location.building.trim();
  if (!building) throw new BusinessRuleViolation('location-required', 'say which building the fault is in', 'location.building');
  const request: RepairRequest = {
    id: report.id,
    agencyId: report.agencyId,
    reportedBy: report.reportedBy,
    location: { building, ...(report.location.floor ? { floor: report.location.floor.trim() } : {}), ...(report.location.room ? { room: report.location.room.trim() } : {}) },
    description,
    priority: report.priority ?? 'normal',
    attachments: checkedAttachments(report.attachments ?? []),
    status: 'reported',
    reportedAt: clock.now(),
  };
  if (report.departmentId) request.departmentId = report.departmentId;
  if (report.assetCode) request.assetCode = report.assetCode.trim().toUpperCase();
  return request;
}

/** At most MAX_ATTACHMENTS, each at most MAX_FILE_ATTACHMENT_BYTES, no file twice (same URL). */
export function checkedAttachments(attachments: readonly FileAttachment[]): FileAttachment[] {
  if (attachments.length > MAX_ATTACHMENTS) throw new BusinessRuleViolation('too-many-attachments', `at most ${MAX_ATTACHMENTS} attachments`, 'attachments');
  const seen = new Set<string>();
  return attachments.map((attachment, index) => {
    if (attachment.sizeBytes > MAX_FILE_ATTACHMENT_BYTES) throw new BusinessRuleViolation('attachment-too-large', `an attachment is at most ${MAX_FILE_ATTACHMENT_BYTES} bytes`, `attachments[${index}].sizeBytes`);
    if (seen.has(attachment.url)) throw new BusinessRuleViolation('attachment-repeated', 'the same file is attached twice', `attachments[${index}].url`);
    seen.add(attachment.url);
    return normalisedFileAttachment(attachment);
  });
}

/** Only the reporter or a logistics manager may withdraw a request, and only before triage. */
export function cancelRepairRequest(
  request: RepairRequest,
  by: { userId: string; roles: readonly string[] },
  reason: string,
  clock: Clock,
): RepairRequest {
  if (request.status !== 'reported') throw new IllegalTransitionError('repair request', request.status, 'cancel');
  const mayCancel = request.reportedBy === by.userId || by.roles.includes('logistics-manager') || by.roles.includes('agency-admin');
  if (!mayCancel) throw new BusinessRuleViolation('not-reporter', 'only the reporter or a logistics manager may cancel this request');
  const trimmed = reason.trim();
  if (!trimmed) throw new BusinessRuleViolation('reason-required', 'give a reason for cancelling', 'reason');
  return { ...request, status: 'cancelled', cancelledAt: clock.now(), cancellationReason: trimmed };
}
