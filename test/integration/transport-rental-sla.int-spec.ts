import { randomUUID } from 'node:crypto';
import { ContractSigned, EventData } from '@houqin/contracts';
import { RentalResponseSweep } from '@houqin/transport';
import { TEST_KAFKA_BROKERS, testCaller, uniqueSuffix, waitFor } from '@houqin/testing';
import { RunningEvaluation, startEvaluation } from './evaluation-fixture';
import { TransportFixture, approvedTrip, driver, startTransport, tuesdayAt, vehicle } from './transport-fixture';

/**
 * The rental vendor's SLA measured, on real PostgreSQL and Kafka, with evaluation and a gateway in
 * front: the vendor's account reads and confirms only the trips dispatched to its vendor, within
 * the contract's response time or late; the sweep announces an unanswered dispatch exactly once
 * (or the late answer does, when it comes first); evaluation records one violation per breach,
 * priced under the contract; the contract answers its punctuality and response measured.
 */
describe("the rental vendor's SLA measured", () => {
  let f: TransportFixture;
  let evaluation: RunningEvaluation;
  let sweep: RentalResponseSweep;
  const vendorA = randomUUID();
  const vendorB = randomUUID();
  const contractA = randomUUID();
  const contractB = randomUUID();
  const vendorAccount = (vendorId: string, userId = 'vendor-dispatcher-1') => testCaller({ agencyId: f.agencyId, userId, roles: ['vendor'], vendorId });
  const answer = { plateNumber: '京B·66801', driverName: '赵师傅', driverPhone: '13901012345' };
  /** Through the gateway, as a person signed in. */
  const through = (...request: Parameters<RunningEvaluation['through']>) => evaluation.through(...request);

  function transportContract(contractId: string, vendorId: string, vendorName: string): EventData<typeof ContractSigned> {
    return {
      contractId,
      agencyId: f.agencyId,
      vendorId,
      vendorName,
      serviceType: 'transport',
      title: '2027 年度公务租车服务',
      scope: { description: 'Sedans and buses with drivers' },
      validFrom: '2026-01-01T00:00:00+08:00',
      validTo: '2027-12-31T00:00:00+08:00',
      slaTerms: { serviceType: 'transport', minPunctualityRate: 95, maxDispatchResponseMinutes: 30 },
      penaltyRules: [{ breach: 'dispatch-response-late', amount: 10_000, capPerMonth: 50_000 }],
      priceTerms: { unitRates: [{ unit: 'km', description: 'per km with driver', rate: 350 }] },
      signedBy: 'admin-1',
      signedAt: '2025-12-20T02:00:00.000Z',
    };
  }

  beforeAll(async () => {
    f = await startTransport('transport_rental_sla', { RENTAL_RESPONSE_SWEEP_INTERVAL_MS: '3600000' }, { kafka: true });
    evaluation = await startEvaluation({
      name: 'rental_sla',
      env: { LOG_LEVEL: 'fatal', SURVEY_SWEEP_INTERVAL_MS: '3600000', MESSAGING_TRANSPORT: 'kafka', KAFKA_BROKERS: TEST_KAFKA_BROKERS, KAFKA_CONSUMER_GROUP: `evaluation-rental-sla-${uniqueSuffix()}`, KAFKA_SESSION_TIMEOUT_MS: '10000', OUTBOX_POLL_INTERVAL_MS: '50' },
      clock: f.clock,
      gateway: { TRANSPORT_URL: f.transport.url },
    });
    await waitFor(() => evaluation.evaluation.runtime.server?.consumerStatus().state === 'running', { description: 'evaluation joining its consumer group' });
    sweep = f.transport.app.get(RentalResponseSweep);
    await f.publish(ContractSigned, contractA, transportContract(contractA, vendorA, '首汽租车北京分公司'));
    await f.publish(ContractSigned, contractB, transportContract(contractB, vendorB, '北汽出租汽车集团'));
    await waitFor(async () => (await f.call(f.manager, 'GET', '/transport-contracts')).body.length === 2, { description: 'transport projecting both contracts' });
    await waitFor(async () => (await evaluation.database.query(`SELECT 1 FROM violation_contract WHERE agency_id = $1`, [f.agencyId])).length === 2, { description: 'evaluation keeping both contracts’ penalty rules' });
  }, 120_000);

  afterAll(async () => {
    await evaluation?.shutdown();
    await f?.shutdown();
  });

  beforeEach(() => f.clock.set(new Date('2026-12-07T00:00:00Z')));

  /** A trip dispatched to the contract's vendor at the clock's now. */
  async function rentalTrip(contractId: string, from = '13:00', until = '16:00'): Promise<string> {
    const trip = await approvedTrip(f, from, until, { passengers: 30 });
    const dispatched = await f.call(f.manager, 'POST', `/trips/${trip}/dispatch`, { contractId });
    if (dispatched.status !== 200) throw new Error(`dispatch: ${dispatched.status} ${JSON.stringify(dispatched.body)}`);
    return trip;
  }

  const minutesAfterMonday = (minutes: number, seconds = 0) => new Date(Date.parse('2026-12-07T00:00:00Z') + minutes * 60_000 + seconds * 1_000);

  /** The trip's events of a type in transport's outbox, in order. */
  async function tripEvents(tripId: string, type?: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const rows: Array<{ event_type: string; envelope: { data: Record<string, unknown> } }> = await f.database.query(
      `SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ${type ? 'AND event_type = $2' : ''} ORDER BY position`,
      type ? [tripId, type] : [tripId],
    );
    return rows.map((row) => ({ type: row.event_type, data: row.envelope.data }));
  }
  const BREACHED = 'houqin.transport.trip.rental-response-breached.v1';
  const CONFIRMED = 'houqin.transport.trip.rental-confirmed.v1';

  it('lets the vendor confirm in time, once, and read only its own rental trips; another vendor finds nothing', async () => {
    const trip = await rentalTrip(contractA);
    const fleetTrip = await approvedTrip(f, '09:00', '10:00');
    await f.call(f.manager, 'POST', `/trips/${fleetTrip}/dispatch`, { vehicleId: await vehicle(f), driverId: await driver(f) });
    const otherVendorsTrip = await rentalTrip(contractB, '14:00', '15:00');

    // Through the gateway: the vendor's account lists and reads its vendor's rental trips, nothing else.
    const listed = await through(vendorAccount(vendorA), 'GET', '/transport/trips');
    expect(listed.status).toBe(200);
    expect((listed.body as unknown as Array<{ id: string }>).map((entry) => entry.id)).toEqual([trip]);
    expect((await through(vendorAccount(vendorA), 'GET', `/transport/trips/${trip}`)).body).toMatchObject({ id: trip, rentalResponse: { targetMinutes: 30, dueAt: '2026-12-07T00:30:00.000Z' } });
    expect((await through(vendorAccount(vendorA), 'GET', `/transport/trips/${fleetTrip}`)).status).toBe(404);
    expect((await through(vendorAccount(vendorA), 'GET', `/transport/trips/${otherVendorsTrip}`)).status).toBe(404);
    expect((await through(vendorAccount(vendorA), 'GET', `/transport/trips/${trip}/dispatch-options`)).status).toBe(403);

    // Malformed answers name the field.
    f.clock.set(minutesAfterMonday(12, 5));
    const noPhone = await through(vendorAccount(vendorA), 'POST', `/transport/trips/${trip}/rental-confirmation`, { plateNumber: '京B66801', driverName: '赵师傅' });
    expect(noPhone.status).toBe(400);
    expect(JSON.stringify(noPhone.body)).toContain('driverPhone');
    const badPlate = await through(vendorAccount(vendorA), 'POST', `/transport/trips/${trip}/rental-confirmation`, { ...answer, plateNumber: 'B-66801' });
    expect(badPlate.status).toBe(400);
    expect(JSON.stringify(badPlate.body)).toContain('plateNumber');

    // Another vendor cannot confirm it (as if it did not exist); the agency's people cannot confirm for the vendor.
    expect((await through(vendorAccount(vendorB), 'POST', `/transport/trips/${trip}/rental-confirmation`, answer)).status).toBe(404);
    expect((await through(f.manager, 'POST', `/transport/trips/${trip}/rental-confirmation`, answer)).status).toBe(403);
    expect((await f.call(f.manager, 'POST', `/trips/${trip}/rental-confirmation`, answer)).status).toBe(403);

    const confirmed = await through(vendorAccount(vendorA), 'POST', `/transport/trips/${trip}/rental-confirmation`, answer);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body['rentalResponse']).toEqual({
      targetMinutes: 30,
      dueAt: '2026-12-07T00:30:00.000Z',
      confirmation: { plateNumber: '京B66801', driverName: '赵师傅', driverPhone: '13901012345', confirmedBy: 'vendor-dispatcher-1', at: '2026-12-07T00:12:05.000Z', responseMinutes: 13, withinSla: true },
    });
    const again = await through(vendorAccount(vendorA, 'vendor-dispatcher-2'), 'POST', `/transport/trips/${trip}/rental-confirmation`, answer);
    expect(again.status).toBe(409);
    expect(await tripEvents(trip, CONFIRMED)).toEqual([
      {
        type: CONFIRMED,
        data: expect.objectContaining({ tripId: trip, vendorId: vendorA, contractId: contractA, plateNumber: '京B66801', responseMinutes: 13, withinSla: true, confirmedBy: 'vendor-dispatcher-1' }),
      },
    ]);
    expect(JSON.stringify(await tripEvents(trip, CONFIRMED))).not.toContain('13901012345');

    // Past the deadline the sweep has nothing to say about an answered dispatch.
    f.clock.set(minutesAfterMonday(45));
    expect((await sweep.sweep()).breached).not.toContain(trip);
    expect(await tripEvents(trip, BREACHED)).toEqual([]);
  });

  it('announces an unanswered dispatch exactly once when the deadline passes, however often it sweeps; the late answer is recorded late; evaluation records one violation', async () => {
    const trip = await rentalTrip(contractA);
    f.clock.set(minutesAfterMonday(30));
    expect((await sweep.sweep()).breached).not.toContain(trip);
    f.clock.set(minutesAfterMonday(30, 1));
    expect((await sweep.sweep()).breached).toContain(trip);
    expect((await sweep.sweep()).breached).not.toContain(trip);
    expect((await tripEvents(trip, BREACHED)).map(({ data }) => data)).toEqual([
      {
        tripId: trip,
        agencyId: f.agencyId,
        vendorId: vendorA,
        contractId: contractA,
        dispatchedAt: '2026-12-07T00:00:00.000Z',
        deadline: '2026-12-07T00:30:00.000Z',
        targetMinutes: 30,
        breachedAt: '2026-12-07T00:30:01.000Z',
      },
    ]);

    f.clock.set(minutesAfterMonday(40));
    const late = await through(vendorAccount(vendorA), 'POST', `/transport/trips/${trip}/rental-confirmation`, answer);
    expect(late.status).toBe(200);
    expect(late.body['rentalResponse']).toMatchObject({ breachedAt: '2026-12-07T00:30:01.000Z', confirmation: { responseMinutes: 40, withinSla: false } });
    expect(await tripEvents(trip, BREACHED)).toHaveLength(1);
    expect(await tripEvents(trip, CONFIRMED)).toEqual([{ type: CONFIRMED, data: expect.objectContaining({ responseMinutes: 40, withinSla: false }) }]);

    // Through Kafka to evaluation: one violation against the vendor, priced under its contract's dispatch-response-late rule.
    const violations = await waitFor(
      async () => {
        const rows: Array<Record<string, unknown>> = await evaluation.database.query(
          `SELECT party, service_type, contract_id, source, source_ref, severity, penalty_points, breach, penalty_amount, settlement_period, occurred_at FROM violation WHERE agency_id = $1 AND source_ref = $2`,
          [f.agencyId, trip],
        );
        return rows.length > 0 ? rows : undefined;
      },
      { description: 'evaluation recording the breach' },
    );
    expect(violations).toEqual([
      {
        party: vendorA,
        service_type: 'transport',
        contract_id: contractA,
        source: 'rental-response',
        source_ref: trip,
        severity: 'minor',
        penalty_points: 1,
        breach: 'dispatch-response-late',
        penalty_amount: '10000',
        settlement_period: '2026-12',
        occurred_at: new Date('2026-12-07T00:30:01.000Z'),
      },
    ]);
  });

  it('announces the breach with a late answer that comes before the sweep, then never again', async () => {
    const trip = await rentalTrip(contractA);
    f.clock.set(minutesAfterMonday(42, 10));
    const late = await through(vendorAccount(vendorA), 'POST', `/transport/trips/${trip}/rental-confirmation`, answer);
    expect(late.status).toBe(200);
    expect(late.body['rentalResponse']).toMatchObject({ breachedAt: '2026-12-07T00:42:10.000Z', confirmation: { responseMinutes: 43, withinSla: false } });
    expect((await tripEvents(trip)).map(({ type }) => type).slice(-2)).toEqual([BREACHED, CONFIRMED]);
    expect((await sweep.sweep()).breached).not.toContain(trip);
    expect(await tripEvents(trip, BREACHED)).toHaveLength(1);
  });

  it('owes no answer for a trip cancelled before its deadline, and refuses an answer once it is cancelled', async () => {
    const trip = await rentalTrip(contractA);
    f.clock.set(minutesAfterMonday(20));
    expect((await f.call(f.staff('requester-1'), 'POST', `/trips/${trip}/cancel`, { reason: '会议改期' })).status).toBe(200);
    f.clock.set(minutesAfterMonday(60));
    expect((await sweep.sweep()).breached).not.toContain(trip);
    expect(await tripEvents(trip, BREACHED)).toEqual([]);
    expect((await through(vendorAccount(vendorA), 'POST', `/transport/trips/${trip}/rental-confirmation`, answer)).status).toBe(409);
  });

  it("answers each contract's punctuality and dispatch response measured, beside its SLA", async () => {
    // A contract of its own, so the other tests' trips do not count here.
    const vendorC = randomUUID();
    const contractC = randomUUID();
    await f.publish(ContractSigned, contractC, transportContract(contractC, vendorC, '福州公务租车有限公司'));
    await waitFor(async () => (await f.call(f.manager, 'GET', '/transport-contracts')).body.some((contract) => contract['contractId'] === contractC), { description: 'transport projecting the contract' });
    const measured = async () => (await through(f.manager, 'GET', '/transport/transport-contracts')).body.find((contract) => contract['contractId'] === contractC)!;
    expect((await measured())['performance']).toEqual({
      punctuality: { trips: 0, onTime: 0, targetPercent: 95 },
      dispatchResponse: { measured: 0, withinSla: 0, late: 0, unanswered: 0, targetMinutes: 30 },
    });

    const inTime = await rentalTrip(contractC, '09:00', '10:00');
    const late = await rentalTrip(contractC, '11:00', '12:00');
    const unanswered = await rentalTrip(contractC, '13:00', '14:00');
    const alsoUnanswered = await rentalTrip(contractC, '15:00', '16:00');
    f.clock.set(minutesAfterMonday(10));
    await through(vendorAccount(vendorC), 'POST', `/transport/trips/${inTime}/rental-confirmation`, answer);
    f.clock.set(minutesAfterMonday(50));
    await through(vendorAccount(vendorC), 'POST', `/transport/trips/${late}/rental-confirmation`, answer);
    expect((await sweep.sweep()).breached).toEqual(expect.arrayContaining([unanswered, alsoUnanswered]));
    // The first sets off on time, the second 20 minutes late; both complete.
    for (const [trip, departs, returns] of [
      [inTime, '09:03', '09:50'],
      [late, '11:20', '11:58'],
    ] as const) {
      f.clock.set(new Date(tuesdayAt(departs)));
      expect((await f.call(f.manager, 'POST', `/trips/${trip}/start`, {})).status).toBe(200);
      f.clock.set(new Date(tuesdayAt(returns)));
      expect((await f.call(f.manager, 'POST', `/trips/${trip}/end`, { distanceKm: 20, rentalFen: 7_000 })).status).toBe(200);
    }

    expect(await measured()).toMatchObject({
      contractId: contractC,
      minPunctualityRate: 95,
      maxDispatchResponseMinutes: 30,
      performance: {
        punctuality: { trips: 2, onTime: 1, ratePercent: 50, targetPercent: 95, meetsSla: false },
        dispatchResponse: { measured: 4, withinSla: 1, late: 1, unanswered: 2, ratePercent: 25, targetMinutes: 30, meetsSla: false },
      },
    });
  });
});
