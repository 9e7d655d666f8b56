import { actorOf } from './actor';

describe("the actor of an audit entry, read from the event's data", () => {
  it('takes the field named after the action when there are several', () => {
    expect(actorOf('houqin.maintenance.work-order.triaged.v1', { reportedBy: 'staff-1', triagedBy: 'manager-2' })).toBe('manager-2');
    expect(actorOf('houqin.evaluation.violation.voided.v1', { voidedBy: 'auditor-3', recordedBy: 'manager-2' })).toBe('auditor-3');
  });

  it('takes the only one there is, whatever the action', () => {
    expect(actorOf('houqin.evaluation.complaint.upheld.v1', { decidedBy: 'manager-4', complaintId: 'c' })).toBe('manager-4');
    expect(actorOf('houqin.evaluation.audit-chain.head-published.v1', { publishedBy: 'x' })).toBe('x');
  });

  it("names who decided an official trip, not its requester: the approver (or policy), who refused, who dispatched", () => {
    expect(actorOf('houqin.transport.trip.requested.v1', { requestedBy: 'staff-wang', approvedByPolicy: true })).toBe('staff-wang');
    expect(actorOf('houqin.transport.trip.approved.v1', { requestedBy: 'staff-wang', approvedBy: 'approver-zhao' })).toBe('approver-zhao');
    expect(actorOf('houqin.transport.trip.approved.v1', { requestedBy: 'staff-wang', approvedBy: 'policy' })).toBe('policy');
    expect(actorOf('houqin.transport.trip.rejected.v1', { requestedBy: 'staff-wang', rejectedBy: 'approver-zhao' })).toBe('approver-zhao');
    expect(actorOf('houqin.transport.trip.dispatched.v1', { requestedBy: 'staff-wang', dispatchedBy: 'fleet-manager' })).toBe('fleet-manager');
  });

  it('prefers the usual decider over the others when the action names none', () => {
    expect(actorOf('houqin.procurement.tender.awarded.v2', { openedBy: 'a', decidedBy: 'b' })).toBe('b');
  });

  it('names nobody for an event a machine raised, or a field that names something else', () => {
    expect(actorOf('houqin.maintenance.sla.breached.v1', { workOrderId: 'w', breachedAt: '2026-12-01T00:00:00Z' })).toBeUndefined();
    expect(actorOf('houqin.maintenance.preventive-plan.changed.v1', { supersededBy: 'PM-2' })).toBeUndefined();
    expect(actorOf('houqin.maintenance.repair-request.reported.v1', { reportedBy: '' })).toBeUndefined();
    expect(actorOf('houqin.maintenance.repair-request.reported.v1', null)).toBeUndefined();
  });
});
