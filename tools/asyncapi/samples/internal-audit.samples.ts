/** Valid data for each event type of internal-audit.events.ts, keyed by type (the AsyncAPI spec checks them). */
const finding = {
  findingId: '4e6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c2e',
  agencyId: 'agency-bj-001',
  planId: '9a1c3e5a-7b9d-4c1e-8a5c-7e9a1c3e5a7b',
  taskId: '6c8e0a2c-4d6f-4a8c-9e2a-4c6e8a0c2e4d',
  taskKind: 'cross-check',
  checkedDepartmentId: '1b0c6f1e-2f0a-4a51-9a57-0a7b7d5e0c01',
  checkingDepartmentId: '2c1d7a2f-3a1b-4b62-8b68-1b8c8e6f1d02',
  itemId: 'item-2',
};
const rectification = { responsibleUserId: 'user-chen', responsibleDepartmentId: '1b0c6f1e-2f0a-4a51-9a57-0a7b7d5e0c01', deadline: '2026-12-10' };

export const INTERNAL_AUDIT_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.audit-finding.recorded.v1': { ...finding, result: 'fail', severity: 'major', rectification, recordedBy: 'user-zhou', recordedAt: '2026-12-02T03:00:00.000Z' },
  'houqin.evaluation.audit-finding.answered.v1': { ...finding, answeredBy: 'user-chen', answeredAt: '2026-12-08T07:30:00.000Z' },
  'houqin.evaluation.audit-finding.sent-back.v1': { ...finding, reason: '缺少归档登记表', sentBackBy: 'auditor-qian', sentBackAt: '2026-12-09T02:00:00.000Z' },
  'houqin.evaluation.audit-finding.closed.v1': { ...finding, closedBy: 'auditor-qian', closedAt: '2026-12-09T08:00:00.000Z' },
  'houqin.evaluation.audit-finding.overdue.v1': {
    ...finding,
    severity: 'major',
    rectification,
    overdueAt: '2026-12-10T16:00:00.000Z',
    answerable: [
      { kind: 'department', departmentId: '1b0c6f1e-2f0a-4a51-9a57-0a7b7d5e0c01', role: 'the department responsible for the rectification' },
      { kind: 'person', userId: 'user-chen', role: 'responsible for the rectification' },
    ],
  },
};
