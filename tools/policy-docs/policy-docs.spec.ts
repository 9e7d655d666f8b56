import { readFileSync } from 'node:fs';
import { PLATFORM_POLICIES } from '@houqin/gateway';
import { authorizationDocPath, renderAuthorizationDoc } from './generate';

describe('docs/authorization.md', () => {
  const committed = readFileSync(authorizationDocPath(), 'utf8');

  it('is what the policy table renders (npm run policy-docs)', () => {
    expect(committed).toBe(renderAuthorizationDoc());
  });

  it('has a row for every route of the table', () => {
    for (const policy of PLATFORM_POLICIES) expect(committed).toContain(`| \`${policy.method} ${policy.path}\` | \`${policy.action}\` |`);
  });
});
