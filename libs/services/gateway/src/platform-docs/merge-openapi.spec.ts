import { OpenApiDocument, UNAVAILABLE_EXTENSION, componentPrefix, mergePlatformDocument } from './merge-openapi';

function serviceDoc(): OpenApiDocument {
  return {
    openapi: '3.0.0',
    info: { title: 'Houqin maintenance', description: 'Repairs', version: '0.1.0' },
    paths: {
      '/repair-requests': {
        post: {
          operationId: 'RepairRequestsController_report',
          tags: ['repair requests'],
          security: [{ 'internal-token': [] }],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportRepairDto' } } } },
          responses: { '201': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/RepairRequestView' } } } } },
        },
      },
      '/health/live': { get: { operationId: 'HealthController_live', responses: {} } },
      '/metrics': { get: { operationId: 'MetricsController_metrics', responses: {} } },
    },
    components: {
      securitySchemes: { 'internal-token': { type: 'http', scheme: 'bearer' } },
      schemas: {
        LocationDto: { type: 'object', properties: { building: { type: 'string' } } },
        ReportRepairDto: { type: 'object', properties: { location: { $ref: '#/components/schemas/LocationDto' } } },
        RepairRequestView: { type: 'object', properties: { location: { allOf: [{ $ref: '#/components/schemas/LocationDto' }] } } },
      },
    },
  };
}

const gateway: OpenApiDocument = {
  openapi: '3.0.0',
  info: { title: 'Houqin API gateway', version: '0.1.0' },
  paths: {
    '/api/v1/{service}': { get: { operationId: 'ServiceProxyController_forward_get', responses: {} } },
    '/api/v1/{service}/{path}': { get: { operationId: 'ServiceProxyController_forward_get2', responses: {} } },
    '/api/v1/dashboard': { get: { operationId: 'DashboardController_view', security: [{ 'access-token': [] }], responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/DashboardView' } } } } } } },
    '/health/ready': { get: { operationId: 'HealthController_ready', responses: {} } },
  },
  components: { schemas: { DashboardView: { type: 'object' } }, securitySchemes: { 'access-token': { type: 'http', scheme: 'bearer' } } },
};

describe('mergePlatformDocument', () => {
  const merged = mergePlatformDocument({ gateway, services: [{ name: 'maintenance', document: serviceDoc() }, { name: 'catering' }] });

  it('puts each service under /api/v1/<service>, leaving out the kit probes, metrics and the generic forwarder', () => {
    expect(Object.keys(merged.paths!).sort()).toEqual(['/api/v1/dashboard', '/api/v1/maintenance/repair-requests']);
  });

  it('prefixes the schema names of a service and rewrites every $ref to them', () => {
    expect(Object.keys(merged.components!['schemas']!)).toEqual(['DashboardView', 'MaintenanceLocationDto', 'MaintenanceReportRepairDto', 'MaintenanceRepairRequestView']);
    const serialized = JSON.stringify(merged);
    expect(serialized).not.toMatch(/"#\/components\/schemas\/(LocationDto|ReportRepairDto|RepairRequestView)"/);
    expect(merged.components!['schemas']!['MaintenanceRepairRequestView']).toEqual({
      type: 'object',
      properties: { location: { allOf: [{ $ref: '#/components/schemas/MaintenanceLocationDto' }] } },
    });
    const post = merged.paths!['/api/v1/maintenance/repair-requests']!['post'] as Record<string, unknown>;
    expect(JSON.stringify(post)).toContain('#/components/schemas/MaintenanceReportRepairDto');
  });

  it('tags operations by service, makes operation ids unique and requires the access token', () => {
    const post = merged.paths!['/api/v1/maintenance/repair-requests']!['post'] as Record<string, unknown>;
    expect(post).toMatchObject({ operationId: 'maintenance_RepairRequestsController_report', tags: ['maintenance'], 'x-houqin-service': 'maintenance', security: [{ 'access-token': [] }] });
    expect(merged.components!['securitySchemes']).toEqual({
      'access-token': expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
    expect(merged.security).toEqual([{ 'access-token': [] }]);
    expect(merged.tags).toEqual(expect.arrayContaining([{ name: 'maintenance', description: 'Houqin maintenance: Repairs' }]));
  });

  it('keeps the gateway operations with their own schema names', () => {
    expect(merged.paths!['/api/v1/dashboard']!['get']).toMatchObject({ operationId: 'DashboardController_view', 'x-houqin-service': 'gateway' });
  });

  it('names the services whose document is missing instead of failing', () => {
    expect(merged[UNAVAILABLE_EXTENSION]).toEqual(['catering']);
    expect(mergePlatformDocument({ services: [{ name: 'maintenance', document: serviceDoc() }] })[UNAVAILABLE_EXTENSION]).toBeUndefined();
  });

  it('does not change its inputs', () => {
    const input = serviceDoc();
    mergePlatformDocument({ services: [{ name: 'maintenance', document: input }] });
    expect(input).toEqual(serviceDoc());
  });

  it('derives the prefix from the service name', () => {
    expect(componentPrefix('maintenance')).toBe('Maintenance');
    expect(componentPrefix('work-orders')).toBe('WorkOrders');
  });

  it('names each operation’s row of the policy table, and offers the API key only where the row admits integrators', () => {
    const report = merged.paths!['/api/v1/maintenance/repair-requests']!['post'] as Record<string, unknown>;
    expect(report['x-houqin-policy']).toMatchObject({ action: 'maintenance.repair-requests.report', scope: 'agency', roles: expect.arrayContaining(['staff']) });
    expect(report['security']).toEqual([{ 'access-token': [] }]);
    const dashboard = merged.paths!['/api/v1/dashboard']!['get'] as Record<string, unknown>;
    expect(dashboard['x-houqin-policy']).toMatchObject({ action: 'views.dashboard.read', roles: expect.arrayContaining(['integrator']) });
    expect(dashboard['security']).toEqual([{ 'access-token': [] }, { 'api-key': [] }]);
  });
});
