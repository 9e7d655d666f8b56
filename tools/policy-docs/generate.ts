/**
 * Writes docs/authorization.md, the gateway's policy table as people read it: for every route of
 * the platform's API, the action it is, the roles allowed and the scope they act in. Run
 * `npm run policy-docs` (compiles with swc into dist/, runs `node dist/tools/policy-docs/generate.js`).
 * A unit test (policy-docs.spec.ts) fails when the committed document differs from what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@houqin/auth';
import { PLATFORM_POLICIES, PolicyScope, RoutePolicy } from '@houqin/gateway';
import { findRepoRoot } from '../asyncapi/generate';

export const AUTHORIZATION_DOC_PATH = 'docs/authorization.md';
const HEADER = '<!-- Generated from the gateway policy table by `npm run policy-docs`. Do not edit. -->';

const SCOPES: Record<PolicyScope, string> = {
  public: 'no credentials',
  self: 'the caller’s own session or record',
  agency: 'the caller’s own agency only; another agency (X-Agency-Id) answers 404',
  'supervised-read': 'the caller’s own agency; a supervisor may also name an agency they oversee in X-Agency-Id; any other answers 404',
  platform: 'platform-wide, not tied to an agency',
};

const SCOPE_LABELS: Record<PolicyScope, string> = {
  public: 'public',
  self: 'self',
  agency: 'own agency',
  'supervised-read': 'own or supervised agency (read)',
  platform: 'platform',
};

function area(policy: RoutePolicy): string {
  const segment = policy.path.split('/')[3] ?? '';
  return segment;
}

function rolesCell(policy: RoutePolicy): string {
  if (policy.scope === 'public') return 'anyone';
  if (policy.roles.length === ROLES.length) return 'every role';
  return policy.roles.map((role) => `\`${role}\``).join(', ');
}

export function renderAuthorizationDoc(): string {
  const lines = [
    HEADER,
    '',
    '# Authorisation: the policy table',
    '',
    'The gateway is the only door. Every request to `/api/v1/…` is matched against this table — one row per route, for the routes the gateway answers itself and those it forwards to a service — and refused when no row matches (**deny by default**: 404, or 405 with `Allow` when only the method is wrong). Then:',
    '',
    '1. **Who is calling** (401 otherwise): an access token from `POST /api/v1/auth/login` (its token version must still be current and its login session not revoked: logout, disabling and revoking a session act at once), a token of the agency’s identity provider (OIDC, verified against the provider’s JWKS; it acts as the platform account whose `externalSubject` is its subject — roles always come from the platform), or an integrator’s API key (`Authorization: ApiKey <key>` or `X-Api-Key`).',
    '2. **Whether the role may take the action** (403, naming the action): one of the caller’s roles must be in the row. An API key (role `integrator`) must also be scoped to the row’s action.',
    '3. **In which agency** (404 when not allowed — never 403, so another agency’s existence does not leak): a request acts in the caller’s own agency unless it names another in the `X-Agency-Id` header. Only a read whose scope is *own or supervised agency* may name another agency, and only by a `supervisor` whose supervising body oversees it; the service then sees a supervisor of that agency and nothing else of the caller.',
    '',
    'The gateway forwards an allowed request with a short-lived internal token saying who acts in which agency; each service scopes every query to that agency (another agency’s record answers 404 like a missing one). Rules finer than a route — a vendor account sees only its own vendor, a requester may not approve their own requisition — are the owning service’s and are noted in the table.',
    '',
    '## Roles',
    '',
    '| role | who |',
    '|---|---|',
    '| `platform-admin` | operates the platform: agencies, supervising bodies, supervisors |',
    '| `agency-admin` | administers one agency: its departments, users and API keys |',
    '| `logistics-manager` | runs the agency’s support services (后勤) day to day |',
    '| `approver` | approves requests of their department |',
    '| `staff` | raises requests (报修, requisitions) |',
    '| `vendor` | a market provider’s staff account, tied to one vendor of the registry; acts only for it |',
    '| `evaluator` | third-party assessor (第三方评估) |',
    '| `auditor` | reads everything of the agency, changes nothing |',
    '| `supervisor` | a supervising body (e.g. 机关事务管理局) reading across the agencies it oversees |',
    '| `integrator` | another system, through an API key scoped to actions and event types |',
    '',
    '## Scopes',
    '',
    '| scope | acts in |',
    '|---|---|',
    ...(Object.keys(SCOPES) as PolicyScope[]).map((scope) => `| ${SCOPE_LABELS[scope]} | ${SCOPES[scope]} |`),
    '',
  ];
  const areas = [...new Set(PLATFORM_POLICIES.map(area))];
  for (const name of areas) {
    lines.push(`## ${name}`, '', '| route | action | roles | scope | note |', '|---|---|---|---|---|');
    for (const policy of PLATFORM_POLICIES.filter((candidate) => area(candidate) === name)) {
      lines.push(`| \`${policy.method} ${policy.path}\` | \`${policy.action}\` | ${rolesCell(policy)} | ${SCOPE_LABELS[policy.scope]} | ${policy.note ?? ''} |`);
    }
    lines.push('');
  }
  lines.push(
    '## How this table is kept true',
    '',
    '- `libs/services/gateway/src/access/policy-table.spec.ts` checks that the table has exactly one row per operation of the platform’s OpenAPI document (`libs/api-client/openapi.json`), that auditors change nothing, that vendor accounts change nothing but their own bids, and that integrators write only their own subscriptions.',
    '- `test/integration/gateway-authorization-matrix.int-spec.ts` calls every route of the table as every role, aimed at the caller’s own agency, another agency and a supervised one, and checks each answer against the rules above — stated in the test, not taken from the gateway’s code — and that what was let through reached its service acting in the right agency.',
    '- This document is generated from the table; a unit test fails when it is stale.',
    '',
  );
  return lines.join('\n');
}

export function authorizationDocPath(): string {
  return join(findRepoRoot(__dirname), AUTHORIZATION_DOC_PATH);
}

if (require.main === module) {
  const file = authorizationDocPath();
  const content = renderAuthorizationDoc();
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== content) writeFileSync(file, content);
  console.log(`wrote ${AUTHORIZATION_DOC_PATH}`);
}
