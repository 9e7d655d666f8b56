import type { EventEnvelope, EventOrigin } from '@houqin/contracts';
import { vendorParty } from '../kpis/domain/evaluated-party';
import {
  Complaint,
  addEvidence,
  answerableFor,
  appealComplaint,
  decideAppeal,
  decideComplaint,
  fileComplaint,
  markResponseOverdue,
  triageComplaint,
  withdrawComplaint,
} from './domain/complaint';
import {
  appealDecidedEvent,
  appealedEvent,
  evidenceAddedEvent,
  filedEvent,
  overturnedEvent,
  rejectedEvent,
  responseOverdueEvent,
  triagedEvent,
  upheldEvent,
  withdrawnEvent,
} from './complaint-events';
import { ComplaintView } from './complaint.dto';

const VENDOR = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const COMPLAINANT = 'complainant-7f3a';
const origin: EventOrigin = { agencyId: 'agency-1', correlationId: 'c-1' };
const terms = { responseDays: 7, appealDays: 15 };
const complainant = { userId: COMPLAINANT, roles: ['staff'] };
const manager = { userId: 'manager-li', roles: ['logistics-manager'] };
const admin = { userId: 'admin-lin', roles: ['agency-admin'] };
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 2) + minutes * 60_000);

/** Every stage of a complaint's life, and every event and view it gives rise to. */
function lifeOf(anonymousToVendor: boolean): { stages: Complaint[]; events: EventEnvelope[] } {
  const filed = fileComplaint(
    '5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b',
    'agency-1',
    { complainantId: COMPLAINANT, anonymousToVendor, serviceType: 'maintenance', instanceId: 'wo-1', party: vendorParty(VENDOR), category: 'service-quality', description: 'x', attachments: [] },
    terms,
    at(0),
  );
  const triaged = triageComplaint(filed, manager, { severity: 'major', investigatorId: manager.userId }, at(1));
  const withEvidence = addEvidence(triaged, manager, '7c9e1b3d-5f7a-4c9e-8b3d-5f7a9c1e3b5d', { description: 'photo', attachments: [] }, at(2));
  const overdue = markResponseOverdue(withEvidence, at(7 * 24 * 60));
  const upheld = decideComplaint(overdue, manager, { outcome: 'upheld', reasons: 'r', answerable: answerableFor(vendorParty(VENDOR), { assignedBy: 'manager-chen' }) }, at(7 * 24 * 60 + 1));
  const appealed = appealComplaint(upheld, complainant, 'why', terms, at(7 * 24 * 60 + 2));
  const overturned = decideAppeal(appealed, admin, { outcome: 'rejected', reasons: 'r' }, at(7 * 24 * 60 + 3));
  const rejected = decideComplaint(triaged, manager, { outcome: 'rejected', reasons: 'r' }, at(5));
  const withdrawn = withdrawComplaint(filed, complainant, 'solved', at(3));
  const events = [
    filedEvent(filed, origin),
    triagedEvent(triaged, origin),
    evidenceAddedEvent(withEvidence, withEvidence.evidence[0]!, origin),
    responseOverdueEvent(overdue, origin),
    upheldEvent(upheld, upheld.decision!, false, origin),
    appealedEvent(appealed, origin),
    appealDecidedEvent(overturned, origin),
    overturnedEvent(overturned, origin),
    rejectedEvent(rejected, rejected.decision!, at(60), origin),
    withdrawnEvent(withdrawn, origin),
  ];
  return { stages: [filed, triaged, withEvidence, overdue, upheld, appealed, overturned, rejected, withdrawn], events };
}

describe('a complainant anonymous to the vendor', () => {
  it('is named in no complaint event, whatever the stage', () => {
    const { events } = lifeOf(true);
    expect(events.map((event) => event.type.split('.').slice(3, 4)[0])).toEqual([
      'filed',
      'triaged',
      'evidence-added',
      'response-overdue',
      'upheld',
      'appealed',
      'appeal-decided',
      'overturned',
      'rejected',
      'withdrawn',
    ]);
    for (const event of events) expect({ type: event.type, leaks: JSON.stringify(event).includes(COMPLAINANT) }).toEqual({ type: event.type, leaks: false });
  });

  it('is never shown to the vendor’s account, whatever the stage, and is shown to the agency’s readers', () => {
    const vendor = { userId: 'vendor-user', roles: ['vendor'], vendorId: VENDOR };
    for (const complaint of lifeOf(true).stages) {
      expect({ status: complaint.status, leaks: JSON.stringify(ComplaintView.of(complaint, vendor, terms, at(0))).includes(COMPLAINANT) }).toEqual({ status: complaint.status, leaks: false });
      expect(ComplaintView.of(complaint, manager, terms, at(0)).complainantId).toBe(COMPLAINANT);
    }
  });

  it('is named, in the events and to the vendor, when they did not ask for anonymity', () => {
    const { stages, events } = lifeOf(false);
    expect(events.filter((event) => event.type !== 'houqin.evaluation.complaint.upheld.v1' && event.type !== 'houqin.evaluation.complaint.overturned.v1').every((event) => JSON.stringify(event.data).includes(COMPLAINANT))).toBe(true);
    expect(ComplaintView.of(stages[0]!, { userId: 'vendor-user', roles: ['vendor'], vendorId: VENDOR }, terms, at(0)).complainantId).toBe(COMPLAINANT);
  });
});
