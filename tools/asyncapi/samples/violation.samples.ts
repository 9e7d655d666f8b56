/**
 * Valid data for each event type of violation.events.ts, keyed by type (the AsyncAPI spec checks
 * them), and for the events violations consume that have no samples elsewhere: a submitted
 * third-party assessment (assessment.events.ts) and a failed canteen inspection (catering.events.ts).
 */
export const VIOLATION_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.assessment.submitted.v1': {
    assessmentId: '0b9d7f5e-3c1a-4e8b-9d7f-5e3c1a0b9d7f',
    agencyId: 'agency-bj-001',
    organisationId: '7e5c3a1b-9f8d-4b6a-8c4e-2a0b9d7f5e3c',
    vendorId: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e',
    serviceType: 'maintenance',
    period: '2026-Q4',
    overallScore: 57.5,
    submittedBy: 'evaluator-sun',
    submittedAt: '2026-12-05T02:00:00.000Z',
  },
  'houqin.catering.inspection.failed.v1': {
    canteenId: '1a3c5e7b-9d2f-4b6a-8c0e-2d4f6a8b0c1e',
    inspectionId: '9c7e5a3b-1d2f-4e6a-8b0c-3d5f7a9b1c2e',
    vendorId: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e',
    contractId: '6f4d2b0a-8e7c-4a5b-9d3f-1e0c8b6a4d2f',
    score: 52,
    failedItems: [
      { code: 'cold-chain', description: '冷藏柜温度 9°C，高于 5°C 的要求' },
      { code: 'health-certificates', description: '两名帮厨健康证过期' },
    ],
    inspectedBy: 'manager-chen',
    inspectedAt: '2026-12-04T03:30:00.000Z',
  },
};
