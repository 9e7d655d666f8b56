/**
 * Who may see which aggregated view, and of what. Until the gateway's central policy guard checks
 * every route against the policy table, the views apply their rows of it themselves.
 */

export interface ViewCaller {
  agencyId: string;
  roles: readonly string[];
  supervisedAgencyIds?: readonly string[];
  vendorId?: string;
}

/** Whether the caller holds one of the roles a view's policy allows. */
export function holdsAnyRole(caller: ViewCaller, allowed: readonly string[]): boolean {
  return caller.roles.some((role) => allowed.includes(role));
}

/** Vendor staff act for one vendor; everything about another vendor is as if it did not exist. */
export function mayViewVendor(caller: ViewCaller, vendorId: string): boolean {
  const actsForVendor = caller.roles.includes('vendor') || caller.vendorId !== undefined;
  if (!actsForVendor) return true;
  return caller.vendorId !== undefined && caller.vendorId.toLowerCase() === vendorId.toLowerCase();
}

export type ComparedAgencies =
  | { kind: 'agencies'; agencyIds: string[] }
  /** An agency named that the caller does not supervise: answered as not found. */
  | { kind: 'not-supervised'; agencyId: string }
  | { kind: 'none-named' }
  | { kind: 'too-many'; count: number; max: number };

/**
 * The agencies a comparison covers: the caller's supervised agencies, or those of them named in
 * the request. A platform admin may name any agency, and supervises none by default.
 */
export function comparedAgencies(caller: ViewCaller, requested: readonly string[] | undefined, max: number): ComparedAgencies {
  const supervised = unique(caller.supervisedAgencyIds ?? []);
  const mayNameAny = caller.roles.includes('platform-admin');
  let agencyIds: string[];
  if (requested && requested.length > 0) {
    agencyIds = unique(requested);
    const stranger = mayNameAny ? undefined : agencyIds.find((agencyId) => !supervised.includes(agencyId));
    if (stranger !== undefined) return { kind: 'not-supervised', agencyId: stranger };
  } else {
    agencyIds = supervised;
    if (agencyIds.length === 0 && mayNameAny) return { kind: 'none-named' };
  }
  if (agencyIds.length > max) return { kind: 'too-many', count: agencyIds.length, max };
  return { kind: 'agencies', agencyIds };
}

/**
 * The caller a service sees when a comparison asks it about one agency: the same person, in that
 * agency, as supervisor (or platform admin) only — none of their roles in their own agency.
 */
export function comparingIn<C extends ViewCaller & { userId: string }>(caller: C, agencyId: string): { userId: string; agencyId: string; roles: string[]; supervisedAgencyIds: string[] } {
  return {
    userId: caller.userId,
    agencyId,
    roles: caller.roles.filter((role) => role === 'supervisor' || role === 'platform-admin'),
    supervisedAgencyIds: [...(caller.supervisedAgencyIds ?? [])],
  };
}

export type AgencyIdsParameter = { kind: 'absent' } | { kind: 'named'; agencyIds: string[] } | { kind: 'invalid'; message: string };

const AGENCY_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** `agencyIds=a,b` or `agencyIds=a&agencyIds=b`: the agencies named, or what is wrong with the parameter. */
export function parseAgencyIds(query: unknown): AgencyIdsParameter {
  if (query === undefined) return { kind: 'absent' };
  const values = Array.isArray(query) ? (query as unknown[]) : [query];
  if (!values.every((value): value is string => typeof value === 'string')) return { kind: 'invalid', message: 'agencyIds must be a comma-separated list of agency ids' };
  const agencyIds = values.flatMap((value) => value.split(',')).map((part) => part.trim()).filter(Boolean);
  if (agencyIds.length === 0) return { kind: 'absent' };
  const bad = agencyIds.find((agencyId) => !AGENCY_ID.test(agencyId));
  if (bad !== undefined) return { kind: 'invalid', message: `agencyIds: ${JSON.stringify(bad.slice(0, 100))} is not an agency id (letters, digits, . _ : -, at most 100)` };
  return { kind: 'named', agencyIds };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
