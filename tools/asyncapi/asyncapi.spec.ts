import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsyncAPIDocumentInterface, Diagnostic, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { EventContract, EventEnvelope, platformEvents } from '@houqin/contracts';
import { DLQ_HEADERS, DispatchOutcome, KafkaEventTransport, OutgoingEvent, deadLetterHeaders } from '@houqin/messaging';
import { SUPERVISION_SAMPLES } from './samples/supervision.samples';
import { COMPLAINT_SAMPLES } from './samples/complaint.samples';
import { VIOLATION_SAMPLES } from './samples/violation.samples';
import { RECTIFICATION_SAMPLES } from './samples/rectification.samples';
import { SANCTION_SAMPLES } from './samples/sanction.samples';
import { INTERNAL_AUDIT_SAMPLES } from './samples/internal-audit.samples';
import { QUALIFICATION_SAMPLES } from './samples/qualification.samples';
import { AUDIT_TRAIL_SAMPLES } from './samples/audit-trail.samples';
import { CATERING_SAMPLES } from './samples/catering.samples';
import { TRANSPORT_SAMPLES } from './samples/transport.samples';
import { ASYNCAPI_HEADER, ASYNCAPI_PATH, findRepoRoot, renderAsyncApi } from './generate';

/**
 * The committed AsyncAPI document is what the contracts generate, is valid AsyncAPI, and describes
 * the events the platform really sends: envelopes built by each contract's create() and the Kafka
 * headers the producer sets.
 */

const root = findRepoRoot();

/** Valid data for every event type; a new event type needs an entry here. */
const SAMPLE_DATA: Record<string, unknown> = {
  'houqin.gateway.agency.created.v1': {
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    name: 'Municipal Finance Bureau',
    code: 'finance-bureau',
    status: 'active',
    createdBy: 'platform-admin-1',
    createdAt: '2026-11-27T08:00:00.000Z',
  },
  'houqin.gateway.user.created.v1': {
    userId: '6c1d2e3f-4a5b-4c6d-9e7f-8091a2b3c4d5',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    username: 'wang.li',
    displayName: 'Wang Li',
    roles: ['staff'],
    status: 'active',
    createdBy: 'agency-admin-1',
    createdAt: '2026-11-27T08:05:00.000Z',
  },
  'houqin.gateway.agency.disabled.v1': {
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    reason: 'Merged into the Municipal Audit Bureau',
    disabledBy: 'platform-admin-1',
    disabledAt: '2026-12-31T16:00:00.000Z',
  },
  'houqin.gateway.department.created.v1': {
    departmentId: '7d2e3f4a-5b6c-4d7e-8f80-91a2b3c4d5e6',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    name: 'General Office',
    createdBy: 'agency-admin-1',
    createdAt: '2026-11-27T08:02:00.000Z',
  },
  'houqin.gateway.user.changed.v1': {
    userId: '6c1d2e3f-4a5b-4c6d-9e7f-8091a2b3c4d5',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    departmentId: '7d2e3f4a-5b6c-4d7e-8f80-91a2b3c4d5e6',
    displayName: 'Wang Li',
    roles: ['staff', 'approver'],
    changedFields: ['roles'],
    changedBy: 'agency-admin-1',
    changedAt: '2026-11-27T09:00:00.000Z',
  },
  'houqin.gateway.user.disabled.v1': {
    userId: '6c1d2e3f-4a5b-4c6d-9e7f-8091a2b3c4d5',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    disabledBy: 'agency-admin-1',
    disabledAt: '2026-11-28T08:00:00.000Z',
  },
  'houqin.maintenance.repair-request.reported.v1': {
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    reportedBy: 'staff-0042',
    departmentId: 'general-office',
    location: { building: 'Building 2', floor: '3', room: '305' },
    description: 'The air conditioner in meeting room 305 leaks water.',
    priority: 'high',
    reportedAt: '2025-03-04T08:15:00.000Z',
  },
  'houqin.maintenance.repair-request.cancelled.v1': {
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    cancelledBy: 'staff-0042',
    reason: 'Reported twice.',
    cancelledAt: '2025-03-04T08:20:00+08:00',
  },
  'houqin.maintenance.work-order.triaged.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    reportedBy: 'staff-0042',
    reportedAt: '2025-03-04T08:15:00.000Z',
    description: 'The air conditioner in meeting room 305 leaks water.',
    triagedBy: 'logistics-manager-01',
    triagedAt: '2025-03-04T08:25:00.000Z',
  },
  'houqin.maintenance.work-order.assigned.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    assignee: 'vendor',
    automatic: true,
    assignedBy: 'logistics-manager-01',
    assignedAt: '2025-03-04T08:25:00.000Z',
    reportedAt: '2025-03-04T08:15:00.000Z',
  },
  'houqin.maintenance.work-order.accepted.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    acceptedBy: 'vendor-technician-07',
    acceptedAt: '2025-03-04T08:52:00.000Z',
    reportedAt: '2025-03-04T08:15:00.000Z',
    responseMinutes: 37,
  },
  'houqin.maintenance.work-order.started.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    startedBy: 'vendor-technician-07',
    startedAt: '2025-03-04T09:30:00.000Z',
  },
  'houqin.maintenance.work-order.held.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    heldBy: 'vendor-technician-07',
    heldAt: '2025-03-04T09:45:00.000Z',
    reason: 'The office is locked until the occupant returns.',
  },
  'houqin.maintenance.work-order.resumed.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    resumedBy: 'staff-member-3',
    resumedAt: '2025-03-04T10:25:00.000Z',
    heldAt: '2025-03-04T09:45:00.000Z',
    reason: 'The office is locked until the occupant returns.',
    heldMinutes: 40,
    onHoldMinutes: 40,
  },
  'houqin.maintenance.work-order.completed.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    reportedBy: 'staff-0042',
    reportedAt: '2025-03-04T08:15:00.000Z',
    acceptedAt: '2025-03-04T08:52:00.000Z',
    completedAt: '2025-03-04T13:40:00.000Z',
    responseMinutes: 37,
    resolutionMinutes: 265,
    onHoldMinutes: 60,
    reopenCount: 0,
    firstTimeFix: true,
    completedBy: 'vendor-technician-07',
    resolutionNote: 'Cleared the blocked condensate drain and replaced the pump.',
  },
  'houqin.maintenance.work-order.verified.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    reportedBy: 'staff-0042',
    reportedAt: '2025-03-04T08:15:00.000Z',
    acceptedAt: '2025-03-04T08:52:00.000Z',
    completedAt: '2025-03-04T13:40:00.000Z',
    responseMinutes: 37,
    resolutionMinutes: 265,
    onHoldMinutes: 60,
    reopenCount: 0,
    firstTimeFix: true,
    verifiedBy: 'staff-0042',
    cost: { labourFen: 24000, partsFen: 18600, extraFen: 0, totalFen: 42600 },
    verifiedAt: '2025-03-04T15:00:00.000Z',
  },
  'houqin.maintenance.work-order.reopened.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    reopenedBy: 'staff-0042',
    reopenedAt: '2025-03-04T15:00:00.000Z',
    reason: 'Still dripping onto the carpet.',
    reopenCount: 1,
  },
  'houqin.maintenance.work-order.closed.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    closedBy: 'logistics-manager-01',
    reopenCount: 0,
    firstTimeFix: true,
    cost: { labourFen: 24000, partsFen: 18600, extraFen: 0, totalFen: 42600 },
    closedAt: '2025-03-04T16:00:00.000Z',
  },
  'houqin.maintenance.work-order.cancelled.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    origin: 'repair-request',
    repairRequestId: 'f3c1b0de-2c55-4c8e-9a43-0d6b1f0c7a11',
    priority: 'high',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    previousStatus: 'assigned',
    reason: 'Reported twice; handled under the other work order.',
    cancelledBy: 'logistics-manager-01',
    cancelledAt: '2025-03-04T08:40:00.000Z',
  },
  'houqin.maintenance.work-order-cost.recorded.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    line: {
      lineId: '6d7e8f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
      kind: 'labour',
      description: '张师傅 (refrigeration technician)',
      amountFen: 15_000,
      labour: { worker: '张师傅 (refrigeration technician)', minutes: 90, hourlyRateFen: 10_000 },
      recordedBy: 'vendor-user-1',
      incurredAt: '2025-03-04T09:10:00.000Z',
      recordedAt: '2025-03-04T09:10:00.000Z',
    },
    totals: { labourFen: 15_000, partsFen: 4_700, extraFen: 0, totalFen: 19_700 },
  },
  'houqin.maintenance.work-order-cost.voided.v1': {
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    assetId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    contractId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    line: {
      lineId: '7e8f9001-2b3c-4d4e-9f50-6b7c8d9e0f1a',
      kind: 'parts',
      description: 'FILTER-AC-01',
      amountFen: 4_700,
      parts: {
        movementId: '4a6c8e0a-2b4d-4e6f-8a0c-2e4a6c8e0a2b',
        stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
        code: 'FILTER-AC-01',
        storeRoomId: '7c9e1a3b-5d7f-4a1c-9e3b-5d7f9a1c3e5b',
        quantity: 2,
        unitCostFen: 2_350,
      },
      recordedBy: 'logistics-manager-1',
      incurredAt: '2025-03-04T08:55:00.000Z',
      recordedAt: '2025-03-04T08:55:01.000Z',
    },
    voidedBy: 'logistics-manager-01',
    voidedAt: '2025-03-05T10:00:00.000Z',
    reason: 'Issued to the wrong work order; re-issued under the right one.',
    totals: { labourFen: 15_000, partsFen: 0, extraFen: 0, totalFen: 15_000 },
  },
  'houqin.procurement.vendor.registered.v1': {
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    name: 'Beijing Tidy Facilities Co., Ltd.',
    unifiedSocialCreditCode: '91110000802100433B',
    categories: ['cleaning', 'maintenance'],
    contact: { name: 'Li Lei', phone: '+86 10 6512 3456' },
    status: 'active',
    registeredBy: 'procurement-officer',
    registeredAt: '2025-03-01T02:00:00.000Z',
  },
  'houqin.procurement.vendor.suspended.v1': {
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    name: 'Beijing Tidy Facilities Co., Ltd.',
    unifiedSocialCreditCode: '91110000802100433B',
    categories: ['cleaning'],
    status: 'suspended',
    previousStatus: 'active',
    reason: 'Missed three scheduled cleanings.',
    suspendedBy: 'procurement-officer',
    suspendedAt: '2025-04-01T02:00:00.000Z',
    suspendedUntil: '2025-07-01T00:00:00.000Z',
  },
  'houqin.procurement.vendor.reinstated.v1': {
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    name: 'Beijing Tidy Facilities Co., Ltd.',
    unifiedSocialCreditCode: '91110000802100433B',
    categories: ['cleaning'],
    status: 'active',
    previousStatus: 'suspended',
    cause: 'suspension-ended',
    reason: 'the suspension ended on 2025-07-01T00:00:00.000Z',
    reinstatedBy: 'system',
    reinstatedAt: '2025-07-01T00:00:00.000Z',
    suspendedAt: '2025-04-01T02:00:00.000Z',
    suspendedUntil: '2025-07-01T00:00:00.000Z',
    suspensionBySanction: false,
  },
  'houqin.procurement.vendor.blacklisting-lifted.v1': {
    vendorId: '0b5f7c6e-8d1a-4b7e-9c2f-3a4d5e6f7a8b',
    name: 'Beijing Tidy Facilities Co., Ltd.',
    unifiedSocialCreditCode: '91110000802100433B',
    categories: ['cleaning'],
    status: 'active',
    previousStatus: 'blacklisted',
    reason: 'The court found the certificates genuine.',
    liftedBy: 'agency-admin-1',
    liftedAt: '2025-09-01T02:00:00.000Z',
    blacklistedAt: '2025-05-01T02:00:00.000Z',
  },
  'houqin.procurement.budget.allocated.v1': {
    budgetId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    fiscalYear: 2026,
    category: 'supplies',
    allocated: 120_000_000,
    allocatedBy: 'agency-admin-1',
    allocatedAt: '2026-01-05T02:00:00.000Z',
  },
  'houqin.procurement.budget.committed.v1': {
    budgetId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    requisitionId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    fiscalYear: 2026,
    category: 'supplies',
    amount: 12_000_000,
    allocated: 120_000_000,
    committed: 12_000_000,
    spent: 0,
    overspend: 0,
    committedAt: '2026-03-02T06:30:00.000Z',
  },
  'houqin.procurement.approval-policy.updated.v1': {
    tiers: [
      { upTo: 5_000_000, steps: ['approver'] },
      { upTo: null, steps: ['approver', 'agency-admin'] },
    ],
    methodThresholds: { directPurchaseBelow: 5_000_000, requestForQuotationBelow: 100_000_000 },
    updatedBy: 'agency-admin-1',
    updatedAt: '2026-01-05T02:10:00.000Z',
  },
  'houqin.procurement.requisition.submitted.v1': {
    requisitionId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    requestedBy: 'staff-0042',
    departmentId: 'general-office',
    fiscalYear: 2026,
    category: 'supplies',
    total: 12_000_000,
    title: 'Office furniture for the new archive room',
    lineCount: 2,
    steps: ['approver', 'logistics-manager'],
    submittedAt: '2026-03-01T01:00:00.000Z',
  },
  'houqin.procurement.requisition.step-approved.v1': {
    requisitionId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    requestedBy: 'staff-0042',
    fiscalYear: 2026,
    category: 'supplies',
    total: 12_000_000,
    step: 1,
    of: 2,
    role: 'approver',
    approvedBy: 'approver-7',
    approvedAt: '2026-03-01T03:00:00.000Z',
    nextRole: 'logistics-manager',
  },
  'houqin.procurement.requisition.approved.v1': {
    requisitionId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    requestedBy: 'staff-0042',
    fiscalYear: 2026,
    category: 'supplies',
    total: 12_000_000,
    procurementMethod: 'request-for-quotation',
    budgetId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    approvals: [
      { role: 'approver', approvedBy: 'approver-7', approvedAt: '2026-03-01T03:00:00.000Z' },
      { role: 'logistics-manager', approvedBy: 'manager-2', approvedAt: '2026-03-02T06:30:00.000Z' },
    ],
    approvedAt: '2026-03-02T06:30:00.000Z',
  },
  'houqin.procurement.requisition.rejected.v1': {
    requisitionId: '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b',
    requestedBy: 'staff-0042',
    fiscalYear: 2026,
    category: 'supplies',
    total: 800_000,
    role: 'approver',
    rejectedBy: 'approver-7',
    reason: 'Stock on hand covers the quarter.',
    rejectedAt: '2026-03-03T02:00:00.000Z',
  },
  'houqin.procurement.requisition.withdrawn.v1': {
    requisitionId: '4f5a6b7c-8d9e-4f0a-9b1c-3d4e5f6a7b8c',
    requestedBy: 'staff-0042',
    fiscalYear: 2026,
    category: 'cleaning',
    total: 150_000,
    previousStatus: 'submitted',
    withdrawnBy: 'staff-0042',
    reason: 'Bought through the framework agreement instead.',
    withdrawnAt: '2026-03-04T02:00:00.000Z',
  },
  'houqin.procurement.stock.received.v1': {
    movementId: '2d4f6a8c-1b3e-4c5d-8e7f-9a0b1c2d3e4f',
    stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
    code: 'A4-PAPER',
    storeRoomId: '7c9e1a3b-5d7f-4a1c-9e3b-5d7f9a1c3e5b',
    balance: 40,
    onHand: 52,
    quantity: 40,
    unitCostFen: 2350,
    purchaseOrderId: '3e5a7c9e-1b3d-4f5a-8c7e-9b1d3f5a7c9e',
    receivedBy: 'logistics-manager-1',
    receivedAt: '2026-12-01T09:00:00.000Z',
  },
  'houqin.procurement.stock.issued.v1': {
    movementId: '4a6c8e0a-2b4d-4e6f-8a0c-2e4a6c8e0a2b',
    stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
    code: 'A4-PAPER',
    storeRoomId: '7c9e1a3b-5d7f-4a1c-9e3b-5d7f9a1c3e5b',
    balance: 35,
    onHand: 47,
    quantity: 5,
    departmentId: 'general-office',
    requestedBy: 'staff-0042',
    issuedBy: 'logistics-manager-1',
    issuedAt: '2026-12-02T10:30:00.000Z',
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    unitCostFen: 2_350,
    valueFen: 11_750,
  },
  'houqin.procurement.stock.adjusted.v1': {
    movementId: '5b7d9f1b-3c5e-4f70-9b1d-3f5b7d9f1b3c',
    stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
    code: 'A4-PAPER',
    storeRoomId: '7c9e1a3b-5d7f-4a1c-9e3b-5d7f9a1c3e5b',
    balance: 33,
    onHand: 45,
    previousQuantity: 35,
    countedQuantity: 33,
    difference: -2,
    reason: 'Two boxes water-damaged, written off at the December stocktake.',
    adjustedBy: 'logistics-manager-1',
    adjustedAt: '2026-12-31T16:00:00.000Z',
  },
  'houqin.procurement.stock-item.low-stock.v1': {
    stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
    code: 'A4-PAPER',
    name: 'A4 复印纸',
    onHand: 8,
    lowStockThreshold: 10,
    movementId: '4a6c8e0a-2b4d-4e6f-8a0c-2e4a6c8e0a2b',
    proposedRequisition: {
      stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01',
      code: 'A4-PAPER',
      name: 'A4 复印纸',
      unitOfMeasure: '箱',
      quantity: 50,
      estimatedUnitPriceFen: 2350,
      estimatedTotalFen: 117500,
    },
    detectedAt: '2026-12-02T10:30:00.000Z',
  },
  'houqin.procurement.vendor.blacklisted.v1': {
    vendorId: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
    name: '福州市鼓楼区后勤服务有限公司',
    status: 'blacklisted',
    previousStatus: 'suspended',
    reason: 'Forged food safety inspection records.',
    decidedBy: 'evaluator-7',
    blacklistedAt: '2026-12-01T08:00:00.000Z',
  },
  'houqin.procurement.tender.published.v1': {
    tenderId: '8d2e4f60-1a2b-4c3d-9e4f-5a6b7c8d9e01',
    title: '2027 年度办公楼保洁服务',
    category: 'cleaning',
    method: 'open-tender',
    budgetCeiling: 100000000,
    weights: { price: 40, technical: 45, service: 15 },
    bidDeadline: '2026-12-20T01:00:00.000Z',
    openingAt: '2026-12-20T02:00:00.000Z',
    publishedBy: 'manager-1',
    publishedAt: '2026-12-01T08:00:00.000Z',
  },
  'houqin.procurement.tender.bids-opened.v1': {
    tenderId: '8d2e4f60-1a2b-4c3d-9e4f-5a6b7c8d9e01',
    title: '2027 年度办公楼保洁服务',
    category: 'cleaning',
    method: 'open-tender',
    bidCount: 1,
    bids: [{ bidId: '9e3f5a71-2b3c-4d4e-8f5a-6b7c8d9e0f12', vendorId: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01', price: 88000000, withinCeiling: true }],
    openedBy: 'manager-1',
    openedAt: '2026-12-20T02:00:00.000Z',
  },
  'houqin.procurement.tender.award-proposed.v1': {
    tenderId: '8d2e4f60-1a2b-4c3d-9e4f-5a6b7c8d9e01',
    title: '2027 年度办公楼保洁服务',
    category: 'cleaning',
    method: 'open-tender',
    bidId: '9e3f5a71-2b3c-4d4e-8f5a-6b7c8d9e0f12',
    vendorId: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
    price: 88000000,
    total: 91.5,
    publicationEndsAt: '2026-12-24T02:00:00.000Z',
    proposedBy: 'manager-1',
    proposedAt: '2026-12-21T02:00:00.000Z',
  },
  'houqin.procurement.tender.awarded.v1': {
    tenderId: '8d2e4f60-1a2b-4c3d-9e4f-5a6b7c8d9e01',
    title: '2027 年度办公楼保洁服务',
    category: 'cleaning',
    method: 'open-tender',
    bidId: '9e3f5a71-2b3c-4d4e-8f5a-6b7c8d9e0f12',
    vendorId: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
    price: 88000000,
    awardedBy: 'manager-1',
    awardedAt: '2026-12-24T03:00:00.000Z',
  },
  'houqin.procurement.tender.cancelled.v1': {
    tenderId: '8d2e4f60-1a2b-4c3d-9e4f-5a6b7c8d9e01',
    title: '2027 年度办公楼保洁服务',
    category: 'cleaning',
    method: 'open-tender',
    previousStatus: 'award-suspended',
    reason: 'objection upheld: the winner forged its staff roster',
    cancelledBy: 'manager-1',
    cancelledAt: '2026-12-23T03:00:00.000Z',
  },
  'houqin.evaluation.vendor.sanctioned.v1': {
    vendorId: '4b0f6f2e-6a4c-4a57-8f1e-2d9c3b7a1e01',
    agencyId: 'd4cbb5b2-711b-4611-b1ea-35e1c6cd183c',
    kind: 'suspension',
    reason: 'Two food safety violations in one quarter.',
    from: '2026-12-01T00:00:00.000Z',
    until: '2027-03-01T00:00:00.000Z',
    decidedBy: 'evaluator-7',
  },
  'houqin.procurement.purchase-order.placed.v1': {
    purchaseOrderId: '7e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    vendorId: '2f4e6a8c-0b1d-4f3a-9c5e-7a9b1d3f5e7c',
    requisitionId: '3a5c7e9b-1d2f-4a4c-8e6a-0b2d4f6a8c0e',
    budgetId: '4b6d8f0a-2c3e-4b5d-9f7a-1c3e5a7b9d1f',
    fiscalYear: 2026,
    category: 'supplies',
    total: 396000,
    lines: [
      { line: 1, description: 'A4 复印纸, 箱', stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01', quantity: 40, unitPrice: 2400, expectedDeliveryDate: '2026-12-10' },
      { line: 2, description: 'Toner cartridge', quantity: 10, unitPrice: 30000, expectedDeliveryDate: '2026-12-20' },
    ],
    placedBy: 'logistics-manager-1',
    placedAt: '2026-12-01T02:00:00.000Z',
  },
  'houqin.procurement.purchase-order.received.v1': {
    purchaseOrderId: '7e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    vendorId: '2f4e6a8c-0b1d-4f3a-9c5e-7a9b1d3f5e7c',
    requisitionId: '3a5c7e9b-1d2f-4a4c-8e6a-0b2d4f6a8c0e',
    budgetId: '4b6d8f0a-2c3e-4b5d-9f7a-1c3e5a7b9d1f',
    fiscalYear: 2026,
    category: 'supplies',
    total: 396000,
    receiptId: '5c7e9a1b-3d4f-4c6e-8a0b-2d4f6a8c0e2a',
    status: 'partially-received',
    receivedDate: '2026-12-09',
    onTime: true,
    lines: [{ line: 1, accepted: 38, rejected: 2, inspectionNotes: 'Two boxes water-damaged', acceptedValue: 91200, onTime: true, stockItemId: '0b7e2a52-8c3b-4e0a-9d55-1f7c6a2b9e01' }],
    acceptedValue: 91200,
    spent: 91200,
    storeRoomId: '6d8f0a2c-4e5a-4d7f-9b1c-3e5a7b9d1f3b',
    receivedBy: 'logistics-manager-1',
    recordedAt: '2026-12-09T03:00:00.000Z',
  },
  'houqin.procurement.purchase-order.cancelled.v1': {
    purchaseOrderId: '7e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    vendorId: '2f4e6a8c-0b1d-4f3a-9c5e-7a9b1d3f5e7c',
    requisitionId: '3a5c7e9b-1d2f-4a4c-8e6a-0b2d4f6a8c0e',
    budgetId: '4b6d8f0a-2c3e-4b5d-9f7a-1c3e5a7b9d1f',
    fiscalYear: 2026,
    category: 'supplies',
    total: 396000,
    previousStatus: 'partially-received',
    released: 304800,
    spent: 91200,
    reason: 'The vendor cannot deliver the toner before the end of the fiscal year.',
    cancelledBy: 'logistics-manager-1',
    cancelledAt: '2026-12-21T02:00:00.000Z',
  },
  'houqin.procurement.purchase-order.invoice-mismatch.v1': {
    purchaseOrderId: '7e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    vendorId: '2f4e6a8c-0b1d-4f3a-9c5e-7a9b1d3f5e7c',
    requisitionId: '3a5c7e9b-1d2f-4a4c-8e6a-0b2d4f6a8c0e',
    budgetId: '4b6d8f0a-2c3e-4b5d-9f7a-1c3e5a7b9d1f',
    fiscalYear: 2026,
    category: 'supplies',
    total: 396000,
    invoiceId: '8f0a2c4e-6a7b-4f9a-8d3e-5a7b9d1f3b5d',
    invoiceNumber: '44031234-00012345',
    amount: 96000,
    ordered: 396000,
    received: 91200,
    invoiced: 96000,
    differences: { invoicedLessReceived: 4800, invoicedLessOrdered: -300000 },
    reasons: ['invoiced-more-than-received'],
    recordedBy: 'logistics-manager-1',
    recordedAt: '2026-12-10T02:00:00.000Z',
  },
  'houqin.procurement.contract.signed.v1': {
    contractId: '3e5a7c9e-1b3d-4f5a-8c7e-9a1b3c5d7e9f',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    vendorId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a',
    vendorName: '济南物业服务有限公司',
    serviceType: 'maintenance',
    title: 'Building maintenance 2027',
    tenderId: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
    scope: { description: 'Repair and upkeep of the office buildings and their equipment', buildings: ['building-a', 'building-b'], assetCategories: ['hvac', 'elevator'] },
    validFrom: '2026-12-31T16:00:00.000Z',
    validTo: '2027-12-31T16:00:00.000Z',
    slaTerms: {
      serviceType: 'maintenance',
      priorities: {
        urgent: { responseHours: 1, resolutionHours: 4 },
        high: { responseHours: 4, resolutionHours: 24 },
        normal: { responseHours: 24, resolutionHours: 72 },
        low: { responseHours: 72, resolutionHours: 240 },
      },
    },
    penaltyRules: [
      { breach: 'response-late', amount: 50_000, capPerMonth: 500_000 },
      { breach: 'resolution-late', percentOfMonthlyFee: 0.5, capPerMonth: 800_000 },
    ],
    priceTerms: { fixedTotal: 96_000_000, monthlyFee: 8_000_000, unitRates: [{ unit: 'call-out', description: 'Out-of-hours call-out', rate: 30_000 }] },
    signedBy: 'agency-admin-1',
    signedAt: '2026-12-20T02:00:00.000Z',
  },
  'houqin.procurement.contract.expired.v1': {
    contractId: '3e5a7c9e-1b3d-4f5a-8c7e-9a1b3c5d7e9f',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    vendorId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a',
    vendorName: '济南物业服务有限公司',
    serviceType: 'maintenance',
    validTo: '2027-12-31T16:00:00.000Z',
    expiredAt: '2027-12-31T16:00:41.000Z',
  },
  'houqin.procurement.contract.terminated.v1': {
    contractId: '3e5a7c9e-1b3d-4f5a-8c7e-9a1b3c5d7e9f',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    vendorId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a',
    vendorName: '济南物业服务有限公司',
    serviceType: 'maintenance',
    validTo: '2027-12-31T16:00:00.000Z',
    reason: 'Repeated late responses after two written warnings',
    terminatedBy: 'agency-admin-1',
    terminatedAt: '2027-06-15T01:30:00.000Z',
  },
  'houqin.catering.canteen.opened.v1': {
    canteenId: '5d2f0a8e-1b3c-4d5e-8f60-718293a4b5c6',
    name: 'Staff canteen No. 1',
    location: { building: 'Building 1', floor: 'B1' },
    capacity: 240,
    mealPeriods: ['breakfast', 'lunch'],
    status: 'open',
    openedBy: 'catering-manager',
    openedAt: '2025-02-10T00:00:00.000Z',
  },
  'houqin.catering.canteen.closed.v1': {
    canteenId: '5d2f0a8e-1b3c-4d5e-8f60-718293a4b5c6',
    name: 'Staff canteen No. 1',
    status: 'closed',
    reason: 'Kitchen renovation.',
    closedBy: 'catering-manager',
    closedAt: '2025-05-01T00:00:00.000Z',
  },
  'houqin.catering.canteen.reopened.v1': {
    canteenId: '5d2f0a8e-1b3c-4d5e-8f60-718293a4b5c6',
    name: 'Staff canteen No. 1',
    mealPeriods: ['breakfast', 'lunch', 'dinner'],
    status: 'open',
    reopenedBy: 'catering-manager',
    reopenedAt: '2025-05-20T00:00:00.000Z',
    closedAt: '2025-05-01T00:00:00.000Z',
    closureReason: 'Kitchen renovation.',
  },
  'houqin.transport.vehicle.registered.v1': {
    vehicleId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    plateNumber: '京A12345',
    vehicleType: 'sedan',
    seats: 5,
    odometerKm: 48210,
    fuel: 'petrol',
    status: 'available',
    registeredBy: 'fleet-manager',
    registeredAt: '2025-01-15T01:00:00.000Z',
  },
  'houqin.transport.vehicle.sent-for-service.v1': {
    vehicleId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    plateNumber: '京AD12345',
    status: 'in-service',
    reason: 'Annual inspection.',
    odometerKm: 50000,
    sentBy: 'fleet-manager',
    sentAt: '2025-06-01T01:00:00.000Z',
  },
  'houqin.transport.vehicle.returned-from-service.v1': {
    vehicleId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    plateNumber: '京A12345',
    status: 'available',
    odometerKm: 50012,
    serviceReason: 'Annual inspection.',
    sentAt: '2025-06-01T01:00:00.000Z',
    returnedBy: 'fleet-manager',
    returnedAt: '2025-06-03T09:00:00.000Z',
  },
  'houqin.transport.vehicle.retired.v1': {
    vehicleId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    plateNumber: '京A12345',
    status: 'retired',
    previousStatus: 'available',
    reason: 'Scrapped after 15 years.',
    odometerKm: 310000,
    retiredBy: 'fleet-manager',
    retiredAt: '2025-12-31T08:00:00.000Z',
  },
  'houqin.transport.vehicle.service-due.v1': {
    vehicleId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    plateNumber: '京A12345',
    vehicleType: 'sedan',
    odometerKm: 60012,
    dueAtKm: 60000,
    dueOn: '2026-01-15',
    intervalKm: 10000,
    intervalMonths: 6,
    reason: 'distance',
    detectedAt: '2025-11-20T02:30:00.000Z',
    recordedBy: 'fleet-manager',
  },
  'houqin.transport.vehicle.serviced.v1': {
    vehicleId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    plateNumber: '京A12345',
    workOrderId: '4e7d2a10-6b3c-4f8e-9a1d-2c3b4a5f6e7d',
    odometerKm: 60130,
    nextDueAtKm: 70130,
    nextDueOn: '2026-05-21',
    returnedFromWorkshop: true,
    verifiedBy: 'fleet-manager',
    servicedAt: '2025-11-21T08:00:00.000Z',
  },
  'houqin.maintenance.sla.at-risk.v1': {
    workOrderId: '7c1e3a5b-9d2f-4e6a-8b1c-3d5e7f9a1b2c',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    vendorId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a',
    contractId: '3e5a7c9e-1b3d-4f5a-8c7e-9a1b3c5d7e9f',
    kind: 'resolution',
    priority: 'high',
    targetMinutes: 1440,
    deadline: '2026-12-02T01:00:00.000Z',
    escalateTo: 'logistics-manager',
    remainingMinutes: 288,
    atRiskAt: '2026-12-01T20:12:00.000Z',
    warnedAt: '2026-12-01T20:12:04.000Z',
  },
  'houqin.maintenance.sla.breached.v1': {
    workOrderId: '7c1e3a5b-9d2f-4e6a-8b1c-3d5e7f9a1b2c',
    agencyId: '5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4',
    vendorId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a',
    contractId: '3e5a7c9e-1b3d-4f5a-8c7e-9a1b3c5d7e9f',
    kind: 'resolution',
    priority: 'high',
    targetMinutes: 1440,
    deadline: '2026-12-02T01:00:00.000Z',
    escalateTo: 'logistics-manager',
    breachedAt: '2026-12-02T01:00:06.000Z',
  },
  'houqin.maintenance.preventive-plan.created.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    name: 'Quarterly service of the split air conditioners',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    priority: 'normal',
    assignee: { kind: 'internal' },
    answerableBy: 'logistics-manager-1',
    trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-01-31', leadDays: 7 },
    schedule: 'fixed',
    status: 'active',
    nextDueOn: '2026-01-31',
    nextRaisedOn: '2026-01-24',
    description: 'Clean the filters and the condensate drain; check the refrigerant pressure.',
    createdBy: 'logistics-manager-1',
    createdAt: '2025-12-01T02:00:00.000Z',
  },
  'houqin.maintenance.preventive-plan.changed.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    name: 'Quarterly service of the split air conditioners',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    priority: 'normal',
    assignee: { kind: 'internal' },
    answerableBy: 'logistics-manager-1',
    trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-01-31', leadDays: 7 },
    schedule: 'fixed',
    status: 'active',
    nextDueOn: '2026-04-30',
    nextRaisedOn: '2026-04-23',
    changedFields: ['answerableBy', 'priority'],
    changedBy: 'logistics-manager-1',
    changedAt: '2026-02-02T02:00:00.000Z',
  },
  'houqin.maintenance.preventive-plan.paused.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    name: 'Quarterly service of the split air conditioners',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    priority: 'normal',
    assignee: { kind: 'internal' },
    answerableBy: 'logistics-manager-1',
    trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-01-31', leadDays: 7 },
    schedule: 'fixed',
    status: 'paused',
    reason: 'The air conditioners are off for the winter.',
    pausedBy: 'logistics-manager-1',
    pausedAt: '2026-11-15T02:00:00.000Z',
  },
  'houqin.maintenance.preventive-plan.resumed.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    name: 'Quarterly service of the split air conditioners',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    priority: 'normal',
    assignee: { kind: 'internal' },
    answerableBy: 'logistics-manager-1',
    trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-01-31', leadDays: 7 },
    schedule: 'fixed',
    status: 'active',
    nextDueOn: '2027-04-30',
    nextRaisedOn: '2027-04-23',
    resumedBy: 'logistics-manager-1',
    resumedAt: '2027-03-01T02:00:00.000Z',
  },
  'houqin.maintenance.preventive-plan.retired.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    name: 'Quarterly service of the split air conditioners',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    category: 'hvac',
    location: { building: 'Building 2', floor: '3', room: '305' },
    priority: 'normal',
    assignee: { kind: 'internal' },
    answerableBy: 'logistics-manager-1',
    trigger: { kind: 'calendar', every: 3, unit: 'month', firstDueOn: '2026-01-31', leadDays: 7 },
    schedule: 'fixed',
    status: 'retired',
    reason: 'The air conditioners were replaced.',
    retiredBy: 'logistics-manager-1',
    retiredAt: '2028-06-01T02:00:00.000Z',
  },
  'houqin.maintenance.preventive-plan.occurrence-raised.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    occurrenceKey: '1500',
    threshold: 1500,
    meterKind: 'hours',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    workOrderId: '6d8f0a2c-4e6a-4c8e-8a0c-4e6a8c0e2a4c',
    workOrderStatus: 'assigned',
    assignee: { kind: 'vendor', vendorId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b2a' },
    reading: 1512.5,
    supersededCount: 0,
    raisedAt: '2026-03-04T06:30:00.000Z',
  },
  'houqin.maintenance.preventive-plan.occurrence-skipped.v1': {
    preventivePlanId: '2b4d6f8a-0c1e-4a3b-9d5f-7a9c1e3b5d7f',
    occurrenceKey: '2026-04-30',
    dueOn: '2026-04-30',
    assetId: '4c6e8a0b-2d4f-4b6a-8c0e-2f4a6c8e0b2d',
    reason: 'previous-open',
    openWorkOrderId: '6d8f0a2c-4e6a-4c8e-8a0c-4e6a8c0e2a4c',
    skippedAt: '2026-04-23T00:00:05.000Z',
  },
  'houqin.evaluation.survey.issued.v1': {
    surveyId: '5b2e8f1a-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
    serviceType: 'maintenance',
    instanceId: '0b8f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    party: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    respondentId: 'staff-zhang',
    completedAt: '2026-12-01T09:30:00+08:00',
    questions: ['timeliness', 'quality', 'attitude', 'overall'],
    issuedAt: '2026-12-01T09:30:05+08:00',
    expiresAt: '2026-12-15T09:30:05+08:00',
  },
  'houqin.evaluation.survey.answered.v1': {
    surveyId: '5b2e8f1a-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
    serviceType: 'maintenance',
    instanceId: '0b8f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    party: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    respondentId: 'staff-zhang',
    completedAt: '2026-12-01T09:30:00+08:00',
    scores: { timeliness: 4, quality: 5, attitude: 5, overall: 4 },
    overall: 4,
    comment: '师傅很快就修好了。',
    answeredAt: '2026-12-02T10:00:00+08:00',
  },
  'houqin.evaluation.survey.reminded.v1': {
    surveyId: '5b2e8f1a-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
    serviceType: 'maintenance',
    instanceId: '0b8f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    party: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    respondentId: 'staff-zhang',
    completedAt: '2026-12-01T09:30:00+08:00',
    expiresAt: '2026-12-15T09:30:05+08:00',
    remindedAt: '2026-12-13T09:30:05+08:00',
  },
  'houqin.evaluation.survey.expired.v1': {
    surveyId: '5b2e8f1a-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
    serviceType: 'maintenance',
    instanceId: '0b8f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    party: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    respondentId: 'staff-zhang',
    completedAt: '2026-12-01T09:30:00+08:00',
    expiresAt: '2026-12-15T09:30:05+08:00',
    expiredAt: '2026-12-15T09:31:00+08:00',
  },
  'houqin.evaluation.survey.withdrawn.v1': {
    surveyId: '5b2e8f1a-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
    serviceType: 'maintenance',
    instanceId: '0b8f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
    party: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    respondentId: 'staff-zhang',
    completedAt: '2026-12-01T09:30:00+08:00',
    reason: 'The work order was cancelled',
    withdrawnAt: '2026-12-01T11:00:00+08:00',
  },
  'houqin.evaluation.scorecard.published.v1': {
    scorecardId: '7e9a1c3e-5a7c-4e9a-8c1e-3a5c7e9a1c3e',
    agencyId: 'agency-bj-001',
    party: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    vendorId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    serviceType: 'maintenance',
    period: '2026-11',
    periodStart: '2026-10-31T16:00:00.000Z',
    periodEnd: '2026-11-30T16:00:00.000Z',
    version: 2,
    score: 84.5,
    standing: 'good',
    rank: 2,
    rankedAmong: 5,
    publishedBy: 'manager-li',
    publishedAt: '2026-12-03T02:00:00.000Z',
    correctionOf: '6d8f0a2c-4e6a-4c8e-8a0c-4e6a8c0e2a4d',
    reason: 'A third-party assessment submitted late now counts',
  },
  'houqin.evaluation.vendor.score-changed.v1': {
    vendorId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    agencyId: 'agency-bj-001',
    serviceType: 'maintenance',
    period: '2026-11',
    periodStart: '2026-10-31T16:00:00.000Z',
    periodEnd: '2026-11-30T16:00:00.000Z',
    scorecardId: '7e9a1c3e-5a7c-4e9a-8c1e-3a5c7e9a1c3e',
    version: 2,
    score: 84.5,
    standing: 'good',
    previousScore: 80,
    previousStanding: 'good',
    changedAt: '2026-12-03T02:00:00.000Z',
  },
  ...SUPERVISION_SAMPLES,
  ...COMPLAINT_SAMPLES,
  ...VIOLATION_SAMPLES,
  ...RECTIFICATION_SAMPLES,
  ...SANCTION_SAMPLES,
  ...INTERNAL_AUDIT_SAMPLES,
  ...QUALIFICATION_SAMPLES,
  ...AUDIT_TRAIL_SAMPLES,
  ...CATERING_SAMPLES,
  ...TRANSPORT_SAMPLES,
};

/** Info-level findings accepted on purpose. */
const ACCEPTED_INFO = new Set([
  // "The latest version of AsyncAPI is not used" (3.1.0): the document stays on 3.0.0, which more tools read.
  'asyncapi-latest-version',
]);

function describeDiagnostics(diagnostics: Diagnostic[]): string {
  const severities = ['error', 'warning', 'info', 'hint'];
  return diagnostics
    .map((d) => `  [${severities[d.severity] ?? d.severity}] ${d.code} at ${d.path.join('/') || '(root)'}: ${d.message}`)
    .join('\n');
}

function sampleEnvelope(contract: EventContract, data: unknown = SAMPLE_DATA[contract.type]): EventEnvelope {
  return contract.create({
    subject: '11111111-2222-4333-8444-555555555555',
    data,
    origin: {
      agencyId: 'agency-bj-001',
      correlationId: 'req-7f3a',
      causationId: 'evt-41',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'houqin=1',
    },
    time: new Date('2025-03-04T08:15:01.000Z'),
  });
}

/** The headers the Kafka producer really sets on a message carrying `envelope`. */
async function producerHeaders(envelope: EventEnvelope): Promise<Record<string, string>> {
  const transport = new KafkaEventTransport(
    { brokers: ['127.0.0.1:1'], clientId: 'asyncapi-spec', topicPartitions: 1, replicationFactor: 1 },
    pino({ level: 'silent' }),
  );
  let headers: Record<string, string> | undefined;
  // A stand-in producer captures the batch instead of sending it; no broker is contacted.
  (transport as unknown as { producer: unknown }).producer = {
    sendBatch: async (batch: { topicMessages: Array<{ messages: Array<{ headers: Record<string, string> }> }> }) => {
      headers = batch.topicMessages[0]?.messages[0]?.headers;
      return [];
    },
  };
  const event: OutgoingEvent = { topic: 'houqin.test', key: envelope.subject, envelope };
  await transport.publish([event]);
  if (!headers) throw new Error('the producer sent no headers');
  return headers;
}

describe('docs/asyncapi.yaml', () => {
  const rendered = renderAsyncApi(root);
  let document: AsyncAPIDocumentInterface | undefined;
  let diagnostics: Diagnostic[] = [];
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  function parsed(): AsyncAPIDocumentInterface {
    if (!document) throw new Error(`the AsyncAPI parser returned no document:\n${describeDiagnostics(diagnostics)}`);
    return document;
  }

  beforeAll(async () => {
    ({ document, diagnostics } = await new Parser().parse(rendered));
  }, 60_000);

  it('is what the contracts generate (run `npm run asyncapi` after changing libs/contracts)', () => {
    const path = join(root, ASYNCAPI_PATH);
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (committed === rendered) return;
    const hint = `${ASYNCAPI_PATH} is out of date with libs/contracts: run \`npm run asyncapi\` and commit the result.`;
    if (committed === undefined) throw new Error(`${hint}\n(${ASYNCAPI_PATH} does not exist)`);
    const a = committed.split('\n');
    const b = rendered.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    const at = line === -1 ? a.length : line;
    throw new Error(`${hint}\nFirst difference at line ${at + 1}:\n  committed: ${JSON.stringify(a[at])}\n  generated: ${JSON.stringify(b[at])}`);
  });

  it('starts with the generated-file notice', () => {
    expect(rendered.startsWith(`${ASYNCAPI_HEADER}\nasyncapi: 3.0.0\n`)).toBe(true);
  });

  it('parses as AsyncAPI without errors or warnings', () => {
    const problems = diagnostics.filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning || !ACCEPTED_INFO.has(String(d.code)),
    );
    if (problems.length > 0 || !document) {
      throw new Error(`the AsyncAPI parser reports:\n${describeDiagnostics(diagnostics)}${document ? '' : '\n(no document)'}`);
    }
  });

  it('has a message for every event type and a channel for every topic and its dead-letter topic', () => {
    const doc = parsed();
    const messageIds = doc.components().messages().all().map((m) => m.id());
    const channelAddresses = doc.channels().all().map((c) => c.address());
    for (const contract of platformEvents.contracts) {
      expect(messageIds).toContain(contract.type);
      expect(doc.channels().get(contract.topic)?.messages().get(contract.type)).toBeDefined();
    }
    for (const topic of platformEvents.topics) {
      expect(channelAddresses).toEqual(expect.arrayContaining([topic, `${topic}.dlq`]));
      expect(doc.channels().get(`${topic}.dlq`)?.messages().get('DeadLetter')).toBeDefined();
    }
    expect(channelAddresses).toHaveLength(platformEvents.topics.length * 2);
    expect(messageIds.sort()).toEqual([...platformEvents.contracts.map((c) => c.type), 'DeadLetter'].sort());
    const sent = doc.operations().all().filter((o) => o.action() === 'send');
    for (const contract of platformEvents.contracts) {
      expect(sent.some((o) => o.channels().all().some((c) => c.address() === contract.topic) && o.messages().all().some((m) => m.id() === contract.type))).toBe(true);
    }
  });

  it('has sample data for every event type (add one to SAMPLE_DATA for a new event)', () => {
    expect(platformEvents.contracts.map((c) => c.type).filter((type) => !(type in SAMPLE_DATA))).toEqual([]);
  });

  it.each(['handler-failed', 'malformed', 'envelope-invalid', 'data-invalid'] as const)(
    'describes the headers of a dead letter (reason %s) as consumers write them',
    (reason) => {
      const message = parsed().components().messages().get('DeadLetter')!;
      const validate = ajv.compile(message.headers()!.json() as object);
      const outcome: Extract<DispatchOutcome, { outcome: 'dead-letter' }> = { outcome: 'dead-letter', reason, error: 'Error: boom', attempts: 3 };
      const sent = deadLetterHeaders(outcome, 'evaluation', { topic: 'houqin.maintenance.repair-request', partition: 2, offset: '41' });
      expect(validate(sent)).toBe(true);
      expect(Object.keys(sent).sort()).toEqual(Object.values(DLQ_HEADERS).sort());
      expect(Object.keys((validate.schema as { properties: object }).properties).sort()).toEqual(Object.values(DLQ_HEADERS).sort());
    },
  );

  describe.each(platformEvents.contracts.map((contract) => [contract.type, contract] as const))('message %s', (type, contract) => {
    let payload: ValidateFunction;
    let headers: ValidateFunction;

    beforeAll(() => {
      const message = parsed().components().messages().get(type);
      if (!message) throw new Error(`no message ${type} in the document`);
      payload = ajv.compile(message.payload()!.json() as object);
      headers = ajv.compile(message.headers()!.json() as object);
    });

    it('accepts the envelope the contract creates', () => {
      const envelope = sampleEnvelope(contract);
      const ok = payload(JSON.parse(JSON.stringify(envelope)));
      expect(ajv.errorsText(payload.errors)).toBe('No errors');
      expect(ok).toBe(true);
    });

    it('accepts an envelope without the optional extensions', () => {
      const envelope = contract.create({ subject: 'agg-1', data: SAMPLE_DATA[type], origin: { agencyId: 'a', correlationId: 'c' } });
      expect(payload(JSON.parse(JSON.stringify(envelope)))).toBe(true);
    });

    it('rejects an envelope whose data lacks a required field', () => {
      const envelope = JSON.parse(JSON.stringify(sampleEnvelope(contract))) as EventEnvelope<Record<string, unknown>>;
      const [field] = Object.keys(envelope.data);
      delete envelope.data[field!];
      expect(contract.schema.safeParse(envelope.data).success).toBe(false);
      expect(payload(envelope)).toBe(false);
      expect(payload.errors?.some((e) => e.keyword === 'required' && e.params['missingProperty'] === field)).toBe(true);
    });

    it('rejects an envelope of another event type or with an unknown attribute', () => {
      const envelope = JSON.parse(JSON.stringify(sampleEnvelope(contract))) as Record<string, unknown>;
      expect(payload({ ...envelope, type: `${type.replace(/\.v\d+$/, '')}.v99` })).toBe(false);
      expect(payload({ ...envelope, unexpected: true })).toBe(false);
      const { id: _id, ...withoutId } = envelope;
      expect(payload(withoutId)).toBe(false);
    });

    it('describes the Kafka headers the producer sets', async () => {
      const sent = await producerHeaders(sampleEnvelope(contract));
      const ok = headers(sent);
      expect(ajv.errorsText(headers.errors)).toBe('No errors');
      expect(ok).toBe(true);
      expect(Object.keys(sent).sort()).toEqual(Object.keys((headers.schema as { properties: object }).properties).sort());
    });
  });
});
