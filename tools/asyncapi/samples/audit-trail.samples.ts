/** Valid data for each event type of audit-trail.events.ts, keyed by type (the AsyncAPI spec checks them). */
export const AUDIT_TRAIL_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.audit-chain.head-published.v1': {
    agencyId: 'agency-bj-001',
    sequence: 1842,
    hash: '9f2c4e6a8b0d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a',
    previousSequence: 1790,
    publishedAt: '2026-12-06T08:00:00.000Z',
  },
};
