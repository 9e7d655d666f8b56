import { Caller } from '@houqin/observability';

/** The agency's operators of its support services: they dispatch, and may act on any trip. */
export function manages(caller: Caller): boolean {
  return caller.roles.includes('logistics-manager') || caller.roles.includes('agency-admin');
}

/** Those who approve trip requests (never their own). */
export function approves(caller: Caller): boolean {
  return manages(caller) || caller.roles.includes('approver');
}
