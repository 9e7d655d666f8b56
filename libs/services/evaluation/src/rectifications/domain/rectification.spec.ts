import { BusinessRuleViolation, IllegalTransitionError, NotFoundError } from '@houqin/domain';
import { INTERNAL_TEAM_PARTY, vendorParty } from '../../kpis/domain/evaluated-party';
import {
  Actor,
  RectificationNotice,
  RectificationStatus,
  answerRectification,
  answerableFor,
  escalateRectification,
  isEscalationDue,
  isOverdue,
  issueRectification,
  maySee,
  sendBackRectification,
  verifyRectification,
} from './rectification';

const HOUR = 3_600_000;
const issuedAt = new Date('2026-12-01T02:00:00Z');
const deadline = new Date('2026-12-08T10:00:00Z');
const at = (ms: number) => new Date(deadline.getTime() + ms);
const VENDOR = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const OTHER_VENDOR = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const manager: Actor = { userId: 'manager-li', roles: ['logistics-manager'] };
const otherManager: Actor = { userId: 'admin-zhou', roles: ['agency-admin'] };
const vendorStaff: Actor = { userId: 'vendor-wang', roles: ['vendor'], vendorId: VENDOR };
const otherVendorStaff: Actor = { userId: 'vendor-qian', roles: ['vendor'], vendorId: OTHER_VENDOR };
const auditor: Actor = { userId: 'auditor-sun', roles: ['auditor'] };

const file = (fileName: string, item?: string) => ({ fileName, contentType: 'image/jpeg', sizeBytes: 120_000, url: `https://files.agency.example/${fileName}`, ...(item ? { item } : {}) });
const fullAnswer = {
  statement: '已更换阀门并组织培训。',
  evidence: [file('valve.jpg', 'photo of the repaired valve'), file('attendance.pdf', 'training attendance sheet')],
};

function vendorNotice(): RectificationNotice {
  return issueRectification(
    'notice-1',
    'agency-1',
    {
      party: vendorParty(VENDOR),
      vendorName: '北京洁达物业服务有限公司',
      finding: '三号楼水泵房阀门漏水，维修人员未持证上岗。',
      violationId: '6B8D0F2A-4C6E-4B8D-8F2A-4C6E8A0B2D4F',
      requiredEvidence: ['photo of the repaired valve', 'training attendance sheet'],
      deadline,
    },
    'manager-li',
    issuedAt,
  );
}

describe('issuing a rectification notice (整改通知)', () => {
  it('issues it to the party with the required evidence and a deadline', () => {
    const notice = vendorNotice();
    expect(notice).toMatchObject({ status: 'issued', issuedBy: 'manager-li', deadline, requiredEvidence: ['photo of the repaired valve', 'training attendance sheet'], violationId: '6b8d0f2a-4c6e-4b8d-8f2a-4c6e8a0b2d4f' });
    expect(notice.answers).toEqual([]);
  });

  it('refuses a deadline that is not in the future, naming the field', () => {
    expect(() => issueRectification('n', 'a', { party: INTERNAL_TEAM_PARTY, finding: 'x', requiredEvidence: [], deadline: issuedAt }, 'm', issuedAt)).toThrow(
      expect.objectContaining({ constructor: BusinessRuleViolation, field: 'deadline' }),
    );
  });

  it('refuses an evidence item required twice, naming it', () => {
    expect(() =>
      issueRectification('n', 'a', { party: INTERNAL_TEAM_PARTY, finding: 'x', requiredEvidence: ['Photo', ' photo '], deadline }, 'm', issuedAt),
    ).toThrow(expect.objectContaining({ field: 'requiredEvidence[1]' }));
  });
});

describe('answering a notice', () => {
  it('takes the vendor’s statement and evidence covering every required item', () => {
    const answered = answerRectification(vendorNotice(), vendorStaff, fullAnswer, at(-HOUR));
    expect(answered.status).toBe('answered');
    expect(answered.answers).toEqual([expect.objectContaining({ answeredBy: 'vendor-wang', late: false, deadline })]);
    expect(answered.answers[0]!.evidence.map((evidence) => evidence.item)).toEqual(['photo of the repaired valve', 'training attendance sheet']);
  });

  it('refuses an answer that leaves a required item without evidence, naming the item', () => {
    const partial = { statement: '已更换阀门。', evidence: [file('valve.jpg', 'photo of the repaired valve'), file('extra.jpg')] };
    expect(() => answerRectification(vendorNotice(), vendorStaff, partial, at(-HOUR))).toThrow(
      expect.objectContaining({ constructor: BusinessRuleViolation, code: 'evidence-missing', field: 'evidence', message: expect.stringContaining("'training attendance sheet'") }),
    );
  });

  it('refuses evidence for an item the notice does not require, naming the attachment', () => {
    const odd = { statement: 's', evidence: [...fullAnswer.evidence, file('x.jpg', 'a receipt')] };
    expect(() => answerRectification(vendorNotice(), vendorStaff, odd, at(-HOUR))).toThrow(expect.objectContaining({ field: 'evidence[2].item' }));
  });

  it('matches the items whatever their case and spacing', () => {
    const loose = { statement: 's', evidence: [file('a.jpg', 'PHOTO of the  repaired valve'), file('b.pdf', 'training attendance sheet ')] };
    expect(answerRectification(vendorNotice(), vendorStaff, loose, at(-HOUR)).answers[0]!.evidence[0]!.item).toBe('photo of the repaired valve');
  });

  it('still takes an answer after the deadline, recorded as late', () => {
    const answered = answerRectification(vendorNotice(), vendorStaff, fullAnswer, at(HOUR));
    expect(answered.status).toBe('answered');
    expect(answered.answers[0]!.late).toBe(true);
  });

  it('is answered at the deadline itself on time', () => {
    expect(answerRectification(vendorNotice(), vendorStaff, fullAnswer, deadline).answers[0]!.late).toBe(false);
  });

  it("hides a vendor's notice from another vendor (not found)", () => {
    expect(maySee(vendorNotice(), otherVendorStaff)).toBe(false);
    expect(() => answerRectification(vendorNotice(), otherVendorStaff, fullAnswer, at(-HOUR))).toThrow(NotFoundError);
  });

  it("lets only the vendor answer a vendor's notice, not the agency's managers", () => {
    expect(() => answerRectification(vendorNotice(), manager, fullAnswer, at(-HOUR))).toThrow(expect.objectContaining({ code: 'answered-by-the-vendor' }));
  });

  it("has the operators answer the internal team's notice; a vendor never sees it", () => {
    const internal = issueRectification('n-2', 'agency-1', { party: INTERNAL_TEAM_PARTY, finding: '食堂后厨消毒记录缺失', requiredEvidence: ['disinfection log'], deadline }, 'manager-li', issuedAt);
    const answer = { statement: '已补齐记录', evidence: [file('log.pdf', 'disinfection log')] };
    expect(answerRectification(internal, otherManager, answer, at(-HOUR)).status).toBe('answered');
    expect(maySee(internal, vendorStaff)).toBe(false);
    expect(() => answerRectification(internal, vendorStaff, answer, at(-HOUR))).toThrow(NotFoundError);
    expect(() => answerRectification(internal, auditor, answer, at(-HOUR))).toThrow(expect.objectContaining({ code: 'answered-by-the-operators' }));
  });
});

describe('verifying and sending back', () => {
  it('sends an answer back with a reason and a new deadline, then verifies the next answer: closed', () => {
    const answered = answerRectification(vendorNotice(), vendorStaff, fullAnswer, at(-HOUR));
    const newDeadline = at(7 * 24 * HOUR);
    const returned = sendBackRectification(answered, 'manager-li', { reason: '照片看不清阀门编号', deadline: newDeadline }, at(-HOUR / 2));
    expect(returned).toMatchObject({ status: 'returned', deadline: newDeadline });
    expect(returned.sendBacks).toEqual([expect.objectContaining({ reason: '照片看不清阀门编号', previousDeadline: deadline, deadline: newDeadline })]);
    const again = answerRectification(returned, vendorStaff, fullAnswer, at(HOUR));
    expect(again.answers.map((answer) => answer.late)).toEqual([false, false]);
    const closed = verifyRectification(again, 'manager-li', '现场复查合格', at(2 * HOUR));
    expect(closed).toMatchObject({ status: 'closed', verifiedBy: 'manager-li', verificationNote: '现场复查合格' });
  });

  it('keeps the deadline when a send-back names none', () => {
    const answered = answerRectification(vendorNotice(), vendorStaff, fullAnswer, at(-HOUR));
    expect(sendBackRectification(answered, 'manager-li', { reason: 'r' }, at(-HOUR)).deadline).toEqual(deadline);
  });

  it('refuses a new deadline in the past, naming the field', () => {
    const answered = answerRectification(vendorNotice(), vendorStaff, fullAnswer, at(-HOUR));
    expect(() => sendBackRectification(answered, 'manager-li', { reason: 'r', deadline: at(-2 * HOUR) }, at(-HOUR))).toThrow(expect.objectContaining({ field: 'deadline' }));
  });

  it('refuses to let whoever answered verify their own answer', () => {
    const internal = issueRectification('n-2', 'agency-1', { party: INTERNAL_TEAM_PARTY, finding: 'f', requiredEvidence: [], deadline }, 'manager-li', issuedAt);
    const answered = answerRectification(internal, manager, { statement: 's', evidence: [] }, at(-HOUR));
    expect(() => verifyRectification(answered, 'manager-li', undefined, at(-HOUR))).toThrow(expect.objectContaining({ code: 'verifier-answered' }));
    expect(verifyRectification(answered, 'admin-zhou', undefined, at(-HOUR)).status).toBe('closed');
  });
});

/*
 * The whole state × action table, written out from the business: the party answers while the notice
 * waits for it (issued, returned); the manager verifies or sends back an answer; a closed notice
 * takes nothing. '409' is an illegal transition naming the state.
 */
type Action = 'answer' | 'verify' | 'send back';
const TABLE: Record<RectificationStatus, Record<Action, RectificationStatus | '409'>> = {
  issued: { answer: 'answered', verify: '409', 'send back': '409' },
  answered: { answer: '409', verify: 'closed', 'send back': 'returned' },
  returned: { answer: 'answered', verify: '409', 'send back': '409' },
  closed: { answer: '409', verify: '409', 'send back': '409' },
};

describe('the rectification state × action table', () => {
  const now = at(-HOUR);
  const issued = vendorNotice();
  const answered = answerRectification(issued, vendorStaff, fullAnswer, now);
  const returned = sendBackRectification(answered, 'manager-li', { reason: 'r' }, now);
  const inState: Record<RectificationStatus, RectificationNotice> = { issued, answered, returned, closed: verifyRectification(answered, 'manager-li', undefined, now) };
  const perform: Record<Action, (notice: RectificationNotice) => RectificationNotice> = {
    answer: (notice) => answerRectification(notice, vendorStaff, fullAnswer, now),
    verify: (notice) => verifyRectification(notice, 'manager-li', undefined, now),
    'send back': (notice) => sendBackRectification(notice, 'manager-li', { reason: 'r' }, now),
  };
  const cells = (Object.keys(TABLE) as RectificationStatus[]).flatMap((state) => (Object.keys(perform) as Action[]).map((action) => [state, action, TABLE[state][action]] as const));

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState[state])).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState[state]).status).toBe(expected);
    }
  });
});

describe('overdue and escalation (once per deadline)', () => {
  it('is overdue from the deadline while it waits for the answer, not before', () => {
    expect(isOverdue(vendorNotice(), at(-1))).toBe(false);
    expect(isOverdue(vendorNotice(), deadline)).toBe(true);
    expect(isEscalationDue(vendorNotice(), deadline)).toBe(true);
  });

  it('is not overdue once answered, even late, nor once closed', () => {
    const answered = answerRectification(vendorNotice(), vendorStaff, fullAnswer, at(HOUR));
    expect(isOverdue(answered, at(2 * HOUR))).toBe(false);
    expect(isEscalationDue(answered, at(2 * HOUR))).toBe(false);
  });

  it('escalates once per deadline: a second escalation for the same deadline is refused', () => {
    const escalated = escalateRectification(vendorNotice(), at(HOUR));
    expect(escalated.escalations).toEqual([{ deadline, escalatedAt: at(HOUR) }]);
    expect(isEscalationDue(escalated, at(2 * HOUR))).toBe(false);
    expect(() => escalateRectification(escalated, at(2 * HOUR))).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: 'escalated' }));
  });

  it('escalates again when a send-back sets a new deadline that passes too', () => {
    const escalated = escalateRectification(vendorNotice(), at(HOUR));
    const answered = answerRectification(escalated, vendorStaff, fullAnswer, at(2 * HOUR));
    const newDeadline = at(48 * HOUR);
    const returned = sendBackRectification(answered, 'manager-li', { reason: 'r', deadline: newDeadline }, at(3 * HOUR));
    expect(isEscalationDue(returned, at(47 * HOUR))).toBe(false);
    const again = escalateRectification(returned, newDeadline);
    expect(again.escalations.map((escalation) => escalation.deadline)).toEqual([deadline, newDeadline]);
    expect(isEscalationDue(again, at(49 * HOUR))).toBe(false);
  });

  it('does not escalate again after a send-back that keeps the deadline already escalated', () => {
    const escalated = escalateRectification(vendorNotice(), at(HOUR));
    const answered = answerRectification(escalated, vendorStaff, fullAnswer, at(2 * HOUR));
    const returned = sendBackRectification(answered, 'manager-li', { reason: 'r' }, at(3 * HOUR));
    expect(isOverdue(returned, at(3 * HOUR))).toBe(true);
    expect(isEscalationDue(returned, at(3 * HOUR))).toBe(false);
  });

  it('names the vendor (with its name) or the internal team as answerable, not the issuing manager', () => {
    expect(answerableFor(vendorNotice())).toEqual([{ kind: 'vendor', vendorId: VENDOR, name: '北京洁达物业服务有限公司', role: 'told to rectify by the notice' }]);
    const internal = issueRectification('n-2', 'agency-1', { party: INTERNAL_TEAM_PARTY, finding: 'f', requiredEvidence: [], deadline }, 'manager-li', issuedAt);
    expect(answerableFor(internal)).toEqual([{ kind: 'internal-team', role: 'told to rectify by the notice' }]);
  });
});
