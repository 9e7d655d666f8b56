import { Caller } from '@houqin/observability';

/** The nil id: a vendor account that names no vendor acts for it, and it matches no row. */
export const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

/**
 * The vendor a vendor account acts for (lower case), scoping what it reads and does to that
 * vendor's rows; undefined for the agency's own people. A vendor account without a well-formed
 * vendor id acts for NO_VENDOR, so it sees nothing rather than everything.
 */
export function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(caller.vendorId) ? caller.vendorId.toLowerCase() : NO_VENDOR;
}
