import { randomUUID } from 'node:crypto';
import { EventEnvelope, TripCancelled, TripCompleted, WorkOrderCancelled, WorkOrderVerified } from '@houqin/contracts';
import { SURVEY_CANCELLATIONS, SURVEY_CANCELLATION_TYPES, SURVEY_COMPLETIONS, SURVEY_COMPLETION_TYPES } from './survey-triggers';

const agencyId = 'agency-east';
const workOrderId = randomUUID();
const vendorId = randomUUID();
const at = '2026-12-03T09:30:00+08:00';

function verified(overrides: Record<string, unknown> = {}): EventEnvelope {
  return WorkOrderVerified.create({
    subject: workOrderId,
    origin: { agencyId, correlationId: randomUUID() },
    data: {
      workOrderId,
      origin: 'repair-request',
      repairRequestId: randomUUID(),
      priority: 'normal',
      category: 'plumbing',
      location: { building: 'Building B' },
      vendorId,
      contractId: randomUUID(),
      reportedBy: 'staff-wang',
      reportedAt: at,
      acceptedAt: at,
      completedAt: at,
      responseMinutes: 0,
      resolutionMinutes: 0,
      onHoldMinutes: 0,
      reopenCount: 0,
      firstTimeFix: true,
      cost: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 },
      verifiedBy: 'manager-li',
      verifiedAt: '2026-12-04T10:00:00+08:00',
      ...overrides,
    },
  });
}

const completedBy = (event: EventEnvelope) => SURVEY_COMPLETIONS.find((trigger) => trigger.type === event.type)?.completed(event);

describe('what completes a surveyed service instance', () => {
  it('is a verified work order (验收) for maintenance: the reporter is asked about the vendor, in the period of the verification', () => {
    expect(SURVEY_COMPLETION_TYPES).toContain(WorkOrderVerified.type);
    expect(completedBy(verified())).toEqual({
      agencyId,
      serviceType: 'maintenance',
      instanceId: workOrderId,
      party: { kind: 'vendor', vendorId },
      respondentId: 'staff-wang',
      completedAt: new Date('2026-12-04T02:00:00Z'),
    });
  });

  it("evaluates the agency's internal team for work it did itself", () => {
    expect(completedBy(verified({ vendorId: undefined, contractId: undefined }))?.party).toEqual({ kind: 'internal-team' });
  });

  it('asks no one about work the platform raised (a preventive plan, a vehicle due for service)', () => {
    expect(completedBy(verified({ origin: 'preventive-plan', repairRequestId: undefined, preventivePlanId: randomUUID() }))).toBeNull();
    expect(completedBy(verified({ origin: 'vehicle-service-due', repairRequestId: undefined, vehicleId: randomUUID() }))).toBeNull();
  });

  it('is cancelled by a cancelled work order or a cancelled trip', () => {
    expect(SURVEY_CANCELLATION_TYPES).toEqual([WorkOrderCancelled.type, TripCancelled.type]);
    const event = WorkOrderCancelled.create({
      subject: workOrderId,
      origin: { agencyId, correlationId: randomUUID() },
      data: { workOrderId, origin: 'repair-request', priority: 'low', category: 'plumbing', location: { building: 'B' }, previousStatus: 'assigned', reason: '重复报修', cancelledBy: 'manager-li', cancelledAt: at },
    });
    expect(SURVEY_CANCELLATIONS[0]!.cancelled(event)).toEqual({ serviceType: 'maintenance', instanceId: workOrderId, reason: '重复报修', cancelledAt: new Date(at) });
  });

  it('surveys the requester of a completed trip about the rental vendor that drove it, or the internal team', () => {
    const tripId = randomUUID();
    const trip = (extra: Record<string, unknown>) =>
      TripCompleted.create({
        subject: tripId,
        origin: { agencyId, correlationId: randomUUID() },
        data: {
          tripId,
          requestedBy: 'staff-wang',
          passengers: 2,
          kind: 'fleet',
          requestedStartAt: at,
          requestedEndAt: at,
          startedAt: at,
          endedAt: at,
          onTime: true,
          lateMinutes: 0,
          distanceKm: 12,
          fuelFen: 0,
          tollsFen: 0,
          parkingFen: 0,
          rentalFen: 0,
          costFen: 0,
          completedBy: 'driver-li',
          ...extra,
        },
      });
    const completion = SURVEY_COMPLETIONS.find((trigger) => trigger.type === TripCompleted.type)!;
    expect(completion.completed(trip({}))).toMatchObject({ serviceType: 'transport', instanceId: tripId, party: { kind: 'internal-team' }, respondentId: 'staff-wang' });
    expect(completion.completed(trip({ kind: 'rental', vendorId, contractId: randomUUID() }))).toMatchObject({ party: { kind: 'vendor', vendorId } });
  });
});
