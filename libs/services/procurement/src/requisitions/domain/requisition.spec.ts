import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { DEFAULT_APPROVAL_POLICY } from './approval-policy';
import { REQUISITION_STATUSES, Requisition, RequisitionDraft, RequisitionStatus, approveRequisition, currentStep, draftRequisition, rejectRequisition, submitRequisition, withdrawRequisition } from './requisition';

const YUAN = 100;
const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));
const policy = DEFAULT_APPROVAL_POLICY;
const requester = { userId: 'staff-1', roles: ['staff'] };
const approver = { userId: 'approver-1', roles: ['approver'] };
const manager = { userId: 'manager-1', roles: ['logistics-manager'] };
const admin = { userId: 'admin-1', roles: ['agency-admin'] };

const draft: RequisitionDraft = {
  id: '7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09',
  agencyId: 'agency-a',
  requestedBy: 'staff-1',
  departmentId: ' general-office ',
  title: ' Office supplies for Q1 ',
  fiscalYear: 2026,
  category: 'supplies',
  lines: [
    { itemCode: 'OFF-PAPER-A4', quantity: 40, estimatedUnitPrice: 125 * YUAN },
    { description: ' Whiteboard markers, box of 12 ', quantity: 10, estimatedUnitPrice: 36 * YUAN + 50 },
  ],
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

/** A requisition of `amount` fen, submitted under the default policy. */
function submittedFor(amount: number): Requisition {
  const one = draftRequisition({ ...draft, lines: [{ description: 'Desks', quantity: 1, estimatedUnitPrice: amount }] }, clock);
  return submitRequisition(one, requester, policy, clock);
}

describe('drafting a requisition', () => {
  it('computes each line total and the requisition total in fen', () => {
    const requisition = draftRequisition(draft, clock);
    expect(requisition.lines.map((line) => line.estimatedTotal)).toEqual([500_000, 36_500]);
    expect(requisition.total).toBe(536_500);
    expect(requisition).toMatchObject({ status: 'draft', steps: [], title: 'Office supplies for Q1', departmentId: 'general-office' });
  });

  it('describes a catalogue line by its code when no description is given', () => {
    expect(draftRequisition(draft, clock).lines[0]).toMatchObject({ itemCode: 'OFF-PAPER-A4', description: 'OFF-PAPER-A4' });
  });

  it('refuses a line with neither item code nor description, naming the line', () => {
    expect(thrown(() => draftRequisition({ ...draft, lines: [{ description: ' ', quantity: 1, estimatedUnitPrice: 100 }] }, clock))).toMatchObject({
      code: 'line-item-required',
      field: 'lines[0].description',
    });
  });

  it('refuses fractional quantities and prices, and a requisition without lines', () => {
    expect(thrown(() => draftRequisition({ ...draft, lines: [{ description: 'Paper', quantity: 1.5, estimatedUnitPrice: 100 }] }, clock))).toMatchObject({
      field: 'lines[0].quantity',
    });
    expect(thrown(() => draftRequisition({ ...draft, lines: [{ description: 'Paper', quantity: 1, estimatedUnitPrice: 99.9 }] }, clock))).toMatchObject({
      field: 'lines[0].estimatedUnitPrice',
    });
    expect(thrown(() => draftRequisition({ ...draft, lines: [] }, clock))).toMatchObject({ code: 'lines-required' });
  });
});

describe('submitting a requisition', () => {
  it('fixes the approval chain its amount calls for', () => {
    expect(submittedFor(30_000 * YUAN).steps).toEqual([{ role: 'approver' }]);
    expect(submittedFor(120_000 * YUAN).steps.map((step) => step.role)).toEqual(['approver', 'logistics-manager']);
    expect(submittedFor(800_000 * YUAN).steps.map((step) => step.role)).toEqual(['approver', 'logistics-manager', 'agency-admin']);
  });

  it('is the requester’s to do', () => {
    expect(thrown(() => submitRequisition(draftRequisition(draft, clock), approver, policy, clock))).toMatchObject({ code: 'requester-only' });
  });

  it('refuses to submit twice, naming the current state', () => {
    const error = thrown(() => submitRequisition(submittedFor(100), requester, policy, clock));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toMatchObject({ currentState: 'submitted', attemptedAction: 'submit' });
  });
});

describe('approving a requisition', () => {
  it('refuses to approve a requisition its own requester raised, even holding the step’s role', () => {
    const error = thrown(() => approveRequisition(submittedFor(100), { userId: 'staff-1', roles: ['staff', 'approver'] }, policy, clock));
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error).toMatchObject({ code: 'self-approval' });
  });

  it('refuses an approver whose role is not the current step’s, naming the step', () => {
    const error = thrown(() => approveRequisition(submittedFor(120_000 * YUAN), manager, policy, clock));
    expect(error).toMatchObject({ code: 'not-current-approver' });
    expect((error as Error).message).toBe('step 1 of 2 is for a approver to approve');
  });

  it('walks the chain step by step and approves at the last, choosing the procurement method by amount', () => {
    const first = approveRequisition(submittedFor(120_000 * YUAN), { ...approver, comment: ' within plan ' }, policy, clock);
    expect(first).toMatchObject({ step: 0, of: 2, final: false });
    expect(first.requisition.status).toBe('submitted');
    expect(first.requisition.steps[0]).toMatchObject({ approvedBy: 'approver-1', comment: 'within plan' });
    expect(currentStep(first.requisition)).toMatchObject({ index: 1, step: { role: 'logistics-manager' } });

    const second = approveRequisition(first.requisition, manager, policy, clock);
    expect(second).toMatchObject({ step: 1, of: 2, final: true });
    expect(second.requisition).toMatchObject({ status: 'approved', procurementMethod: 'request-for-quotation' });
    expect(second.requisition.approvedAt?.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(currentStep(second.requisition)).toBeUndefined();
  });

  it('sets direct purchase for small amounts and open tender for large ones', () => {
    expect(approveRequisition(submittedFor(8_000 * YUAN), approver, policy, clock).requisition.procurementMethod).toBe('direct-purchase');
    let requisition = submittedFor(1_200_000 * YUAN);
    for (const actor of [approver, manager, admin]) requisition = approveRequisition(requisition, actor, policy, clock).requisition;
    expect(requisition).toMatchObject({ status: 'approved', procurementMethod: 'open-tender' });
  });

  it('refuses one person approving two steps of a chain', () => {
    const both = { userId: 'deputy-1', roles: ['approver', 'logistics-manager'] };
    const first = approveRequisition(submittedFor(120_000 * YUAN), both, policy, clock);
    expect(thrown(() => approveRequisition(first.requisition, both, policy, clock))).toMatchObject({ code: 'approver-already-approved' });
  });

  it.each(['draft', 'approved', 'rejected', 'withdrawn'] as const)('refuses to approve a %s requisition with a 409 naming that state', (status) => {
    const requisition = { ...submittedFor(100), status };
    const error = thrown(() => approveRequisition(requisition, approver, policy, clock));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe(status);
  });
});

describe('rejecting a requisition', () => {
  it('closes it with the reason, by the current step’s role', () => {
    const rejected = rejectRequisition(submittedFor(100), { ...approver, reason: ' stock on hand ' }, clock);
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { by: 'approver-1', reason: 'stock on hand' } });
  });

  it('requires a reason', () => {
    expect(thrown(() => rejectRequisition(submittedFor(100), { ...approver, reason: ' ' }, clock))).toMatchObject({ code: 'reason-required', field: 'reason' });
  });

  it('is not for the requester, who withdraws instead, nor for another step’s role', () => {
    expect(thrown(() => rejectRequisition(submittedFor(100), { userId: 'staff-1', roles: ['approver'], reason: 'no' }, clock))).toMatchObject({ code: 'self-approval' });
    expect(thrown(() => rejectRequisition(submittedFor(100), { ...manager, reason: 'no' }, clock))).toMatchObject({ code: 'not-current-approver' });
  });

  it('refuses a draft, naming its state', () => {
    expect(thrown(() => rejectRequisition(draftRequisition(draft, clock), { ...approver, reason: 'no' }, clock))).toMatchObject({ currentState: 'draft' });
  });
});

describe('withdrawing a requisition', () => {
  it('lets the requester withdraw a draft or a submitted requisition, part-approved included', () => {
    expect(withdrawRequisition(draftRequisition(draft, clock), requester, clock).status).toBe('withdrawn');
    const partApproved = approveRequisition(submittedFor(120_000 * YUAN), approver, policy, clock).requisition;
    expect(withdrawRequisition(partApproved, { ...requester, reason: ' bought elsewhere ' }, clock)).toMatchObject({
      status: 'withdrawn',
      withdrawal: { by: 'staff-1', reason: 'bought elsewhere' },
    });
  });

  it('is the requester’s alone', () => {
    expect(thrown(() => withdrawRequisition(submittedFor(100), admin, clock))).toMatchObject({ code: 'requester-only' });
  });

  it('refuses after the final approval, naming the current state', () => {
    const approved = approveRequisition(submittedFor(100), approver, policy, clock).requisition;
    const error = thrown(() => withdrawRequisition(approved, requester, clock));
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).currentState).toBe('approved');
  });
});

/*
 * The whole state × action table, written out from the business: a draft is submitted or withdrawn;
 * a submitted requisition is approved (its last step), rejected or withdrawn; approved, rejected and
 * withdrawn requisitions are final. '409' is an illegal transition naming the state.
 */
type RequisitionAction = 'submit' | 'approve' | 'reject' | 'withdraw';
const REQUISITION_TABLE: Record<RequisitionStatus, Record<RequisitionAction, RequisitionStatus | '409'>> = {
  draft: { submit: 'submitted', approve: '409', reject: '409', withdraw: 'withdrawn' },
  submitted: { submit: '409', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: { submit: '409', approve: '409', reject: '409', withdraw: '409' },
  rejected: { submit: '409', approve: '409', reject: '409', withdraw: '409' },
  withdrawn: { submit: '409', approve: '409', reject: '409', withdraw: '409' },
};

describe('the requisition state × action table', () => {
  // A one-step chain (an approver), so one approval is the last; each action by someone entitled to it.
  const perform: Record<RequisitionAction, (requisition: Requisition) => Requisition> = {
    submit: (requisition) => submitRequisition(requisition, requester, policy, clock),
    approve: (requisition) => approveRequisition(requisition, approver, policy, clock).requisition,
    reject: (requisition) => rejectRequisition(requisition, { ...approver, reason: 'not in this year’s plan' }, clock),
    withdraw: (requisition) => withdrawRequisition(requisition, requester, clock),
  };
  const inState = (status: RequisitionStatus): Requisition => (status === 'draft' ? draftRequisition(draft, clock) : { ...submittedFor(10_000 * YUAN), status });
  const cells = REQUISITION_STATUSES.flatMap((state) => (Object.keys(perform) as RequisitionAction[]).map((action) => [state, action, REQUISITION_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(REQUISITION_TABLE).sort()).toEqual([...REQUISITION_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState(state))).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState(state)).status).toBe(expected);
    }
  });
});
