import { BusinessRuleViolation, FixedClock, IllegalTransitionError } from '@houqin/domain';
import { RepairRequest } from '../../repair-requests/domain/repair-request';
import {
  WORK_ORDER_STATUSES,
  WorkOrder,
  WorkOrderStatus,
  acceptWorkOrder,
  assignWorkOrder,
  cancelWorkOrder,
  closeWorkOrder,
  completeWorkOrder,
  RAISED_BY_PLATFORM,
  holdForRequester,
  raiseWorkOrder,
  reopenWorkOrder,
  resumeWorkOrder,
  startWorkOrder,
  triageRepairRequest,
  verifyWorkOrder,
  workOrderTimes,
} from './work-order';

const reportedAt = new Date('2026-11-27T09:00:00Z');
const at = (minutes: number) => new FixedClock(new Date(reportedAt.getTime() + minutes * 60_000));
const vendorId = '5c1f7a2e-0b3d-4e6f-8a9b-0c1d2e3f4a5b';
const contractId = '6d2a8b3f-1c4e-4f7a-9b0c-1d2e3f4a5b6c';
const request: RepairRequest = {
  id: '7d1c4f0e-3b1a-4c55-9a57-0f3d1c2b8e11',
  agencyId: 'agency-a',
  reportedBy: 'staff-1',
  location: { building: 'Main Building', room: '301' },
  description: 'The air conditioner leaks water',
  priority: 'high',
  attachments: [],
  status: 'reported',
  reportedAt,
};
const requester = { userId: 'staff-1', roles: ['staff'] };
const vendorStaff = { userId: 'vendor-user-1', roles: ['vendor'], vendorId };
const otherVendor = { userId: 'vendor-user-2', roles: ['vendor'], vendorId: '00000000-0000-4000-8000-000000000000' };
const manager = { userId: 'manager-1', roles: ['logistics-manager'] };

function triaged(): WorkOrder {
  return triageRepairRequest(request, { id: 'a1b2c3d4-0000-4000-8000-000000000001', triagedBy: 'manager-1', category: 'hvac' }, at(5));
}
function inProgress(): WorkOrder {
  const assigned = assignWorkOrder(triaged(), { kind: 'vendor', vendorId, contractId }, at(10));
  return startWorkOrder(acceptWorkOrder(assigned, vendorStaff, at(30)), vendorStaff, at(45));
}

describe('work order state machine', () => {
  it('triages a reported request keeping its report time, location and priority', () => {
    expect(triaged()).toMatchObject({ status: 'triaged', reportedAt, priority: 'high', category: 'hvac', location: request.location, triagedAt: at(5).now(), reopenCount: 0, onHoldMs: 0 });
    expect(() => triageRepairRequest({ ...request, status: 'triaged' }, { id: 'x', triagedBy: 'm', category: 'hvac' }, at(5))).toThrow('repair request is triaged; cannot triage');
  });

  it('runs triaged → assigned → accepted → in-progress → completed → verified → closed, recording each step', () => {
    const completed = completeWorkOrder(inProgress(), vendorStaff, ' Replaced the drain pipe ', at(200));
    const closed = closeWorkOrder(verifyWorkOrder(completed, requester, at(230)), at(240));
    expect(closed).toMatchObject({
      status: 'closed',
      assignedAt: at(10).now(),
      acceptedAt: at(30).now(),
      startedAt: at(45).now(),
      completedAt: at(200).now(),
      verifiedAt: at(230).now(),
      closedAt: at(240).now(),
      resolutionNote: 'Replaced the drain pipe',
    });
  });

  it('refuses illegal transitions with a 409 naming the current state', () => {
    const order = triaged();
    const attempt = () => acceptWorkOrder(order, vendorStaff, at(6));
    expect(attempt).toThrow(IllegalTransitionError);
    expect(attempt).toThrow('work order is triaged; cannot accept');
    expect(() => verifyWorkOrder(inProgress(), requester, at(50))).toThrow('work order is in-progress; cannot verify');
    expect(() => closeWorkOrder(inProgress(), at(50))).toThrow('work order is in-progress; cannot close');
    const cancelled = cancelWorkOrder(order, 'duplicate', at(6));
    expect(() => cancelWorkOrder(cancelled, 'again', at(7))).toThrow('work order is cancelled; cannot cancel');
    expect(() => assignWorkOrder(cancelled, { kind: 'internal' }, at(7))).toThrow('work order is cancelled; cannot assign');
  });

  it('lets only the assigned vendor accept, start and complete, and only the requester verify or reopen', () => {
    const assigned = assignWorkOrder(triaged(), { kind: 'vendor', vendorId, contractId }, at(10));
    expect(() => acceptWorkOrder(assigned, otherVendor, at(20))).toThrow(BusinessRuleViolation);
    expect(() => acceptWorkOrder(assigned, manager, at(20))).toThrow(/only vendor/);
    const completed = completeWorkOrder(inProgress(), vendorStaff, undefined, at(100));
    expect(() => verifyWorkOrder(completed, manager, at(110))).toThrow(/only the person who reported/);
    expect(() => reopenWorkOrder(completed, vendorStaff, 'still leaking')).toThrow(/only the person who reported/);
  });

  it('lets the internal team (a logistics manager) do the work when assigned internally', () => {
    const assigned = assignWorkOrder(triaged(), { kind: 'internal' }, at(10));
    expect(() => acceptWorkOrder(assigned, vendorStaff, at(20))).toThrow(/only the internal team/);
    expect(acceptWorkOrder(assigned, manager, at(20)).status).toBe('accepted');
  });

  it('cancels from any open state with a reason, not once completed', () => {
    expect(cancelWorkOrder(inProgress(), ' vendor could not get parts; replaced the unit ', at(60))).toMatchObject({ status: 'cancelled', cancellationReason: 'vendor could not get parts; replaced the unit', cancelledAt: at(60).now() });
    expect(() => cancelWorkOrder(triaged(), '  ', at(6))).toThrow(BusinessRuleViolation);
    const completed = completeWorkOrder(inProgress(), vendorStaff, undefined, at(100));
    expect(() => cancelWorkOrder(completed, 'too late', at(110))).toThrow('work order is completed; cannot cancel');
  });
});

describe('response and resolution times', () => {
  it('measures response as report → acceptance and resolution as report → completion in whole minutes', () => {
    const completed = completeWorkOrder(inProgress(), vendorStaff, undefined, at(200.9));
    expect(workOrderTimes(completed)).toEqual({ responseMinutes: 30, resolutionMinutes: 200, onHoldMinutes: 0, firstTimeFix: true });
  });

  it('leaves the time on hold waiting on the requester out of resolution, over several holds', () => {
    let order = holdForRequester(inProgress(), vendorStaff, 'waiting for the room key', at(50));
    expect(order.status).toBe('on-hold-requester');
    expect(() => completeWorkOrder(order, vendorStaff, undefined, at(60))).toThrow('work order is on-hold-requester; cannot complete');
    order = resumeWorkOrder(order, requester, at(110)); // 60 minutes waiting
    order = resumeWorkOrder(holdForRequester(order, vendorStaff, 'part to be chosen', at(120)), vendorStaff, at(135)); // 15 more
    expect(order).toMatchObject({ status: 'in-progress', onHoldMs: 75 * 60_000 });
    expect(order.holdStartedAt).toBeUndefined();
    const completed = completeWorkOrder(order, vendorStaff, undefined, at(200));
    expect(workOrderTimes(completed)).toEqual({ responseMinutes: 30, resolutionMinutes: 125, onHoldMinutes: 75, firstTimeFix: true });
  });

  it('refuses to put work on hold without saying what it waits on, naming the reason', () => {
    for (const reason of ['', '   ']) {
      expect(() => holdForRequester(inProgress(), vendorStaff, reason, at(50))).toThrow(expect.objectContaining({ code: 'reason-required', field: 'reason' }));
    }
  });

  it('keeps why the work is on hold while it is, and forgets it when work resumes or is cancelled', () => {
    const held = holdForRequester(inProgress(), vendorStaff, '  waiting for the room key ', at(50));
    expect(held).toMatchObject({ status: 'on-hold-requester', holdReason: 'waiting for the room key', holdStartedAt: at(50).now() });
    expect(resumeWorkOrder(held, requester, at(60)).holdReason).toBeUndefined();
    expect(cancelWorkOrder(held, 'no longer needed', at(60)).holdReason).toBeUndefined();
  });

  it('counts reopening: the last completion is measured and the fix is no longer first-time', () => {
    const completed = completeWorkOrder(inProgress(), vendorStaff, undefined, at(100));
    const reopened = reopenWorkOrder(completed, requester, 'still dripping');
    expect(reopened).toMatchObject({ status: 'in-progress', reopenCount: 1 });
    expect(reopened.completedAt).toBeUndefined();
    expect(() => reopenWorkOrder(completed, requester, ' ')).toThrow(BusinessRuleViolation);
    const again = completeWorkOrder(reopened, vendorStaff, undefined, at(300));
    expect(workOrderTimes(again)).toMatchObject({ resolutionMinutes: 300, firstTimeFix: false });
    expect(verifyWorkOrder(again, requester, at(320)).status).toBe('verified');
  });
});

describe('work the platform raises itself', () => {
  const planId = 'b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
  const raised = () =>
    raiseWorkOrder(
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000009',
        agencyId: 'agency-a',
        origin: 'preventive-plan',
        preventivePlanId: planId,
        reportedBy: 'facility-owner-1',
        description: 'Quarterly chiller service',
        priority: 'normal',
        category: 'hvac',
        location: { building: 'Main Building' },
      },
      at(0),
    );
  const completedRaised = () => {
    const assigned = assignWorkOrder(raised(), { kind: 'vendor', vendorId, contractId }, at(1));
    return completeWorkOrder(startWorkOrder(acceptWorkOrder(assigned, vendorStaff, at(20)), vendorStaff, at(30)), vendorStaff, undefined, at(90));
  };

  it('starts triaged by the platform, reported when raised, with no repair request', () => {
    const order = raised();
    expect(order).toMatchObject({ status: 'triaged', origin: 'preventive-plan', preventivePlanId: planId, triagedBy: RAISED_BY_PLATFORM, reportedAt, triagedAt: reportedAt });
    expect(order.repairRequestId).toBeUndefined();
  });

  it('names its plan or its vehicle', () => {
    const base = { id: 'a1b2c3d4-0000-4000-8000-00000000000a', agencyId: 'agency-a', reportedBy: 'x', description: 'd', priority: 'normal' as const, category: 'vehicle', location: { building: 'Motor pool' } };
    expect(() => raiseWorkOrder({ ...base, origin: 'preventive-plan' }, at(0))).toThrow(expect.objectContaining({ field: 'preventivePlanId' }));
    expect(() => raiseWorkOrder({ ...base, origin: 'vehicle-service-due' }, at(0))).toThrow(expect.objectContaining({ field: 'vehicleId' }));
  });

  it('is verified by the person answerable for it or a logistics manager, nobody else', () => {
    expect(verifyWorkOrder(completedRaised(), { userId: 'facility-owner-1', roles: ['staff'] }, at(100)).status).toBe('verified');
    expect(verifyWorkOrder(completedRaised(), manager, at(100)).status).toBe('verified');
    expect(() => verifyWorkOrder(completedRaised(), requester, at(100))).toThrow(BusinessRuleViolation);
    expect(() => verifyWorkOrder(completedRaised(), vendorStaff, at(100))).toThrow(BusinessRuleViolation);
  });

  it('a repair is still verified by its reporter only, not by a logistics manager', () => {
    const assigned = assignWorkOrder(triaged(), { kind: 'vendor', vendorId, contractId }, at(10));
    const completed = completeWorkOrder(startWorkOrder(acceptWorkOrder(assigned, vendorStaff, at(30)), vendorStaff, at(45)), vendorStaff, undefined, at(90));
    expect(() => verifyWorkOrder(completed, manager, at(100))).toThrow(BusinessRuleViolation);
  });
});

/*
 * The whole state × action table, written out from the business (not read from the code): the next
 * state, or '409' when the action is refused in that state as an illegal transition naming the state.
 * The work is closed only after the requester's 验收 (verified); cancelled only before completion.
 */
type WorkOrderAction = 'assign' | 'accept' | 'start' | 'hold' | 'resume' | 'complete' | 'verify' | 'reopen' | 'close' | 'cancel';
// prettier-ignore
const WORK_ORDER_TABLE: Record<WorkOrderStatus, Record<WorkOrderAction, WorkOrderStatus | '409'>> = {
  'triaged':           { assign: 'assigned', accept: '409',      start: '409',         hold: '409',               resume: '409',         complete: '409',       verify: '409',      reopen: '409',         close: '409',    cancel: 'cancelled' },
  'assigned':          { assign: 'assigned', accept: 'accepted', start: '409',         hold: '409',               resume: '409',         complete: '409',       verify: '409',      reopen: '409',         close: '409',    cancel: 'cancelled' },
  'accepted':          { assign: '409',      accept: '409',      start: 'in-progress', hold: '409',               resume: '409',         complete: '409',       verify: '409',      reopen: '409',         close: '409',    cancel: 'cancelled' },
  'in-progress':       { assign: '409',      accept: '409',      start: '409',         hold: 'on-hold-requester', resume: '409',         complete: 'completed', verify: '409',      reopen: '409',         close: '409',    cancel: 'cancelled' },
  'on-hold-requester': { assign: '409',      accept: '409',      start: '409',         hold: '409',               resume: 'in-progress', complete: '409',       verify: '409',      reopen: '409',         close: '409',    cancel: 'cancelled' },
  'completed':         { assign: '409',      accept: '409',      start: '409',         hold: '409',               resume: '409',         complete: '409',       verify: 'verified', reopen: 'in-progress', close: '409',    cancel: '409' },
  'verified':          { assign: '409',      accept: '409',      start: '409',         hold: '409',               resume: '409',         complete: '409',       verify: '409',      reopen: '409',         close: 'closed', cancel: '409' },
  'closed':            { assign: '409',      accept: '409',      start: '409',         hold: '409',               resume: '409',         complete: '409',       verify: '409',      reopen: '409',         close: '409',    cancel: '409' },
  'cancelled':         { assign: '409',      accept: '409',      start: '409',         hold: '409',               resume: '409',         complete: '409',       verify: '409',      reopen: '409',         close: '409',    cancel: '409' },
};

describe('the work order state × action table', () => {
  const clock = at(300);
  // Each action by someone entitled to it, so only the state decides.
  const perform: Record<WorkOrderAction, (order: WorkOrder) => WorkOrder> = {
    assign: (order) => assignWorkOrder(order, { kind: 'vendor', vendorId, contractId }, clock),
    accept: (order) => acceptWorkOrder(order, vendorStaff, clock),
    start: (order) => startWorkOrder(order, vendorStaff, clock),
    hold: (order) => holdForRequester(order, vendorStaff, 'waiting for the room key', clock),
    resume: (order) => resumeWorkOrder(order, vendorStaff, clock),
    complete: (order) => completeWorkOrder(order, vendorStaff, 'done', clock),
    verify: (order) => verifyWorkOrder(order, requester, clock),
    reopen: (order) => reopenWorkOrder(order, requester, 'still leaking'),
    close: (order) => closeWorkOrder(order, clock),
    cancel: (order) => cancelWorkOrder(order, 'no longer needed', clock),
  };
  const inState = (status: WorkOrderStatus): WorkOrder => ({ ...inProgress(), status, ...(status === 'on-hold-requester' ? { holdStartedAt: at(100).now() } : {}) });
  const cells = WORK_ORDER_STATUSES.flatMap((state) => (Object.keys(perform) as WorkOrderAction[]).map((action) => [state, action, WORK_ORDER_TABLE[state][action]] as const));

  it('has a row for every state', () => {
    expect(Object.keys(WORK_ORDER_TABLE).sort()).toEqual([...WORK_ORDER_STATUSES].sort());
  });

  it.each(cells)('%s, %s → %s', (state, action, expected) => {
    if (expected === '409') {
      expect(() => perform[action](inState(state))).toThrow(expect.objectContaining({ constructor: IllegalTransitionError, currentState: state }));
    } else {
      expect(perform[action](inState(state)).status).toBe(expected);
    }
  });
});
