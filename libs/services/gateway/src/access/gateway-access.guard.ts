import { CanActivate, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { requestContext } from '@houqin/observability';
import { problemType } from '@houqin/service-kit';
import { authorize } from './authorization';
import { CallerAuthenticator } from './caller-authenticator';
import { GatewayRequest } from './gateway-request';
import { platformPolicyTable } from './platform-policies';
import { PolicyTable } from './policy-table';

/** Names another agency to act in: a supervisor reading an agency they oversee. */
export const AGENCY_HEADER = 'x-agency-id';
const AGENCY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The gateway's one access decision for every /api/v1 route it answers or forwards: the route's
 * row of the policy table (none: 404, deny by default), then who is calling (401), then whether
 * their roles allow the action (403) in the agency the request aims at (404 when they may not
 * see it — never 403, which would tell that it exists). Refusals name the action they refused.
 */
@Injectable()
export class GatewayAccessGuard implements CanActivate {
  private readonly table: PolicyTable = platformPolicyTable();

  constructor(private readonly authenticator: CallerAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const policy = this.table.match(method, request.path);
    if (!policy) {
      const methods = this.table.methodsFor(request.path);
      if (methods.length > 0) {
        http.getResponse<Response>().setHeader('Allow', methods.join(', '));
        throw refusal(405, 'method-not-allowed', 'Method Not Allowed', `${request.method} is not a method of ${request.path}; allowed: ${methods.join(', ')}`);
      }
      throw refusal(404, 'not-found', 'Not Found', `no route ${request.method} ${request.path}`);
    }
    request.policy = policy;
    if (policy.scope === 'public') return true;
    const authentication = await this.authenticator.authenticate(request);
    const target = targetAgency(request);
    const decision = authorize(policy, authentication.caller, target, authentication.grant);
    switch (decision.outcome) {
      case 'forbidden':
        throw refusal(403, 'forbidden', 'Forbidden', decision.detail, { action: policy.action });
      case 'hidden':
        throw refusal(404, 'not-found', 'Not Found', decision.detail, { action: policy.action });
      case 'allowed':
        request.caller = decision.actingAs;
        if (authentication.grant) request.apiKey = authentication.grant;
        requestContext.setCaller(decision.actingAs);
        return true;
    }
  }
}

function targetAgency(request: GatewayRequest): string | undefined {
  const header = request.headers[AGENCY_HEADER];
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !AGENCY_ID.test(value.trim())) {
    throw refusal(400, 'invalid-header', 'Bad Request', `${AGENCY_HEADER} must be an agency id`, { header: 'X-Agency-Id' });
  }
  return value.trim();
}

function refusal(status: number, code: string, title: string, detail: string, extensions: Record<string, unknown> = {}): HttpException {
  return new HttpException({ type: problemType(code), title, status, detail, ...extensions }, status, {});
}
