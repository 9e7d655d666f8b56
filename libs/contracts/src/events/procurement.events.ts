import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const VENDOR_SERVICE_CATEGORIES = ['supplies', 'maintenance', 'catering', 'transport', 'cleaning', 'security'] as const;
export const VENDOR_STATUSES = ['active', 'suspended', 'blacklisted'] as const;

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the letters I, O, S, V and Z never appear. */
const UnifiedSocialCreditCode = z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);

export const VendorContact = z.object({
  name: z.string().min(1).max(100),
  phone: z.string().min(1).max(32),
});

export const VendorRegistered = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'registered',
  version: 1,
  description: 'A service provider entered the agency\'s vendor registry (供应商库) and may now be invited to tenders for its categories.',
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    unifiedSocialCreditCode: UnifiedSocialCreditCode,
    categories: z.array(z.enum(VENDOR_SERVICE_CATEGORIES)).min(1),
    contact: VendorContact,
    status: z.literal('active'),
    registeredBy: z.string().min(1),
    registeredAt: z.string().datetime({ offset: true }),
  }),
});

export const VendorSuspended = defineEvent({
  service: 'procurement',
  aggregate: 'vendor',
  action: 'suspended',
  version: 1,
  description:
    'A vendor was suspended, until a date or until further notice: it takes no new work and is excluded from tenders meanwhile.',
  schema: z.object({
    vendorId: z.string().uuid(),
    name: z.string().min(1).max(200),
    unifiedSocialCreditCode: UnifiedSocialCreditCode,
    categories: z.array(z.enum(VENDOR_SERVICE_CATEGORIES)).min(1),
    status: z.literal('suspended'),
    previousStatus: z.enum(VENDOR_STATUSES),
    reason: z.string().min(1).max(1000),
    suspendedBy: z.string().min(1),
    suspendedAt: z.string().datetime({ offset: true }),
    /** Absent: suspended until further notice. */
    suspendedUntil: z.string().datetime({ offset: true }).optional(),
  }),
});
