/** Valid data for each event type of complaint.events.ts, keyed by type (the AsyncAPI spec checks them). */
const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const summary = {
  complaintId: '5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b',
  agencyId: 'agency-bj-001',
  party: vendorId,
  vendorId,
  serviceType: 'maintenance',
  instanceId: '8d2f4a6c-1e3b-4d5f-8a7c-9e1b3d5f7a9c',
  category: 'service-quality',
  anonymousToVendor: true,
};
/** A complainant who did not ask for anonymity is named. */
const named = { ...summary, anonymousToVendor: false, complainantId: 'staff-wang' };

export const COMPLAINT_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.complaint.filed.v1': { ...summary, attachmentCount: 2, filedAt: '2026-12-01T02:00:00.000Z', responseDueAt: '2026-12-08T02:00:00.000Z' },
  'houqin.evaluation.complaint.triaged.v1': { ...summary, severity: 'major', investigatorId: 'manager-chen', triagedBy: 'manager-chen', triagedAt: '2026-12-01T03:00:00.000Z' },
  'houqin.evaluation.complaint.evidence-added.v1': {
    ...summary,
    evidenceId: '7c9e1b3d-5f7a-4c9e-8b3d-5f7a9c1e3b5d',
    attachmentCount: 1,
    addedBy: 'manager-chen',
    addedAt: '2026-12-02T01:00:00.000Z',
  },
  'houqin.evaluation.complaint.rejected.v1': {
    ...named,
    reasons: 'The unit was tested on site; the second failure was a power cut in the building.',
    decidedBy: 'manager-chen',
    decidedAt: '2026-12-03T06:00:00.000Z',
    handlingMinutes: 3120,
    appealableUntil: '2026-12-18T06:00:00.000Z',
  },
  'houqin.evaluation.complaint.appealed.v1': { ...summary, firstOutcome: 'rejected', reasons: 'The power was on all afternoon; the building log shows it.', appealedAt: '2026-12-04T01:00:00.000Z' },
  'houqin.evaluation.complaint.appeal-decided.v1': {
    ...summary,
    firstOutcome: 'rejected',
    outcome: 'upheld',
    reasons: 'The building log shows no power cut: the repair was not tested.',
    decidedBy: 'admin-lin',
    decidedAt: '2026-12-08T03:00:00.000Z',
  },
  'houqin.evaluation.complaint.withdrawn.v1': { ...named, reason: '已与服务商协商解决', withdrawnAt: '2026-12-02T01:00:00.000Z' },
  'houqin.evaluation.complaint.response-overdue.v1': {
    ...summary,
    status: 'under-investigation',
    investigatorId: 'manager-chen',
    filedAt: '2026-12-01T02:00:00.000Z',
    responseDueAt: '2026-12-08T02:00:00.000Z',
    overdueAt: '2026-12-08T02:01:00.000Z',
  },
};
