/** Valid data for each event type of rectification.events.ts, keyed by type (the AsyncAPI spec checks them). */
const notice = {
  noticeId: '7c9e1b3d-5f7a-4c9e-9b3d-5f7a9c1e3b5d',
  agencyId: 'agency-bj-001',
  party: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e',
  vendorId: '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e',
};

export const RECTIFICATION_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.rectification.issued.v1': {
    ...notice,
    vendorName: '北京洁达物业服务有限公司',
    finding: '三号楼水泵房阀门漏水，维修人员未持证上岗。',
    violationId: '6b8d0f2a-4c6e-4b8d-8f2a-4c6e8a0b2d4f',
    requiredEvidence: ['photo of the repaired valve', 'training attendance sheet'],
    deadline: '2026-12-10T10:00:00.000Z',
    issuedBy: 'manager-chen',
    issuedAt: '2026-12-03T02:00:00.000Z',
  },
  'houqin.evaluation.rectification.answered.v1': {
    ...notice,
    round: 1,
    statement: '已更换阀门并对全部维修人员进行持证上岗培训。',
    evidence: [
      { item: 'photo of the repaired valve', fileName: 'valve-3f.jpg', contentType: 'image/jpeg', sizeBytes: 482133, url: 'https://files.agency.example/rectifications/valve-3f.jpg' },
      {
        item: 'training attendance sheet',
        fileName: 'attendance.pdf',
        contentType: 'application/pdf',
        sizeBytes: 96211,
        url: 'https://files.agency.example/rectifications/attendance.pdf',
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    ],
    deadline: '2026-12-10T10:00:00.000Z',
    late: false,
    answeredBy: 'vendor-wang',
    answeredAt: '2026-12-08T07:30:00.000Z',
  },
  'houqin.evaluation.rectification.returned.v1': {
    ...notice,
    reason: '照片看不清阀门编号，请补拍。',
    previousDeadline: '2026-12-10T10:00:00.000Z',
    deadline: '2026-12-15T10:00:00.000Z',
    returnedBy: 'manager-chen',
    returnedAt: '2026-12-09T01:00:00.000Z',
  },
  'houqin.evaluation.rectification.verified.v1': {
    ...notice,
    note: '现场复查合格。',
    answers: 2,
    answeredLate: false,
    escalations: 0,
    verifiedBy: 'manager-chen',
    verifiedAt: '2026-12-12T03:00:00.000Z',
  },
};
