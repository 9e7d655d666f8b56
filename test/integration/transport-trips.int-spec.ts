import { randomUUID } from 'node:crypto';
import { ContractSigned, VendorSanctioned, WorkOrderVerified } from '@houqin/contracts';
import { DocumentExpirySweep } from '@houqin/transport';
import { testCaller, waitFor } from '@houqin/testing';
import { TransportFixture, approvedTrip, driver, startTransport, tuesdayAt, vehicle } from './transport-fixture';

/**
 * A trip's life against the real transport service and PostgreSQL with procurement's, evaluation's
 * and maintenance's events on the in-process broker: approval by someone other than the requester,
 * dispatch, the driver's start and end with odometer readings (refusals naming the field), the
 * completion event; a trip that crosses the vehicle's service threshold keeps it off trips until
 * maintenance verifies the service; rentals under a transport contract, never for a sanctioned
 * vendor; document expiries warned once per date; expired documents refused at dispatch.
 */
describe('transport trips', () => {
  let f: TransportFixture;
  const chauffeurAccount = 'driver-li';
  const driverCaller = () => testCaller({ agencyId: f.agencyId, userId: chauffeurAccount, roles: ['staff'] });
  const approver = () => testCaller({ agencyId: f.agencyId, userId: 'approver-zhao', roles: ['approver'] });

  beforeAll(async () => {
    f = await startTransport('transport_trips');
  });

  afterAll(async () => {
    await f?.shutdown();
  });

  beforeEach(() => f.clock.set(new Date('2026-12-07T00:00:00Z')));

  /** The trip's events in the outbox, in the order they were appended. */
  async function tripEvents(tripId: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const rows: Array<{ event_type: string; envelope: { data: Record<string, unknown> } }> = await f.database.query(
      `SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`,
      [tripId],
    );
    return rows.map((row) => ({ type: row.event_type, data: row.envelope.data }));
  }

  it('takes a trip out of the city from request through approval, dispatch, start and end to trip.completed', async () => {
    const car = await vehicle(f, { odometerKm: 30_000 });
    const chauffeur = await driver(f, { userId: chauffeurAccount });
    const requester = f.staff('staff-wang');
    const requested = await f.call(requester, 'POST', '/trips', {
      purpose: '赴天津调研',
      passengers: 3,
      passengerRank: 'division',
      origin: '机关大院',
      destination: '天津市',
      distanceKm: 260,
      outOfCity: true,
      startsAt: tuesdayAt('08:00'),
      endsAt: tuesdayAt('18:00'),
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'pending-approval', approvalReasons: ['distance', 'out-of-city'] });
    const id = requested.body['id'] as string;
    const ownApproval = await f.call(testCaller({ agencyId: f.agencyId, userId: 'staff-wang', roles: ['approver'] }), 'POST', `/trips/${id}/approve`, {});
    expect(ownApproval.status).toBe(403);
    expect(ownApproval.body['errors']).toEqual([expect.objectContaining({ field: 'tripId', rule: 'own-trip' })]);
    expect((await f.call(f.manager, 'POST', `/trips/${id}/dispatch`, { vehicleId: car, driverId: chauffeur })).status).toBe(409);
    expect((await f.call(approver(), 'POST', `/trips/${id}/approve`, { note: '同意' })).body).toMatchObject({ status: 'approved', decision: { by: 'approver-zhao' } });
    expect((await f.call(f.manager, 'POST', `/trips/${id}/dispatch`, { vehicleId: car, driverId: chauffeur })).status).toBe(200);
    // Each decision is in the outbox with the change it records (the refused own approval and early dispatch left none).
    const window = { startsAt: '2026-12-08T00:00:00.000Z', endsAt: '2026-12-08T10:00:00.000Z' };
    expect(await tripEvents(id)).toEqual([
      {
        type: 'houqin.transport.trip.requested.v1',
        data: {
          tripId: id,
          requestedBy: 'staff-wang',
          purpose: '赴天津调研',
          passengers: 3,
          passengerRank: 'division',
          origin: '机关大院',
          destination: '天津市',
          distanceKm: 260,
          outOfCity: true,
          ...window,
          status: 'pending-approval',
          approvedByPolicy: false,
          approvalReasons: ['distance', 'out-of-city'],
          requestedAt: '2026-12-07T00:00:00.000Z',
        },
      },
      {
        type: 'houqin.transport.trip.approved.v1',
        data: { tripId: id, requestedBy: 'staff-wang', approvedBy: 'approver-zhao', approvalReasons: ['distance', 'out-of-city'], note: '同意', ...window, approvedAt: '2026-12-07T00:00:00.000Z' },
      },
      {
        type: 'houqin.transport.trip.dispatched.v1',
        data: {
          tripId: id,
          requestedBy: 'staff-wang',
          kind: 'fleet',
          vehicleId: car,
          plateNumber: expect.stringMatching(/^京A/),
          driverId: chauffeur,
          driverName: expect.stringMatching(/^司机/),
          ...window,
          dispatchedBy: 'fleet-manager',
          dispatchedAt: '2026-12-07T00:00:00.000Z',
        },
      },
    ]);
    // The driver's phone lists the trips they drive; other staff see only their own requests.
    expect(((await f.call(driverCaller(), 'GET', '/trips')).body as unknown as Array<{ id: string }>).map((trip) => trip.id)).toEqual([id]);
    expect((await f.call(f.staff('someone-else'), 'GET', '/trips')).body).toEqual([]);

    f.clock.set(new Date(tuesdayAt('08:07')));
    expect((await f.call(f.staff('someone-else'), 'POST', `/trips/${id}/start`, { odometerKm: 30_000 })).status).toBe(403);
    const backwards = await f.call(driverCaller(), 'POST', `/trips/${id}/start`, { odometerKm: 29_990 });
    expect(backwards.status).toBe(422);
    expect(backwards.body['errors']).toEqual([expect.objectContaining({ field: 'odometerKm', rule: 'odometer-rollback' })]);
    const started = await f.call(driverCaller(), 'POST', `/trips/${id}/start`, { odometerKm: 30_002 });
    expect(started.body['start']).toMatchObject({ odometerKm: 30_002, onTime: false, lateMinutes: 7 });

    f.clock.set(new Date(tuesdayAt('17:30')));
    const belowStart = await f.call(driverCaller(), 'POST', `/trips/${id}/end`, { odometerKm: 30_001 });
    expect(belowStart.status).toBe(422);
    expect(belowStart.body['errors']).toEqual([expect.objectContaining({ field: 'odometerKm' })]);
    const implausible = await f.call(driverCaller(), 'POST', `/trips/${id}/end`, { odometerKm: 32_000 });
    expect(implausible.status).toBe(422);
    expect(implausible.body['errors']).toEqual([expect.objectContaining({ field: 'odometerKm', rule: 'implausible-distance' })]);
    const notInteger = await f.call(driverCaller(), 'POST', `/trips/${id}/end`, { odometerKm: 'far' });
    expect(notInteger.status).toBe(400);
    expect(JSON.stringify(notInteger.body['errors'])).toContain('odometerKm');
    const ended = await f.call(driverCaller(), 'POST', `/trips/${id}/end`, { odometerKm: 30_542, fuelFen: 32_000, tollsFen: 18_000, parkingFen: 2_000 });
    expect(ended.status).toBe(200);
    expect(ended.body['end']).toMatchObject({ drivenKm: 540, costFen: 52_000, costPerKmFen: 96 });
    expect((await f.call(f.manager, 'GET', `/vehicles/${car}`)).body['odometerKm']).toBe(30_542);
    const completed = (await f.outbox('houqin.transport.trip.completed.v1')).filter((event) => event['tripId'] === id);
    expect(completed).toEqual([expect.objectContaining({ requestedBy: 'staff-wang', kind: 'fleet', vehicleId: car, onTime: false, distanceKm: 540, costFen: 52_000 })]);
    expect((await f.call(requester, 'POST', `/trips/${id}/rating`, { score: 5 })).status).toBe(200);
    expect((await f.call(requester, 'POST', `/trips/${id}/rating`, { score: 4 })).status).toBe(409);
    // 08:07 to 17:30 on the road: 563 minutes of the last 30 days' working hours (8 h each weekday).
    const dashboard = await f.call(f.manager, 'GET', '/dashboard');
    const utilisation = (dashboard.body['utilisation'] as Array<{ id: string; minutesOnTrips: number; trips: number; percent: number }>).find((entry) => entry.id === car);
    expect(utilisation).toMatchObject({ minutesOnTrips: 563, trips: 1 });
    expect(utilisation!.percent).toBeCloseTo((563 / (22 * 480)) * 100, 0);
  });

  it('records a refusal (who and why) and a request the policy approved at once, and nothing for a refused attempt', async () => {
    const refused = await f.call(f.staff('staff-wang'), 'POST', '/trips', {
      purpose: '赴上海参会',
      passengers: 1,
      passengerRank: 'section',
      origin: '机关大院',
      destination: '上海市',
      distanceKm: 1_200,
      outOfCity: true,
      startsAt: tuesdayAt('07:00'),
      endsAt: tuesdayAt('21:00'),
      vehicleType: 'sedan',
    });
    expect(refused.body).toMatchObject({ status: 'pending-approval', approvalReasons: ['distance', 'out-of-city', 'after-hours', 'passenger-rank'] });
    const id = refused.body['id'] as string;
    const noReason = await f.call(approver(), 'POST', `/trips/${id}/reject`, {});
    expect(noReason.status).toBe(422);
    expect(noReason.body['errors']).toEqual([expect.objectContaining({ field: 'note', rule: 'reason-required' })]);
    f.clock.set(new Date('2026-12-07T01:30:00Z'));
    expect((await f.call(approver(), 'POST', `/trips/${id}/reject`, { note: '改乘高铁' })).body).toMatchObject({ status: 'rejected' });
    expect((await f.call(approver(), 'POST', `/trips/${id}/approve`, {})).status).toBe(409);
    expect(await tripEvents(id)).toEqual([
      {
        type: 'houqin.transport.trip.requested.v1',
        data: expect.objectContaining({ tripId: id, passengerRank: 'section', distanceKm: 1_200, vehicleType: 'sedan', status: 'pending-approval', approvedByPolicy: false, approvalReasons: ['distance', 'out-of-city', 'after-hours', 'passenger-rank'] }),
      },
      {
        type: 'houqin.transport.trip.rejected.v1',
        data: {
          tripId: id,
          requestedBy: 'staff-wang',
          rejectedBy: 'approver-zhao',
          reason: '改乘高铁',
          approvalReasons: ['distance', 'out-of-city', 'after-hours', 'passenger-rank'],
          startsAt: '2026-12-07T23:00:00.000Z',
          endsAt: '2026-12-08T13:00:00.000Z',
          rejectedAt: '2026-12-07T01:30:00.000Z',
        },
      },
    ]);

    const byPolicy = await approvedTrip(f, '09:00', '10:00');
    expect((await tripEvents(byPolicy)).map(({ type, data }) => [type, data['status'] ?? data['approvedBy'], data['approvalReasons']])).toEqual([
      ['houqin.transport.trip.requested.v1', 'approved', []],
      ['houqin.transport.trip.approved.v1', 'policy', []],
    ]);
  });

  it('refuses trip windows and document dates that make no sense, naming the field', async () => {
    const backwards = await f.call(f.staff('staff-wang'), 'POST', '/trips', {
      purpose: 'x',
      passengers: 1,
      passengerRank: 'division',
      origin: 'a',
      destination: 'b',
      distanceKm: 1,
      startsAt: tuesdayAt('10:00'),
      endsAt: tuesdayAt('09:00'),
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body['errors']).toEqual([expect.objectContaining({ field: 'endsAt', rule: 'window-ends-before-start' })]);
    const noOffset = await f.call(f.staff('staff-wang'), 'POST', '/trips', { purpose: 'x', passengers: 1, passengerRank: 'division', origin: 'a', destination: 'b', distanceKm: 1, startsAt: '2026-12-08T09:00:00', endsAt: tuesdayAt('10:00') });
    expect(noOffset.status).toBe(400);
    expect(JSON.stringify(noOffset.body['errors'])).toContain('startsAt');
    const badDate = await f.call(f.manager, 'POST', '/vehicles', { plateNumber: '京A77777', vehicleType: 'sedan', seats: 5, odometerKm: 1, fuel: 'petrol', insuranceExpiresOn: '2027-02-30' });
    expect(badDate.status).toBeGreaterThanOrEqual(400);
    expect(badDate.status).toBeLessThan(423);
    expect(JSON.stringify(badDate.body['errors'])).toContain('insuranceExpiresOn');
    const healthBackwards = await f.call(f.manager, 'POST', '/drivers', { name: '王师傅', licenceClass: 'C1', licenceNumber: '110101199001011234', licenceExpiresOn: '2030-01-01', healthCheckedOn: '2026-06-01', healthCheckExpiresOn: '2026-05-01' });
    expect(healthBackwards.status).toBe(422);
    expect(healthBackwards.body['errors']).toEqual([expect.objectContaining({ field: 'healthCheckExpiresOn' })]);
  });

  it('refuses to dispatch a vehicle whose insurance or a driver whose licence expires before the trip, showing why', async () => {
    const trip = await approvedTrip(f, '09:00', '10:00');
    const lapsed = await vehicle(f, { insuranceExpiresOn: '2026-12-07' });
    const chauffeur = await driver(f);
    const refused = await f.call(f.manager, 'POST', `/trips/${trip}/dispatch`, { vehicleId: lapsed, driverId: chauffeur });
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ field: 'vehicleId', rule: 'vehicle-insurance-expired' })]);
    expect((await f.call(f.manager, 'GET', `/vehicles/${lapsed}`)).body).toMatchObject({ dispatchable: true });
    f.clock.set(new Date('2026-12-08T00:00:00Z'));
    expect((await f.call(f.manager, 'GET', `/vehicles/${lapsed}`)).body).toMatchObject({ dispatchable: false, blockers: [expect.objectContaining({ code: 'insurance-expired' })] });
    const lapsedDriver = await driver(f, { licenceExpiresOn: '2026-12-07' });
    const car = await vehicle(f);
    const driverRefused = await f.call(f.manager, 'POST', `/trips/${trip}/dispatch`, { vehicleId: car, driverId: lapsedDriver });
    expect(driverRefused.status).toBe(422);
    expect(driverRefused.body['errors']).toEqual([expect.objectContaining({ field: 'driverId', rule: 'driver-driving-licence-expired' })]);
    expect((await f.call(f.manager, 'PUT', `/vehicles/${lapsed}/documents`, { insuranceExpiresOn: '2027-12-07' })).body).toMatchObject({ dispatchable: true });
  });

  it('warns once per document and expiry date ahead of the expiry, and again after a renewal nears', async () => {
    const expiring = await vehicle(f, { insuranceExpiresOn: '2026-12-20' });
    const sweep = f.transport.app.get(DocumentExpirySweep);
    const first = await sweep.sweep();
    expect(first.warned).toContainEqual({ holderId: expiring, document: 'insurance', expired: false });
    expect((await sweep.sweep()).warned.filter((entry) => entry.holderId === expiring)).toEqual([]);
    const events = (await f.outbox('houqin.transport.fleet-document.expiring.v1')).filter((event) => event['holderId'] === expiring);
    expect(events).toEqual([expect.objectContaining({ document: 'insurance', expiresOn: '2026-12-20', daysLeft: 13, expired: false })]);
    await f.call(f.manager, 'PUT', `/vehicles/${expiring}/documents`, { insuranceExpiresOn: '2027-12-20' });
    expect((await sweep.sweep()).warned.filter((entry) => entry.holderId === expiring)).toEqual([]);
    f.clock.set(new Date('2027-12-01T00:00:00Z'));
    expect((await sweep.sweep()).warned).toContainEqual({ holderId: expiring, document: 'insurance', expired: false });
  });

  it('keeps a vehicle whose trip crossed its service threshold off trips until maintenance verifies the service', async () => {
    const car = await vehicle(f, { odometerKm: 9_900 });
    const chauffeur = await driver(f);
    expect((await f.call(f.manager, 'PUT', `/vehicles/${car}/service-schedule`, { intervalKm: 10_000, dueAtKm: 10_000 })).status).toBe(200);
    const trip = await approvedTrip(f, '09:00', '11:00');
    await f.call(f.manager, 'POST', `/trips/${trip}/dispatch`, { vehicleId: car, driverId: chauffeur });
    f.clock.set(new Date(tuesdayAt('09:00')));
    await f.call(f.manager, 'POST', `/trips/${trip}/start`, { odometerKm: 9_900 });
    f.clock.set(new Date(tuesdayAt('11:00')));
    expect((await f.call(f.manager, 'POST', `/trips/${trip}/end`, { odometerKm: 10_020 })).status).toBe(200);
    expect((await f.outbox('houqin.transport.vehicle.service-due.v1')).filter((event) => event['vehicleId'] === car)).toEqual([expect.objectContaining({ odometerKm: 10_020, reason: 'distance' })]);
    const next = await approvedTrip(f, '14:00', '15:00');
    const refused = await f.call(f.manager, 'POST', `/trips/${next}/dispatch`, { vehicleId: car, driverId: chauffeur });
    expect(refused.status).toBe(422);
    expect(refused.body['errors']).toEqual([expect.objectContaining({ field: 'vehicleId', rule: 'vehicle-service-due' })]);
    const workOrderId = randomUUID();
    await f.publish(WorkOrderVerified, workOrderId, {
      workOrderId,
      origin: 'vehicle-service-due',
      vehicleId: car,
      priority: 'normal',
      category: 'vehicle',
      location: { building: 'Motor pool' },
      reportedBy: 'system',
      reportedAt: '2026-12-08T03:00:00.000Z',
      acceptedAt: '2026-12-08T03:10:00.000Z',
      completedAt: '2026-12-08T04:00:00.000Z',
      responseMinutes: 10,
      resolutionMinutes: 60,
      onHoldMinutes: 0,
      reopenCount: 0,
      firstTimeFix: true,
      cost: { labourFen: 0, partsFen: 0, extraFen: 0, totalFen: 0 },
      verifiedBy: 'fleet-manager',
      verifiedAt: '2026-12-08T04:30:00.000Z',
    });
    await waitFor(async () => (await f.call(f.manager, 'GET', `/vehicles/${car}`)).body['dispatchable'] === true, { description: 'the serviced vehicle dispatchable again' });
    expect((await f.call(f.manager, 'POST', `/trips/${next}/dispatch`, { vehicleId: car, driverId: chauffeur })).status).toBe(200);
  });

  it('dispatches to a rental vendor under a transport contract, and never to a sanctioned one', async () => {
    const vendorId = randomUUID();
    const contractId = randomUUID();
    await f.publish(ContractSigned, contractId, {
      contractId,
      agencyId: f.agencyId,
      vendorId,
      vendorName: '首汽租车北京分公司',
      serviceType: 'transport',
      title: '2027 年度公务租车服务',
      scope: { description: 'Sedans and minibuses with drivers' },
      validFrom: '2026-01-01T00:00:00+08:00',
      validTo: '2027-12-31T00:00:00+08:00',
      slaTerms: { serviceType: 'transport', minPunctualityRate: 95, maxDispatchResponseMinutes: 30 },
      penaltyRules: [{ breach: 'late-pickup', amount: 20_000, capPerMonth: 200_000 }],
      priceTerms: { unitRates: [{ unit: 'km', description: 'per km with driver', rate: 350 }] },
      signedBy: 'admin-1',
      signedAt: '2025-12-20T02:00:00.000Z',
    });
    await waitFor(async () => (await f.call(f.manager, 'GET', '/transport-contracts')).body.length === 1, { description: 'the transport contract projected' });
    const bus = await approvedTrip(f, '13:00', '16:00', { passengers: 30 });
    const options = await f.call(f.manager, 'GET', `/trips/${bus}/dispatch-options`);
    expect(options.body['vehicles']).toEqual([]);
    expect(options.body['rentals']).toEqual([expect.objectContaining({ contractId, vendorName: '首汽租车北京分公司', kmRateFen: 350, maxDispatchResponseMinutes: 30 })]);
    const rented = await f.call(f.manager, 'POST', `/trips/${bus}/dispatch`, { contractId });
    expect(rented.body).toMatchObject({ status: 'dispatched', assignment: { kind: 'rental', vendorId, contractId } });
    expect((await tripEvents(bus)).filter(({ type }) => type === 'houqin.transport.trip.dispatched.v1').map(({ data }) => data)).toEqual([
      expect.objectContaining({ kind: 'rental', vendorId, contractId, vendorName: '首汽租车北京分公司', dispatchedBy: 'fleet-manager' }),
    ]);
    f.clock.set(new Date(tuesdayAt('13:02')));
    await f.call(f.manager, 'POST', `/trips/${bus}/start`, {});
    f.clock.set(new Date(tuesdayAt('15:40')));
    const ended = await f.call(f.manager, 'POST', `/trips/${bus}/end`, { distanceKm: 85, rentalFen: 120_000, tollsFen: 3_000 });
    expect(ended.body['end']).toMatchObject({ drivenKm: 85, costFen: 123_000, costPerKmFen: 1_447 });

    await f.publish(VendorSanctioned, vendorId, {
      vendorId,
      agencyId: f.agencyId,
      kind: 'suspension',
      reason: '连续三次迟到',
      from: '2026-12-08T08:00:00.000Z',
      until: '2027-03-08T08:00:00.000Z',
      decidedBy: 'admin-1',
      sanctionId: randomUUID(),
    });
    await waitFor(async () => typeof (await f.call(f.manager, 'GET', '/transport-contracts')).body[0]!['barred'] === 'string', { description: 'the sanction projected' });
    f.clock.set(new Date('2026-12-08T09:00:00Z'));
    const later = await approvedTrip(f, '09:00', '10:00', { passengers: 30, startsAt: '2026-12-09T09:00:00+08:00', endsAt: '2026-12-09T10:00:00+08:00' });
    expect((await f.call(f.manager, 'GET', `/trips/${later}/dispatch-options`)).body['rentals']).toEqual([]);
    const barred = await f.call(f.manager, 'POST', `/trips/${later}/dispatch`, { contractId });
    expect(barred.status).toBe(422);
    expect(barred.body['errors']).toEqual([expect.objectContaining({ field: 'contractId', rule: 'rental-vendor-barred' })]);
  });
});
