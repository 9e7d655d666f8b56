import { distributedSecrets, gatewaySecretsEnvironment } from './distributed-secrets';

/** What `npm run start:distributed` hands the gateway: an integrator needs an admin login from it. */
describe("start:distributed's secrets", () => {
  it('hands GATEWAY_BOOTSTRAP_ADMIN_PASSWORD on to the gateway, so the platform admin is created', () => {
    const gateway = gatewaySecretsEnvironment(distributedSecrets({ GATEWAY_BOOTSTRAP_ADMIN_PASSWORD: 'platform-admin-password-1' }));
    expect(gateway['GATEWAY_BOOTSTRAP_ADMIN_PASSWORD']).toBe('platform-admin-password-1');
  });

  it("always gives the gateway a password for the demo agency's admin: the one set, or a new one for the run", () => {
    expect(gatewaySecretsEnvironment(distributedSecrets({ GATEWAY_DEMO_ADMIN_PASSWORD: 'demo-admin-password-1' }))['GATEWAY_DEMO_ADMIN_PASSWORD']).toBe('demo-admin-password-1');
    const first = distributedSecrets({}).demoAdminPassword;
    const second = distributedSecrets({}).demoAdminPassword;
    // The gateway refuses one shorter than 12 characters.
    expect(first.length).toBeGreaterThanOrEqual(12);
    expect(first).not.toBe(second);
  });

  it('keeps the secrets given and makes the others up', () => {
    const secrets = distributedSecrets({ ACCESS_TOKEN_SECRET: 'a'.repeat(32) });
    expect(secrets.accessTokenSecret).toBe('a'.repeat(32));
    expect(secrets.internalTokenSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(gatewaySecretsEnvironment(secrets)).not.toHaveProperty('GATEWAY_BOOTSTRAP_ADMIN_PASSWORD');
  });
});
