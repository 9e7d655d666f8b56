import { randomUUID } from 'node:crypto';
import { cateringService } from '@houqin/catering';
import { InProcessBroker } from '@houqin/messaging';
import { procurementService } from '@houqin/procurement';
import { RunningService, ServiceDefinition, startService } from '@houqin/service-kit';
import { transportService } from '@houqin/transport';
import { TEST_BID_SEALING_KEY, TEST_INTERNAL_TOKEN_SECRET, TestDatabase, createTestDatabase, internalToken, testCaller } from '@houqin/testing';

/** The error model as clients see it: 409 for duplicates and illegal transitions, 404 across agencies. */
describe('business rules at the HTTP edge', () => {
  const broker = new InProcessBroker();
  const started: Record<string, RunningService> = {};
  const databases: TestDatabase[] = [];
  const manager = testCaller({ agencyId: `agency-${randomUUID()}`, roles: ['staff', 'logistics-manager', 'agency-admin'] });
  const otherAgency = testCaller({ agencyId: `agency-${randomUUID()}`, roles: ['staff', 'logistics-manager', 'agency-admin'] });

  beforeAll(async () => {
    for (const definition of [procurementService, transportService, cateringService] as ServiceDefinition[]) {
      const database = await createTestDatabase(`rules_${definition.name}`);
      databases.push(database);
      started[definition.name] = await startService(definition, {
        env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: database.url, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, BID_SEALING_KEY: TEST_BID_SEALING_KEY, MESSAGING_TRANSPORT: 'in-process' },
        broker,
      });
    }
  });

  afterAll(async () => {
    for (const service of Object.values(started)) await service.shutdown();
    for (const database of databases) await database.drop();
  });

  async function call(service: string, method: string, path: string, body?: unknown, caller = manager) {
    const response = await fetch(`${started[service]!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${internalToken(caller)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  }

  const vendor = { name: '福州市鼓楼区后勤服务有限公司', unifiedSocialCreditCode: '91350100M000100Y43', categories: ['maintenance'], contact: { name: '王经理', phone: '13800138000' } };

  it('refuses a second vendor with the same credit code in one agency with a 409 naming the field, and accepts it in another agency', async () => {
    expect((await call('procurement', 'POST', '/vendors', vendor)).status).toBe(201);
    const duplicate = await call('procurement', 'POST', '/vendors', vendor);
    expect(duplicate.status).toBe(409);
    expect(duplicate.type).toContain('application/problem+json');
    expect(duplicate.body['errors']).toEqual([expect.objectContaining({ field: 'unifiedSocialCreditCode', rule: 'unique' })]);
    expect((await call('procurement', 'POST', '/vendors', vendor, otherAgency)).status).toBe(201);
  });

  it('answers 422 naming the field for a credit code whose check digit is wrong', async () => {
    const wrong = await call('procurement', 'POST', '/vendors', { ...vendor, unifiedSocialCreditCode: '91350100M000100Y44' });
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toContain('unifiedSocialCreditCode');
  });

  it('refuses a duplicate plate with a 409', async () => {
    const vehicle = { plateNumber: '闽A12345', vehicleType: 'sedan', seats: 5, odometerKm: 1200, fuel: 'petrol' };
    expect((await call('transport', 'POST', '/vehicles', vehicle)).status).toBe(201);
    const duplicate = await call('transport', 'POST', '/vehicles', vehicle);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['errors']).toEqual([expect.objectContaining({ field: 'plateNumber', rule: 'unique' })]);
  });

  it('answers an illegal transition with 409 naming the current state, and another agency with 404', async () => {
    const opened = await call('catering', 'POST', '/canteens', { name: 'Staff canteen', location: { building: 'Building 2' }, capacity: 120, mealPeriods: ['breakfast', 'lunch'] });
    expect(opened.status).toBe(201);
    const id = opened.body['id'] as string;
    expect((await call('catering', 'POST', `/canteens/${id}/close`, { reason: 'kitchen refit' })).status).toBe(200);
    const again = await call('catering', 'POST', `/canteens/${id}/close`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentState: 'closed', type: 'urn:houqin:problem:illegal-transition' });
    expect((await call('catering', 'GET', `/canteens/${id}`, undefined, otherAgency)).status).toBe(404);
    expect((await call('catering', 'POST', `/canteens/${id}/reopen`, undefined, otherAgency)).status).toBe(404);
  });
});
