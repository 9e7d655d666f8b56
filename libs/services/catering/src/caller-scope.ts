import { Caller } from '@houqin/observability';

/** The vendor a vendor account acts for (lower case), or undefined for the agency's own people. */
export function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId.toLowerCase() : '00000000-0000-0000-0000-000000000000';
}

/** The agency's operators of its support services: they run canteens, approve and inspect. */
export function manages(caller: Caller): boolean {
  return caller.roles.includes('logistics-manager') || caller.roles.includes('agency-admin');
}
