import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const REPAIR_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export const Location = z.object({
  building: z.string().min(1).max(100),
  floor: z.string().max(20).optional(),
  room: z.string().max(50).optional(),
});

/** Metadata of a photo, video or document of the fault, held by the agency's file store. */
export const AttachmentMetadata = z.object({
  fileName: z.string().min(1).max(200),
  contentType: z.string().min(3).max(100),
  sizeBytes: z.number().int().positive(),
  url: z.string().min(1).max(1000),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export const RepairRequestReported = defineEvent({
  service: 'maintenance',
  aggregate: 'repair-request',
  action: 'reported',
  version: 1,
  description: 'Agency staff reported a fault (报修): a repair request now awaits triage into a work order.',
  schema: z.object({
    repairRequestId: z.string().uuid(),
    reportedBy: z.string().min(1),
    departmentId: z.string().min(1).optional(),
    assetCode: z.string().min(1).max(64).optional(),
    location: Location,
    description: z.string().min(1).max(2000),
    priority: z.enum(REPAIR_PRIORITIES),
    attachments: z.array(AttachmentMetadata).max(10).optional(),
    reportedAt: z.string().datetime({ offset: true }),
  }),
});

export const RepairRequestCancelled = defineEvent({
  service: 'maintenance',
  aggregate: 'repair-request',
  action: 'cancelled',
  version: 1,
  description: 'A repair request was withdrawn before triage, with the reason.',
  schema: z.object({
    repairRequestId: z.string().uuid(),
    cancelledBy: z.string().min(1),
    reason: z.string().min(1).max(1000),
    cancelledAt: z.string().datetime({ offset: true }),
  }),
});
