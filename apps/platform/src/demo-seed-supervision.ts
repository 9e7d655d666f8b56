import { businessDay } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import type { DemoApi } from './demo-seed';

export interface SupervisionSeedInput {
  agencyId: string;
  people: { manager: Caller; admin: Caller; requester: Caller; approver: Caller };
  /** The vendor under the buildings' maintenance contract, with its own account. */
  contracted: { vendorId: string; account: Caller };
  /** The canteen's caterer (its complaint waits for triage). */
  caterer: string;
  /** A repair the contracted vendor did and the requester verified. */
  verifiedWorkOrderId: string;
  now: Date;
}

export interface SupervisionSeedResult {
  complaints: number;
  violationId: string;
  rectifications: number;
  qualifications: number;
  auditPlanId: string;
}

const DAY = 24 * 3_600_000;
const file = (fileName: string, contentType = 'image/jpeg') => ({ fileName, contentType, sizeBytes: 284_113, url: `https://files.agency.example/supervision/${fileName}` });

/**
 * Supervision for the demo agency (监督问责), through the API as its people would: a complaint about
 * the contracted vendor's repair upheld (so a violation is recorded and the vendor and the manager
 * who assigned the work answer for it), another about the canteen waiting for triage; rectification
 * notices — one open with its deadline, one answered and waiting for the manager's verification;
 * the vendor's electrician's certificate expiring within the month and the internal team's lift
 * operator's certificate, with a training record; and this quarter's internal audit plan with a
 * self-check of the general office and a cross-check by it of the finance office, one failed
 * finding under rectification.
 */
export async function seedSupervision(api: DemoApi, input: SupervisionSeedInput): Promise<SupervisionSeedResult> {
  const { manager, admin, requester, approver } = input.people;
  const vendor = input.contracted.account;
  const at = (days: number) => new Date(input.now.getTime() + days * DAY);
  const evaluation = (caller: Caller, method: string, path: string, body?: unknown) => api(caller, method, `/evaluation${path}`, body);

  // 投诉: a repair that failed again the same afternoon, upheld.
  const complaint = await evaluation(requester, 'POST', '/complaints', {
    serviceType: 'maintenance',
    instanceId: input.verifiedWorkOrderId,
    category: 'service-quality',
    description: '水泵维修后当天下午再次出现异响，维修人员未做试运行即离场。',
    attachments: [file('pump-noise-after-repair.jpg')],
    anonymousToVendor: true,
  });
  const complaintId = String(complaint['id']);
  await evaluation(manager, 'POST', `/complaints/${complaintId}/triage`, { severity: 'major', investigatorId: String(manager.userId), party: input.contracted.vendorId, note: '现场核查水泵运行记录' });
  await evaluation(manager, 'POST', `/complaints/${complaintId}/evidence`, { description: '水泵房运行记录显示维修后 3 小时再次报警。', attachments: [file('pump-room-log.pdf', 'application/pdf')] });
  await evaluation(manager, 'POST', `/complaints/${complaintId}/decision`, {
    outcome: 'upheld',
    reasons: '经核查，维修后未进行试运行，故障当天复发，投诉属实。已要求供应商整改并计入违规。',
    // The work order was assigned automatically: the manager who triaged it answers for its follow-up.
    answerable: [{ kind: 'approving-manager', userId: String(manager.userId), role: '分派并验收跟踪该维修工单' }],
  });
  await evaluation(approver, 'POST', '/complaints', {
    vendorId: input.caterer,
    serviceType: 'catering',
    category: 'hygiene',
    description: '食堂二楼餐具消毒柜连续两天未开启。',
    anonymousToVendor: true,
  });

  // 违规: the upheld complaint becomes a violation once evaluation has taken its own event.
  const violationId = await until(async () => {
    const violations = (await evaluation(manager, 'GET', `/violations?source=upheld-complaint&party=${input.contracted.vendorId}`)) as unknown as Array<Record<string, unknown>>;
    return violations[0] ? String(violations[0]['id']) : undefined;
  }, 'the violation of the upheld complaint');

  // 整改: a notice open until its deadline, and one the vendor answered for the manager to verify.
  await evaluation(manager, 'POST', '/rectifications', {
    party: input.contracted.vendorId,
    finding: '维修完成后未做试运行，导致故障复发。',
    violationId,
    complaintId,
    requiredEvidence: ['维修后试运行记录', '维修人员操作规程培训签到表'],
    deadline: at(5).toISOString(),
  });
  const answered = await evaluation(manager, 'POST', '/rectifications', {
    party: input.contracted.vendorId,
    finding: 'A座冷冻机房消防通道堆放维修物料。',
    requiredEvidence: ['清理后现场照片'],
    deadline: at(3).toISOString(),
  });
  await evaluation(vendor, 'POST', `/rectifications/${String(answered['id'])}/answer`, {
    statement: '物料已全部清运至库房，并在机房门口设置禁止堆放标识。',
    evidence: [{ item: '清理后现场照片', ...file('chiller-room-cleared.jpg') }],
  });

  // 资质: the vendor's on-site electrician's certificate runs out within the month.
  const expiring = businessDay(at(20)).date;
  await evaluation(vendor, 'POST', '/qualifications', {
    holder: { kind: 'vendor-staff', name: '王建国', vendorId: input.contracted.vendorId, staffNumber: 'GL-0107' },
    type: 'electrician-certificate',
    mandatory: true,
    certificateNumber: 'T350102198011',
    issuedOn: '2020-12-28',
    expiresOn: expiring,
  });
  await evaluation(manager, 'POST', '/qualifications', {
    holder: { kind: 'internal-staff', name: '李师傅', userId: 'demo-staff-li-shifu' },
    type: 'lift-operator-certificate',
    mandatory: true,
    certificateNumber: 'TS-DT-2025-0311',
    issuedOn: '2025-03-11',
    expiresOn: '2029-03-10',
  });
  await evaluation(manager, 'POST', '/training-records', {
    holder: { kind: 'internal-staff', name: '李师傅', userId: 'demo-staff-li-shifu' },
    course: '电梯困人应急救援演练',
    hours: 4,
    completedOn: businessDay(at(-12)).date,
  });

  // 内部审计: this quarter's plan, a self-check of the general office and its cross-check of finance.
  const department = async (name: string) => String((await api(admin, 'POST', `/identity/agencies/${input.agencyId}/departments`, { name }))['id']);
  const generalOffice = await department('办公室');
  const finance = await department('财务处');
  const today = businessDay(input.now).date;
  const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  const plan = await evaluation(admin, 'POST', '/internal-audit/plans', { name: `${quarter} 后勤服务内部审计`, period: quarter, scope: '维修合同履约、采购合同归档、公务用车登记' });
  const planId = String(plan['id']);
  const dueOn = businessDay(at(14)).date;
  const selfCheck = await evaluation(admin, 'POST', `/internal-audit/plans/${planId}/tasks`, {
    kind: 'self-check',
    checkedDepartmentId: generalOffice,
    assignees: [String(requester.userId)],
    dueOn,
    checklist: [{ requirement: '维修合同履约验收单据齐全' }, { requirement: '采购合同按时归档，台账完整' }],
  });
  await evaluation(admin, 'POST', `/internal-audit/plans/${planId}/tasks`, {
    kind: 'cross-check',
    checkedDepartmentId: finance,
    checkingDepartmentId: generalOffice,
    assignees: [String(approver.userId)],
    dueOn,
    checklist: [{ requirement: '供应商违约金按月扣款有据可查' }],
  });
  const selfCheckId = String(selfCheck['id']);
  await evaluation(requester, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, { itemId: 'item-1', result: 'pass' });
  await evaluation(requester, 'POST', `/internal-audit/tasks/${selfCheckId}/findings`, {
    itemId: 'item-2',
    result: 'fail',
    description: '三份采购合同未按时归档。',
    severity: 'minor',
    rectification: { responsibleUserId: String(approver.userId), responsibleDepartmentId: generalOffice, deadline: businessDay(at(10)).date },
  });

  return { complaints: 2, violationId, rectifications: 2, qualifications: 2, auditPlanId: planId };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
