import { BusinessRuleViolation, IllegalTransitionError } from '@houqin/domain';
import { INTERNAL_TEAM_PARTY, vendorParty } from '../../kpis/domain/evaluated-party';
import {
  Complaint,
  SegregationOfDutiesError,
  addEvidence,
  answerableFor,
  appealComplaint,
  appealDeadline,
  appealEffect,
  decideAppeal,
  decideComplaint,
  fileComplaint,
  isResponseOverdue,
  isResponseOverdueDue,
  markResponseOverdue,
  maySee,
  scopeOf,
  showsComplainant,
  standingOf,
  triageComplaint,
  withdrawComplaint,
} from './complaint';

const VENDOR = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const OTHER_VENDOR = '9d2f4a6c-1e3b-4d5f-8a7c-9e1b3d5f7a9c';
const FILED = new Date('2026-12-01T02:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const terms = { responseDays: 7, appealDays: 15 };
const staff = { userId: 'staff-wang', roles: ['staff'] };
const colleague = { userId: 'staff-zhao', roles: ['staff'] };
const manager = { userId: 'manager-li', roles: ['logistics-manager'] };
const admin = { userId: 'admin-lin', roles: ['agency-admin'] };
const at = (ms: number) => new Date(FILED.getTime() + ms);

function filed(overrides: Partial<Parameters<typeof fileComplaint>[2]> = {}): Complaint {
  return fileComplaint(
    'c-1',
    'agency-1',
    {
      complainantId: staff.userId,
      anonymousToVendor: true,
      serviceType: 'maintenance',
      instanceId: 'wo-1',
      party: vendorParty(VENDOR),
      category: 'service-quality',
      description: '  空调修好当天下午又坏了 ',
      attachments: [],
      ...overrides,
    },
    terms,
    FILED,
  );
}

const triaged = (complaint = filed()) => triageComplaint(complaint, manager, { severity: 'major', investigatorId: manager.userId }, at(MINUTE));
const decided = (outcome: 'upheld' | 'rejected' = 'upheld') => decideComplaint(triaged(), manager, { outcome, reasons: 'The engineer left without testing.' }, at(90 * MINUTE));

function refusal(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('a complaint (投诉)', () => {
  it('is filed about a service instance or a vendor, due a response within the response days', () => {
    const complaint = filed();
    expect(complaint).toMatchObject({ status: 'filed', description: '空调修好当天下午又坏了', responseDueAt: at(7 * DAY), evidence: [] });
    expect(filed({ serviceType: undefined, instanceId: undefined }).party).toEqual(vendorParty(VENDOR));
    expect(filed({ party: undefined }).party).toBeUndefined();
  });

  it('refuses a complaint naming neither a vendor nor a service instance, naming the field', () => {
    const error = refusal(() => filed({ party: undefined, instanceId: undefined }));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect((error as BusinessRuleViolation).field).toBe('vendorId');
    expect((refusal(() => filed({ description: '   ' })) as BusinessRuleViolation).field).toBe('description');
  });

  it('refuses the same file attached twice and more than ten files', () => {
    const file = { fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 10, url: 'https://files.example/a.jpg' };
    expect((refusal(() => filed({ attachments: [file, file] })) as BusinessRuleViolation).field).toBe('attachments[1].url');
    const many = Array.from({ length: 11 }, (_, index) => ({ ...file, url: `https://files.example/${index}.jpg` }));
    expect((refusal(() => filed({ attachments: many })) as BusinessRuleViolation).field).toBe('attachments');
  });

  it('is triaged once, by an operator naming severity, party and investigator; a second triage is a 409 naming the state', () => {
    const complaint = triaged();
    expect(complaint).toMatchObject({ status: 'under-investigation', triage: { severity: 'major', investigatorId: manager.userId, triagedBy: manager.userId } });
    const again = refusal(() => triaged(complaint));
    expect(again).toBeInstanceOf(IllegalTransitionError);
    expect((again as IllegalTransitionError).currentState).toBe('under-investigation');
  });

  it('needs the party at triage when the service instance did not tell it', () => {
    const unknown = filed({ party: undefined });
    expect((refusal(() => triaged(unknown)) as BusinessRuleViolation).field).toBe('party');
    expect(triageComplaint(unknown, manager, { severity: 'minor', investigatorId: manager.userId, party: INTERNAL_TEAM_PARTY }, at(MINUTE)).party).toEqual(INTERNAL_TEAM_PARTY);
  });

  it('takes evidence from the investigator or an operator while investigated, not before', () => {
    const item = { description: '现场照片', attachments: [] };
    expect(refusal(() => addEvidence(filed(), manager, 'e-1', item, at(MINUTE)))).toBeInstanceOf(IllegalTransitionError);
    const investigatedByStaff = triageComplaint(filed({ complainantId: 'someone-else' }), manager, { severity: 'minor', investigatorId: colleague.userId }, at(MINUTE));
    expect(addEvidence(investigatedByStaff, colleague, 'e-1', item, at(2 * MINUTE)).evidence).toHaveLength(1);
    expect(addEvidence(triaged(), admin, 'e-1', item, at(2 * MINUTE)).evidence[0]).toMatchObject({ id: 'e-1', addedBy: admin.userId });
    expect(refusal(() => addEvidence(triaged(), { userId: 'staff-sun', roles: ['staff'] }, 'e-1', item, at(2 * MINUTE)))).toBeInstanceOf(BusinessRuleViolation);
  });

  it('is decided with reasons after investigation, recording the handling time in minutes', () => {
    const complaint = decided();
    expect(complaint).toMatchObject({ status: 'decided', handlingMinutes: 90, decision: { outcome: 'upheld', decidedBy: manager.userId } });
    expect(standingOf(complaint)).toBe('upheld');
    expect((refusal(() => decideComplaint(filed(), manager, { outcome: 'upheld', reasons: 'x' }, at(MINUTE))) as IllegalTransitionError).currentState).toBe('filed');
    expect((refusal(() => decideComplaint(complaint, manager, { outcome: 'rejected', reasons: 'x' }, at(MINUTE))) as IllegalTransitionError).currentState).toBe('decided');
  });

  it('is never triaged, investigated or decided by its own complainant (an operator who complained)', () => {
    const ownFiled = filed({ complainantId: admin.userId });
    expect(refusal(() => triageComplaint(ownFiled, admin, { severity: 'minor', investigatorId: manager.userId }, at(MINUTE)))).toBeInstanceOf(SegregationOfDutiesError);
    expect(refusal(() => triageComplaint(ownFiled, manager, { severity: 'minor', investigatorId: admin.userId }, at(MINUTE)))).toBeInstanceOf(SegregationOfDutiesError);
    const own = triageComplaint(ownFiled, manager, { severity: 'minor', investigatorId: manager.userId }, at(MINUTE));
    expect(refusal(() => addEvidence(own, admin, 'e-1', { description: 'x', attachments: [] }, at(2 * MINUTE)))).toBeInstanceOf(SegregationOfDutiesError);
    expect(refusal(() => decideComplaint(own, admin, { outcome: 'rejected', reasons: 'x' }, at(2 * MINUTE)))).toBeInstanceOf(SegregationOfDutiesError);
  });

  it('is appealed once, by the complainant only, within the appeal days after the decision', () => {
    const complaint = decided();
    expect(appealDeadline(complaint, terms)).toEqual(at(90 * MINUTE + 15 * DAY));
    expect(refusal(() => appealComplaint(complaint, colleague, 'why', terms, at(DAY)))).toBeInstanceOf(BusinessRuleViolation);
    expect(refusal(() => appealComplaint(complaint, manager, 'why', terms, at(DAY)))).toBeInstanceOf(BusinessRuleViolation);
    const appealed = appealComplaint(complaint, staff, ' 处理太轻 ', terms, at(DAY));
    expect(appealed).toMatchObject({ status: 'appealed', appeal: { reasons: '处理太轻', appealedAt: at(DAY) } });
    const second = refusal(() => appealComplaint(appealed, staff, 'again', terms, at(DAY)));
    expect((second as IllegalTransitionError).currentState).toBe('appealed');
    const settled = decideAppeal(appealed, admin, { outcome: 'upheld', reasons: 'confirmed' }, at(2 * DAY));
    expect((refusal(() => appealComplaint(settled, staff, 'again', terms, at(2 * DAY))) as IllegalTransitionError).currentState).toBe('appeal-decided');
  });

  it('refuses an appeal after the window, and accepts one on its last instant', () => {
    const complaint = decided();
    const last = appealDeadline(complaint, terms)!;
    expect(appealComplaint(complaint, staff, 'why', terms, last).status).toBe('appealed');
    expect((refusal(() => appealComplaint(complaint, staff, 'why', terms, new Date(last.getTime() + 1))) as BusinessRuleViolation).code).toBe('complaint-appeal-window-closed');
  });

  it('has the appeal decided by another operator than the first decider (segregation of duties), never the complainant', () => {
    const appealed = appealComplaint(decided(), staff, 'why', terms, at(DAY));
    const error = refusal(() => decideAppeal(appealed, manager, { outcome: 'rejected', reasons: 'x' }, at(2 * DAY)));
    expect(error).toBeInstanceOf(SegregationOfDutiesError);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error.message).toMatch(/first decision/);
    expect((error as IllegalTransitionError).currentState).toBe('appealed');
  });

  it('can overturn an upheld complaint on appeal, or uphold a rejected one', () => {
    const overturned = decideAppeal(appealComplaint(decided('upheld'), staff, 'why', terms, at(DAY)), admin, { outcome: 'rejected', reasons: 'power cut' }, at(2 * DAY));
    expect({ status: overturned.status, standing: standingOf(overturned), effect: appealEffect(overturned) }).toEqual({ status: 'appeal-decided', standing: 'rejected', effect: 'overturned' });
    const upheld = decideAppeal(appealComplaint(decided('rejected'), staff, 'why', terms, at(DAY)), admin, { outcome: 'upheld', reasons: 'it did fail' }, at(2 * DAY));
    expect(appealEffect(upheld)).toBe('upheld');
    const confirmed = decideAppeal(appealComplaint(decided('upheld'), staff, 'why', terms, at(DAY)), admin, { outcome: 'upheld', reasons: 'stands' }, at(2 * DAY));
    expect(appealEffect(confirmed)).toBe('confirmed');
    expect(confirmed.handlingMinutes).toBe(90);
  });

  it('is withdrawn by the complainant before the decision only', () => {
    expect(withdrawComplaint(filed(), staff, ' 已解决 ', at(MINUTE))).toMatchObject({ status: 'withdrawn', withdrawalReason: '已解决', withdrawnAt: at(MINUTE) });
    expect(withdrawComplaint(triaged(), staff, undefined, at(2 * MINUTE)).status).toBe('withdrawn');
    expect(refusal(() => withdrawComplaint(filed(), manager, undefined, at(MINUTE)))).toBeInstanceOf(BusinessRuleViolation);
    expect((refusal(() => withdrawComplaint(decided(), staff, undefined, at(DAY))) as IllegalTransitionError).currentState).toBe('decided');
  });

  it('falls overdue at its response deadline while undecided, recorded once', () => {
    const complaint = triaged();
    expect(isResponseOverdueDue(complaint, at(7 * DAY - 1))).toBe(false);
    expect(isResponseOverdue(complaint, at(7 * DAY - 1))).toBe(false);
    expect(isResponseOverdueDue(complaint, at(7 * DAY))).toBe(true);
    const marked = markResponseOverdue(complaint, at(7 * DAY));
    expect(marked.responseOverdueAt).toEqual(at(7 * DAY));
    expect(isResponseOverdueDue(marked, at(8 * DAY))).toBe(false);
    expect(refusal(() => markResponseOverdue(marked, at(8 * DAY)))).toBeInstanceOf(IllegalTransitionError);
    expect(isResponseOverdueDue(decided(), at(8 * DAY))).toBe(false);
    expect(isResponseOverdueDue(withdrawComplaint(filed(), staff, undefined, at(MINUTE)), at(8 * DAY))).toBe(false);
  });

  it('names the party first, the manager who assigned the work, and the people the decider names, each once', () => {
    expect(answerableFor(vendorParty(VENDOR), { vendorName: '洁达物业', assignedBy: 'manager-chen' }, [{ kind: 'approving-manager', userId: 'manager-chen' }, { kind: 'person', name: '张师傅' }])).toEqual([
      { kind: 'vendor', vendorId: VENDOR, name: '洁达物业', role: 'the vendor complained about' },
      { kind: 'approving-manager', userId: 'manager-chen', role: 'assigned the work' },
      { kind: 'person', name: '张师傅' },
    ]);
    expect(answerableFor(INTERNAL_TEAM_PARTY, {})).toEqual([{ kind: 'internal-team', role: 'the internal team complained about' }]);
    expect((refusal(() => answerableFor(INTERNAL_TEAM_PARTY, {}, [{ kind: 'vendor', vendorId: VENDOR }])) as BusinessRuleViolation).field).toBe('answerable[0].kind');
    expect((refusal(() => answerableFor(INTERNAL_TEAM_PARTY, {}, [{ kind: 'person' }])) as BusinessRuleViolation).field).toBe('answerable[0].userId');
    expect((refusal(() => answerableFor(INTERNAL_TEAM_PARTY, {}, [{ kind: 'department' }])) as BusinessRuleViolation).field).toBe('answerable[0].departmentId');
  });

  it('is seen by its complainant, the agency readers and the vendor complained about (without the complainant when anonymous), by nobody else', () => {
    const complaint = filed();
    const vendor = { userId: 'v-1', roles: ['vendor'], vendorId: VENDOR.toUpperCase() };
    expect(maySee(complaint, staff)).toBe(true);
    expect(maySee(complaint, colleague)).toBe(false);
    expect(maySee(complaint, { userId: 'a', roles: ['approver'] })).toBe(false);
    for (const role of ['agency-admin', 'logistics-manager', 'auditor', 'evaluator', 'supervisor']) expect(maySee(complaint, { userId: 'x', roles: [role] })).toBe(true);
    expect(maySee(complaint, vendor)).toBe(true);
    expect(maySee(complaint, { ...vendor, vendorId: OTHER_VENDOR })).toBe(false);
    expect(scopeOf(vendor)).toEqual({ kind: 'vendor', vendorId: VENDOR });
    expect(showsComplainant(complaint, vendor)).toBe(false);
    expect(showsComplainant({ ...complaint, anonymousToVendor: false }, vendor)).toBe(true);
    expect(showsComplainant(complaint, manager)).toBe(true);
  });
});
