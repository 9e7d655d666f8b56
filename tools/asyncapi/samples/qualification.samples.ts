/** Valid data for each event type of qualification.events.ts, keyed by type (the AsyncAPI spec checks them). */
const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const holder = {
  qualificationId: '7b9d1f3a-5c7e-4a9b-8d1f-3a5c7e9b1d3f',
  agencyId: 'agency-bj-001',
  holderKind: 'vendor-staff',
  holderName: '张建国',
  staffNumber: 'JD-0042',
  party: vendorId,
  vendorId,
  qualificationType: 'electrician-certificate',
  mandatory: true,
};

export const QUALIFICATION_SAMPLES: Record<string, unknown> = {
  'houqin.evaluation.qualification.expiring.v1': {
    ...holder,
    expiresOn: '2027-01-05',
    warnedAt: '2026-12-05T16:00:00.000Z',
    answerable: [
      { kind: 'vendor', vendorId, name: '北京洁达物业服务有限公司', role: 'employer of the holder' },
      { kind: 'person', name: '张建国', role: 'holder of the certificate' },
    ],
  },
  'houqin.evaluation.qualification.renewed.v1': {
    ...holder,
    previousExpiresOn: '2027-01-05',
    expiresOn: '2033-01-05',
    certificateNumber: '特种作业-电工-2027-00318',
    renewedBy: 'vendor-account-wu',
    renewedAt: '2026-12-20T02:00:00.000Z',
  },
};
