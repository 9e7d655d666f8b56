import type { Request } from 'express';
import { Caller } from '@houqin/observability';
import { RoutePolicy } from './route-policy';

/** What an integrator's API key allows beyond its role: the actions (routes) and event types of its scopes. */
export interface ApiKeyGrant {
  id: string;
  actions: string[];
  eventTypes: string[];
}

export interface GatewayRequest extends Request {
  /** The caller as the route acts for them: in the agency the request aims at. */
  caller?: Caller;
  /** Set when the caller is an integrator authenticated by an API key. */
  apiKey?: ApiKeyGrant;
  /** The row of the policy table the request was authorised by. */
  policy?: RoutePolicy;
}
