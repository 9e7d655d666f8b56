import { isLoginPath } from './rate-limit.middleware';

describe('the sign-in routes the per-address login limit guards', () => {
  it.each(['/api/v1/auth/login', '/api/v1/auth/login/', '/API/V1/AUTH/LOGIN', '/Api/v1/Auth/Login//', '/api/v1/auth/login?next=/', '/api/v1/auth/oidc', '/API/v1/auth/OIDC/'])('is %s, as the router matches it', (url) => {
    expect(isLoginPath(url)).toBe(true);
  });

  it.each(['/api/v1/auth/logout', '/api/v1/auth/login-help', '/api/v1/auth', '/api/v1/auth/providers', '/api/v1/auth/oidc-help'])('is not %s', (url) => {
    expect(isLoginPath(url)).toBe(false);
  });
});
