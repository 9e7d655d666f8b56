import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROLES } from '@houqin/auth';
import { PLATFORM_POLICIES } from './platform-policies';
import { PolicyTable, openApiPath } from './policy-table';

describe('PolicyTable', () => {
  const table = new PolicyTable([
    { method: 'GET', path: '/api/v1/things/:id', action: 'things.read', roles: ['staff'], scope: 'agency' },
    { method: 'GET', path: '/api/v1/things/summary', action: 'things.summary', roles: ['staff'], scope: 'agency' },
    { method: 'POST', path: '/api/v1/things/:id/close', action: 'things.close', roles: ['staff'], scope: 'agency' },
  ]);

  it('matches parameters as one segment each, literal segments first', () => {
    expect(table.match('GET', '/api/v1/things/t-1')?.action).toBe('things.read');
    expect(table.match('GET', '/api/v1/things/summary')?.action).toBe('things.summary');
    expect(table.match('POST', '/api/v1/things/t-1/close')?.action).toBe('things.close');
    expect(table.match('GET', '/api/v1/things/t-1/')?.action).toBe('things.read');
  });

  it('matches nothing else: deny by default', () => {
    expect(table.match('GET', '/api/v1/things/t-1/close')).toBeUndefined();
    expect(table.match('GET', '/api/v1/things/a/b')).toBeUndefined();
    expect(table.match('DELETE', '/api/v1/things/t-1')).toBeUndefined();
    expect(table.match('GET', '/api/v1/thingsX/t-1')).toBeUndefined();
  });

  it('names the methods a path has, for 405', () => {
    expect(table.methodsFor('/api/v1/things/t-1/close')).toEqual(['POST']);
    expect(table.methodsFor('/api/v1/nothing')).toEqual([]);
  });

  it('refuses a table declaring a route twice', () => {
    const row = { method: 'GET' as const, path: '/api/v1/x', action: 'x.read', roles: [], scope: 'public' as const };
    expect(() => new PolicyTable([row, row])).toThrow('policy table declares GET /api/v1/x twice');
  });
});

describe('the platform policy table', () => {
  const document = JSON.parse(readFileSync(path.join(__dirname, '../../../../api-client/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(document.paths).flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`));
  const declared = PLATFORM_POLICIES.map((policy) => `${policy.method} ${openApiPath(policy.path)}`);

  it('has a row for every operation of the platform’s OpenAPI document', () => {
    expect(operations.filter((operation) => !declared.includes(operation))).toEqual([]);
  });

  it('has no row without an operation', () => {
    expect(declared.filter((row) => !operations.includes(row))).toEqual([]);
  });

  it('names only known roles, and every non-public row at least one', () => {
    for (const policy of PLATFORM_POLICIES) {
      for (const role of policy.roles) expect(ROLES).toContain(role);
      if (policy.scope === 'public') expect(policy.roles).toEqual([]);
      else expect(policy.roles.length).toBeGreaterThan(0);
    }
  });

  it('lets vendor accounts write nothing but their own sessions, bids, objections (质疑), work on work orders assigned to them and answers to their own rectification notices (整改), the qualifications and training of their own staff, the menus, serving and food waste of the canteens they run, the answers to rental trips dispatched to them, and integrators nothing but their own subscriptions', () => {
    const writes = PLATFORM_POLICIES.filter((policy) => policy.method !== 'GET' && policy.scope !== 'self');
    expect([...new Set(writes.filter((policy) => (policy.roles as readonly string[]).includes('vendor')).map((policy) => policy.action))]).toEqual([
      'procurement.tender-bids.submit',
      'procurement.tender-objections.raise',
      'maintenance.work-orders.work',
      // the canteen's operator (the service checks it runs that canteen): its dishes and menus, serving and food waste
      'catering.menus.draft',
      'catering.serving.serve',
      // the rental vendor's answer to a trip dispatched to it (the service checks it is that trip's vendor)
      'transport.trips.confirm-rental',
      'evaluation.rectifications.answer',
      'evaluation.qualifications.record',
      'evaluation.qualifications.renew',
      'evaluation.training-records.record',
    ]);
    const integratorWrites = writes.filter((policy) => (policy.roles as readonly string[]).includes('integrator')).map((policy) => policy.action);
    expect(integratorWrites.every((action) => action.startsWith('integrations.'))).toBe(true);
  });

  it('keeps auditors read-only but for the violations they record by hand and internal audit work', () => {
    const writes = PLATFORM_POLICIES.filter((policy) => policy.method !== 'GET' && policy.scope !== 'self');
    expect(writes.filter((policy) => (policy.roles as readonly string[]).includes('auditor')).map((policy) => policy.action)).toEqual([
      'evaluation.violations.record',
      'evaluation.internal-audit-plans.create',
      'evaluation.internal-audit-tasks.create',
      'evaluation.internal-audit-findings.record',
      'evaluation.internal-audit-findings.answer',
      'evaluation.internal-audit-findings.close',
      'evaluation.internal-audit-findings.send-back',
    ]);
  });
});
