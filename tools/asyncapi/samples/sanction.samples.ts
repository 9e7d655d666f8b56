/** Valid data for each event type of sanction.events.ts, keyed by type (the AsyncAPI spec checks them). */
const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const agencyId = 'agency-bj-001';
const proposalId = '6e8a0c2e-4f6b-4d8f-9a1c-3e5a7c9e1b3d';
const sanctionId = '7f9b1d3f-5a7c-4e9a-8b2d-4f6b8d0f2a4c';
const rule = 'penalty-points>=12/365d:suspension-30d';

export const SANCTION_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.sanction.proposed.v1': {
    proposalId,
    agencyId,
    vendorId,
    rule,
    offence: 'penalty-points',
    measure: 'suspension',
    suspensionDays: 30,
    figure: 13,
    threshold: 12,
    windowDays: 365,
    evidence: [
      { offenceId: '1a3c5e7a-9b1d-4f3a-8c5e-7a9b1d3f5e7a', kind: 'penalty-points', sourceRef: '2b4d6f8a-0c2e-4a6c-9e0a-2c4e6a8c0e2a', weight: 6, occurredAt: '2026-11-20T02:00:00.000Z' },
      { offenceId: '3c5e7a9c-1d3f-4b5d-8e7a-9c1e3a5c7e9c', kind: 'penalty-points', sourceRef: '4d6f8a0c-2e4a-4c8e-9a2c-4e6a8c0e2a4c', weight: 7, occurredAt: '2026-12-02T03:00:00.000Z' },
    ],
    triggeredBy: '3c5e7a9c-1d3f-4b5d-8e7a-9c1e3a5c7e9c',
    automatic: false,
    proposedAt: '2026-12-02T03:00:05.000Z',
  },
  'houqin.evaluation.sanction-proposal.dismissed.v1': {
    proposalId,
    agencyId,
    vendorId,
    rule,
    measure: 'suspension',
    reason: 'Two of the breaches were caused by the building being closed for the holiday.',
    dismissedBy: 'manager-chen',
    dismissedAt: '2026-12-03T02:00:00.000Z',
  },
  'houqin.evaluation.vendor.warned.v1': {
    vendorId,
    agencyId,
    sanctionId,
    proposalId,
    rule: 'overdue-rectification>=3/90d:warning',
    reason: '3 × overdue-rectification within 90 days (threshold 3)',
    decidedBy: 'manager-chen',
    warnedAt: '2026-12-03T02:00:00.000Z',
  },
  'houqin.evaluation.vendor.reinstated.v1': {
    vendorId,
    agencyId,
    sanctionId,
    kind: 'suspension',
    cause: 'period-ended',
    from: '2026-12-03T02:00:00.000Z',
    until: '2027-01-02T02:00:00.000Z',
    reason: 'the suspension ended on 2027-01-02T02:00:00.000Z',
    reinstatedBy: 'system',
    reinstatedAt: '2027-01-02T02:00:00.000Z',
  },
};
