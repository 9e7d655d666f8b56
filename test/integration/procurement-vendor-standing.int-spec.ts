import { randomUUID } from 'node:crypto';
import { ContractSigned } from '@houqin/contracts';
import { maintenanceService } from '@houqin/maintenance';
import { InProcessBroker } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { VendorSuspensionSweep, procurementService } from '@houqin/procurement';
import { RunningService, startService } from '@houqin/service-kit';
import { TEST_BID_SEALING_KEY, TestDatabase, callService, createTestDatabase, inProcessServiceEnv, testCaller, waitFor } from '@houqin/testing';

/**
 * A vendor's standing (供应商资格) against the real procurement service (two instances on one
 * database) and maintenance, each with its own PostgreSQL database, on one in-process broker: a
 * suspension ends by itself at its end, exactly once however many instances sweep, with
 * vendor.reinstated; it can be suspended again after that; a logistics manager reinstates early
 * and an agency admin blacklists and lifts a blacklisting, each with a reason; maintenance's
 * projection follows, so a reinstated vendor can be assigned work again.
 */
describe('vendor standing', () => {
  const broker = new InProcessBroker();
  const agencyId = `agency-${randomUUID()}`;
  const manager = testCaller({ agencyId, userId: 'manager-1', roles: ['logistics-manager'] });
  const admin = testCaller({ agencyId, userId: 'admin-1', roles: ['agency-admin'] });
  const requester = testCaller({ agencyId, userId: 'staff-1', roles: ['staff'] });
  let procurementDb: TestDatabase;
  let maintenanceDb: TestDatabase;
  let procurement: RunningService;
  let replica: RunningService;
  let maintenance: RunningService;

  beforeAll(async () => {
    [procurementDb, maintenanceDb] = await Promise.all([createTestDatabase('vendor_standing'), createTestDatabase('vendor_standing_maintenance')]);
    maintenance = await startService(maintenanceService, { env: inProcessServiceEnv(maintenanceDb.url, { LOG_LEVEL: 'fatal' }), broker });
    // The timers are left to the day: the tests sweep when they mean to.
    const env = inProcessServiceEnv(procurementDb.url, { LOG_LEVEL: 'fatal', BID_SEALING_KEY: TEST_BID_SEALING_KEY, VENDOR_SUSPENSION_SWEEP_MS: '86400000' });
    procurement = await startService(procurementService, { env, broker });
    // The second instance sweeps the same database; the first relays the outbox to maintenance.
    replica = await startService(procurementService, { env: { ...env, OUTBOX_RELAY_ENABLED: 'false' }, broker: new InProcessBroker() });
  });

  afterAll(async () => {
    await replica?.shutdown();
    await procurement?.shutdown();
    await maintenance?.shutdown();
    await Promise.all([procurementDb?.drop(), maintenanceDb?.drop()]);
  });

  const call = (caller: Caller, method: string, path: string, body?: unknown) => callService(procurement.url, caller, method, path, body);
  const sweeps = () => [procurement, replica].map((service) => service.app.get(VendorSuspensionSweep));

  let codeSerial = 0;
  /** A valid unified social credit code, unique in this run (GB 32100-2015 check character). */
  function creditCode(): string {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    codeSerial += 1;
    const body = `91370100MA${String(codeSerial).padStart(7, '0')}`;
    const sum = [...body].reduce((total, char, index) => total + alphabet.indexOf(char) * weights[index]!, 0);
    return body + alphabet[(31 - (sum % 31)) % 31];
  }

  async function registerVendor(name: string): Promise<string> {
    const answer = await call(manager, 'POST', '/vendors', { name, unifiedSocialCreditCode: creditCode(), categories: ['maintenance'], contact: { name: '王经理', phone: '13800138000' } });
    expect(answer.status).toBe(201);
    return answer.body['id'] as string;
  }

  async function vendorEvents(vendorId: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const rows = await procurementDb.query<{ event_type: string; envelope: { data: Record<string, unknown> } }>(
      `SELECT event_type, envelope FROM outbox_event WHERE message_key = $1 ORDER BY position`,
      [vendorId],
    );
    return rows.map((row) => ({ type: row.event_type.replace('houqin.procurement.vendor.', ''), data: row.envelope.data }));
  }

  /** Brings the vendor's suspension end forward to now, as if the time had come. */
  async function letSuspensionRunOut(vendorIds: string[]): Promise<void> {
    await procurementDb.query(`UPDATE vendor SET suspended_until = now() WHERE id = ANY($1)`, [vendorIds]);
  }

  const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

  it('ends suspensions at their end exactly once with two instances sweeping at once, publishing vendor.reinstated', async () => {
    const ids = await Promise.all(['一', '二', '三', '四', '五'].map((n) => registerVendor(`济南维修${n}有限公司`)));
    for (const id of ids) expect((await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'late responses', until: inAnHour() })).status).toBe(200);
    const openEnded = await registerVendor('济南维修六有限公司');
    expect((await call(manager, 'POST', `/vendors/${openEnded}/suspend`, { reason: 'under investigation' })).status).toBe(200);
    await letSuspensionRunOut(ids);
    const ended = await procurementDb.query<{ id: string; suspended_until: Date }>(`SELECT id, suspended_until FROM vendor WHERE id = ANY($1)`, [ids]);

    // Before any sweep, the vendor already reads as active: the same rule as bid eligibility.
    expect((await call(manager, 'GET', `/vendors/${ids[0]}`)).body).toMatchObject({ status: 'active', reinstatement: { cause: 'suspension-ended' } });

    const swept = await Promise.all([...sweeps(), ...sweeps()].map((sweep) => sweep.sweep()));
    const reinstated = swept.flat();
    expect(reinstated.sort()).toEqual([...ids].sort());
    expect(await Promise.all(sweeps().map((sweep) => sweep.sweep()))).toEqual([[], []]);

    for (const { id, suspended_until } of ended) {
      const events = await vendorEvents(id);
      expect(events.map((event) => event.type)).toEqual(['registered.v1', 'suspended.v1', 'reinstated.v1']);
      expect(events[2]!.data).toMatchObject({
        vendorId: id,
        status: 'active',
        previousStatus: 'suspended',
        cause: 'suspension-ended',
        reinstatedBy: 'system',
        reinstatedAt: suspended_until.toISOString(),
        suspensionBySanction: false,
      });
    }
    const [stored] = await procurementDb.query<{ status: string; suspended_until: Date | null }>(`SELECT status, suspended_until FROM vendor WHERE id = $1`, [ids[0]]);
    expect(stored).toEqual({ status: 'active', suspended_until: null });
    expect((await call(manager, 'GET', `/vendors/${openEnded}`)).body).toMatchObject({ status: 'suspended' });
    expect((await vendorEvents(openEnded)).map((event) => event.type)).toEqual(['registered.v1', 'suspended.v1']);
  });

  it('suspends again for a new offence once the suspension has ended, recording its end first', async () => {
    const id = await registerVendor('济南电梯维保有限公司');
    expect((await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'late responses', until: inAnHour() })).status).toBe(200);
    const running = await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'short weights' });
    expect(running.status).toBe(409);
    expect(running.body).toMatchObject({ currentState: 'suspended' });

    await letSuspensionRunOut([id]);
    const again = await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'short weights' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'suspended', suspension: { reason: 'short weights' } });
    const events = await vendorEvents(id);
    expect(events.map((event) => event.type)).toEqual(['registered.v1', 'suspended.v1', 'reinstated.v1', 'suspended.v1']);
    expect(events[2]!.data).toMatchObject({ cause: 'suspension-ended', reinstatedBy: 'system' });
    expect(events[3]!.data).toMatchObject({ previousStatus: 'active', reason: 'short weights' });
    // The sweep finds nothing left to end: the ended suspension was recorded once.
    expect((await sweeps()[0]!.sweep()).includes(id)).toBe(false);
  });

  it('lets a logistics manager reinstate early with a reason, and refuses a reinstatement of a vendor not suspended', async () => {
    const id = await registerVendor('济南暖通维修有限公司');
    const notSuspended = await call(manager, 'POST', `/vendors/${id}/reinstate`, { reason: 'no reason to' });
    expect(notSuspended.status).toBe(409);
    expect(notSuspended.body).toMatchObject({ currentState: 'active' });

    expect((await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'lapsed insurance' })).status).toBe(200);
    const withoutReason = await call(manager, 'POST', `/vendors/${id}/reinstate`, {});
    expect(withoutReason.status).toBe(400);
    expect(JSON.stringify(withoutReason.body)).toContain('reason');
    const blank = await call(manager, 'POST', `/vendors/${id}/reinstate`, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ type: 'urn:houqin:problem:reason-required', errors: [{ field: 'reason' }] });

    const reinstated = await call(manager, 'POST', `/vendors/${id}/reinstate`, { reason: 'insurance renewed' });
    expect(reinstated.status).toBe(200);
    expect(reinstated.body).toMatchObject({ status: 'active', reinstatement: { cause: 'reinstated-early', reason: 'insurance renewed', decidedBy: 'manager-1' } });
    expect(reinstated.body['suspension']).toBeUndefined();
    expect((await vendorEvents(id)).at(-1)).toMatchObject({
      type: 'reinstated.v1',
      data: { cause: 'reinstated-early', reason: 'insurance renewed', reinstatedBy: 'manager-1', previousStatus: 'suspended' },
    });
  });

  it('lets an agency admin blacklist with a reason and lift the blacklisting with a reason', async () => {
    const id = await registerVendor('济南机电安装有限公司');
    expect((await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'late', until: inAnHour() })).status).toBe(200);
    expect((await call(admin, 'POST', `/vendors/${id}/blacklist`, {})).status).toBe(400);
    const notBlacklisted = await call(admin, 'POST', `/vendors/${id}/lift-blacklisting`, { reason: 'premature' });
    expect(notBlacklisted.status).toBe(409);
    expect(notBlacklisted.body).toMatchObject({ currentState: 'suspended' });

    const blacklisted = await call(admin, 'POST', `/vendors/${id}/blacklist`, { reason: 'forged certificates' });
    expect(blacklisted.status).toBe(200);
    expect(blacklisted.body).toMatchObject({ status: 'blacklisted', blacklisting: { reason: 'forged certificates', decidedBy: 'admin-1' } });
    expect(blacklisted.body['suspension']).toBeUndefined();
    expect((await call(admin, 'POST', `/vendors/${id}/blacklist`, { reason: 'again' })).body).toMatchObject({ status: 409, currentState: 'blacklisted' });
    expect((await call(manager, 'POST', `/vendors/${id}/suspend`, { reason: 'late' })).body).toMatchObject({ status: 409, currentState: 'blacklisted' });
    expect((await call(manager, 'POST', `/vendors/${id}/reinstate`, { reason: 'x' })).body).toMatchObject({ status: 409, currentState: 'blacklisted' });

    expect((await call(admin, 'POST', `/vendors/${id}/lift-blacklisting`, {})).status).toBe(400);
    const lifted = await call(admin, 'POST', `/vendors/${id}/lift-blacklisting`, { reason: 'certificates proven genuine' });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'active', reinstatement: { cause: 'blacklisting-lifted', decidedBy: 'admin-1' } });
    const events = await vendorEvents(id);
    expect(events.map((event) => event.type)).toEqual(['registered.v1', 'suspended.v1', 'blacklisted.v1', 'blacklisting-lifted.v1']);
    expect(events[2]!.data).toMatchObject({ previousStatus: 'suspended', decidedBy: 'admin-1', reason: 'forged certificates' });
    expect(events[3]!.data).toMatchObject({ previousStatus: 'blacklisted', liftedBy: 'admin-1', reason: 'certificates proven genuine' });
  });

  describe("maintenance's projection", () => {
    const maintenanceCall = (caller: Caller, method: string, path: string, body?: unknown) => callService(maintenance.url, caller, method, path, body);
    let vendorId: string;

    async function triagedWorkOrder(): Promise<string> {
      const reported = await maintenanceCall(requester, 'POST', '/repair-requests', { location: { building: 'Building V', room: '101' }, description: 'The lift stops between floors', priority: 'high' });
      expect(reported.status).toBe(201);
      const triaged = await maintenanceCall(manager, 'POST', `/repair-requests/${reported.body['id'] as string}/triage`, { category: 'elevator' });
      expect(triaged.status).toBe(201);
      return triaged.body['id'] as string;
    }

    async function standing(): Promise<{ assignable: boolean; status?: string }> {
      const contracts = await maintenanceCall(manager, 'GET', '/vendor-contracts');
      const contract = contracts.body.find((row) => row['vendorId'] === vendorId);
      return { assignable: contract?.['assignable'] === true, status: (contract?.['vendorStanding'] as { status?: string } | undefined)?.status };
    }

    async function until(expected: { assignable: boolean; status: string }): Promise<void> {
      await waitFor(async () => JSON.stringify(await standing()) === JSON.stringify(expected), { description: `maintenance to see the vendor ${expected.status}` });
    }

    beforeAll(async () => {
      vendorId = await registerVendor('济南电梯工程有限公司');
      const contractId = randomUUID();
      const signed = ContractSigned.create({
        subject: contractId,
        origin: { agencyId, correlationId: randomUUID() },
        data: {
          contractId,
          agencyId,
          vendorId,
          vendorName: '济南电梯工程有限公司',
          serviceType: 'maintenance',
          title: '电梯维保服务',
          scope: { description: 'Lift upkeep', buildings: ['Building V'] },
          validFrom: '2026-01-01T00:00:00+08:00',
          validTo: '2099-01-01T00:00:00+08:00',
          slaTerms: { serviceType: 'maintenance', priorities: { urgent: { responseHours: 1, resolutionHours: 4 }, high: { responseHours: 4, resolutionHours: 24 }, normal: { responseHours: 24, resolutionHours: 72 }, low: { responseHours: 72, resolutionHours: 240 } } },
          penaltyRules: [],
          priceTerms: { monthlyFee: 300_000, unitRates: [] },
          signedBy: 'admin-1',
          signedAt: new Date().toISOString(),
        },
      });
      await broker.publish(ContractSigned.topic, contractId, Buffer.from(JSON.stringify(signed)));
      await waitFor(async () => (await standing()).assignable, { description: 'maintenance to know the contract' });
    });

    it('can assign work again to a vendor whose suspension ended by itself', async () => {
      expect((await call(manager, 'POST', `/vendors/${vendorId}/suspend`, { reason: 'lapsed insurance', until: inAnHour() })).status).toBe(200);
      await until({ assignable: false, status: 'suspended' });
      const workOrder = await triagedWorkOrder();
      const refused = await maintenanceCall(manager, 'POST', `/work-orders/${workOrder}/assign`, { vendorId });
      expect(refused.status).toBe(422);
      expect(refused.body['detail']).toContain('lapsed insurance');

      await letSuspensionRunOut([vendorId]);
      expect(await sweeps()[1]!.sweep()).toContain(vendorId);
      await until({ assignable: true, status: 'active' });
      const assigned = await maintenanceCall(manager, 'POST', `/work-orders/${workOrder}/assign`, { vendorId });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({ status: 'assigned', vendorId });
    });

    it('can assign work again once a blacklisting is lifted, and after an early reinstatement', async () => {
      expect((await call(admin, 'POST', `/vendors/${vendorId}/blacklist`, { reason: 'forged records' })).status).toBe(200);
      await until({ assignable: false, status: 'blacklisted' });
      const workOrder = await triagedWorkOrder();
      expect((await maintenanceCall(manager, 'POST', `/work-orders/${workOrder}/assign`, { vendorId })).status).toBe(422);
      expect((await call(admin, 'POST', `/vendors/${vendorId}/lift-blacklisting`, { reason: 'records proven genuine' })).status).toBe(200);
      await until({ assignable: true, status: 'active' });

      expect((await call(manager, 'POST', `/vendors/${vendorId}/suspend`, { reason: 'under investigation' })).status).toBe(200);
      await until({ assignable: false, status: 'suspended' });
      expect((await maintenanceCall(manager, 'POST', `/work-orders/${workOrder}/assign`, { vendorId })).status).toBe(422);
      expect((await call(manager, 'POST', `/vendors/${vendorId}/reinstate`, { reason: 'investigation closed' })).status).toBe(200);
      await until({ assignable: true, status: 'active' });
      expect((await maintenanceCall(manager, 'POST', `/work-orders/${workOrder}/assign`, { vendorId })).status).toBe(200);
    });
  });
});
