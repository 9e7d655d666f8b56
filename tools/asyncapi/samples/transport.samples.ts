/** Valid data for the fleet-document and trip events of transport.events.ts, keyed by type (the AsyncAPI spec checks them). */
const tripId = '7b1d3f5a-9c2e-4a6b-8d0f-2e4a6c8e0b1d';
const vehicleId = '2c4e6a8b-0d1f-4b3c-9e5a-7f9b1d3e5a7c';
const driverId = '9e1a3c5b-7d9f-4e2a-8b4c-6d8f0a2c4e6b';
const fleet = { kind: 'fleet', vehicleId, plateNumber: '京A12345', driverId };

export const TRANSPORT_SAMPLES: Record<string, unknown> = {
  'houqin.transport.fleet-document.expiring.v1': {
    holder: 'vehicle',
    holderId: vehicleId,
    holderName: '京A12345',
    document: 'insurance',
    expiresOn: '2026-12-31',
    daysLeft: 25,
    expired: false,
    detectedAt: '2026-12-06T01:00:00.000Z',
  },
  'houqin.transport.trip.completed.v1': {
    tripId,
    requestedBy: 'staff-wang',
    passengers: 2,
    ...fleet,
    requestedStartAt: '2026-12-08T01:00:00.000Z',
    requestedEndAt: '2026-12-08T03:30:00.000Z',
    startedAt: '2026-12-08T01:03:00.000Z',
    endedAt: '2026-12-08T03:10:00.000Z',
    onTime: true,
    lateMinutes: 3,
    distanceKm: 36,
    fuelFen: 4_800,
    tollsFen: 1_500,
    parkingFen: 1_000,
    rentalFen: 0,
    costFen: 7_300,
    costPerKmFen: 203,
    completedBy: 'driver-li',
  },
  'houqin.transport.trip.cancelled.v1': {
    tripId,
    outcome: 'cancelled',
    previousStatus: 'dispatched',
    reason: '会议改期',
    ...fleet,
    cancelledBy: 'staff-wang',
    cancelledAt: '2026-12-07T09:00:00.000Z',
  },
  'houqin.transport.trip.rated.v1': {
    tripId,
    score: 5,
    comment: '准时，驾驶平稳',
    ...fleet,
    ratedBy: 'staff-wang',
    ratedAt: '2026-12-08T04:00:00.000Z',
  },
};
