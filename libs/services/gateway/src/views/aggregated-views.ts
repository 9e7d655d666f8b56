import { Inject, Injectable } from '@nestjs/common';
import { BusinessRuleViolation, NotFoundError, systemClock } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { SERVICE_CONFIG } from '@houqin/service-kit';
import { GatewayEnvironment } from '../gateway.config';
import { ROUTED_SERVICES, RoutedService } from '../routing/service-routes';
import { COMPARED_FIGURES, comparisonTable } from './domain/comparison';
import { Section, SectionOutcome, sectionFrom } from './domain/section';
import { comparedAgencies, comparingIn, mayViewVendor } from './domain/view-access';
import { SectionReader } from './section-reader';
import { ComparisonView, DashboardView, SectionAvailabilityView, Vendor360SectionView, Vendor360View } from './views.dto';

/** The audit trail entries a vendor's 360 view shows, newest first. */
export const VENDOR_360_AUDIT_ENTRIES = 50;
/** The contracts and the work orders a vendor's 360 view shows, latest first. */
export const VENDOR_360_CONTRACTS = 50;
export const VENDOR_360_WORK_ORDERS = 50;
/** The vendor's current published scorecards (every service type and period) its 360 view shows, latest period first. */
export const VENDOR_360_SCORECARDS = 24;

type DashboardSections = Record<RoutedService, Section<Record<string, unknown>>>;

/** The parts of a vendor's 360 view no service offers yet, and which service will. */
const NOT_OFFERED_YET = {
  sanctions: "evaluation does not impose sanctions yet; a current suspension shows in the registry section",
} as const;

/**
 * Views composed from the services' own answers, each service asked in parallel. A service that
 * is down, slow or failing costs only its own section, marked unavailable with the reason.
 */
@Injectable()
export class AggregatedViews {
  private readonly clock = systemClock;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: GatewayEnvironment,
    private readonly reader: SectionReader,
  ) {}

  async dashboard(caller: Caller): Promise<DashboardView> {
    const asOf = this.clock.now().toISOString();
    return { agencyId: caller.agencyId, asOf, sections: await this.dashboardSections(caller) };
  }

  async vendor360(caller: Caller, vendorId: string): Promise<Vendor360View> {
    if (!mayViewVendor(caller, vendorId)) throw new NotFoundError('vendor', vendorId);
    const asOf = this.clock.now().toISOString();
    const vendor = encodeURIComponent(vendorId);
    const [registry, auditTrail, contracts, workOrders, scorecards] = await Promise.all([
      this.reader.read('procurement', `/vendors/${vendor}`, caller),
      this.reader.read('evaluation', `/audit-trail?subject=${vendor}&limit=${VENDOR_360_AUDIT_ENTRIES}`, caller),
      this.reader.read('procurement', `/contracts?vendorId=${vendor}&limit=${VENDOR_360_CONTRACTS}`, caller),
      this.reader.read('maintenance', `/work-orders?vendorId=${vendor}&limit=${VENDOR_360_WORK_ORDERS}`, caller),
      this.reader.read('evaluation', `/scorecards?party=${vendor}&current=true&limit=${VENDOR_360_SCORECARDS}`, caller),
    ]);
    // The registry decides whether the vendor exists in the caller's agency.
    if (registry.kind === 'answered' && registry.status === 404) throw new NotFoundError('vendor', vendorId);
    return {
      vendorId,
      agencyId: caller.agencyId,
      asOf,
      sections: {
        registry: sectionFrom('procurement', registry),
        auditTrail: sectionFrom('evaluation', listAs('entries', auditTrail)),
        contracts: sectionFrom('procurement', listAs('contracts', contracts)),
        workOrders: sectionFrom('maintenance', listAs('workOrders', workOrders)),
        scores: sectionFrom('evaluation', listAs('scorecards', scorecards)),
        sanctions: notOffered(NOT_OFFERED_YET.sanctions),
      },
    };
  }

  async comparison(caller: Caller, requested: readonly string[] | undefined): Promise<ComparisonView> {
    const scope = comparedAgencies(caller, requested, this.config.VIEW_COMPARISON_MAX_AGENCIES);
    switch (scope.kind) {
      case 'not-supervised':
        throw new NotFoundError('agency', scope.agencyId);
      case 'none-named':
        throw new BusinessRuleViolation('agencies-required', 'name the agencies to compare in agencyIds (comma-separated)', 'agencyIds');
      case 'too-many':
        throw new BusinessRuleViolation('too-many-agencies', `a comparison covers at most ${scope.max} agencies; name at most ${scope.max} in agencyIds`, 'agencyIds');
      case 'agencies':
        break;
    }
    const asOf = this.clock.now().toISOString();
    // Each agency's sections are asked as that agency: the services scope every figure by the token's agency.
    const agencies = await Promise.all(scope.agencyIds.map(async (agencyId) => ({ agencyId, sections: await this.dashboardSections(comparingIn(caller, agencyId)) })));
    return {
      asOf,
      agencies: agencies.map(({ agencyId, sections }) => ({ agencyId, sections: availabilityOf(sections) })),
      figures: comparisonTable(COMPARED_FIGURES, agencies),
    };
  }

  private async dashboardSections(caller: Caller): Promise<DashboardSections> {
    const sections = await Promise.all(ROUTED_SERVICES.map(async (service) => [service, sectionFrom(service, await this.reader.read(service, '/dashboard', caller))] as const));
    return Object.fromEntries(sections) as DashboardSections;
  }
}

/** The services answer lists; a section carries its list under a name (`entries`, `contracts`, `workOrders`, `scorecards`). */
function listAs(name: string, outcome: SectionOutcome): SectionOutcome {
  if (outcome.kind === 'answered' && Array.isArray(outcome.body)) return { ...outcome, body: { [name]: outcome.body } };
  return outcome;
}

function notOffered(detail: string): Vendor360SectionView {
  return { status: 'not-offered', detail };
}

function availabilityOf(sections: DashboardSections): Record<RoutedService, SectionAvailabilityView> {
  return Object.fromEntries(
    ROUTED_SERVICES.map((service) => {
      const section = sections[service];
      return [service, section.status === 'available' ? { status: 'available' } : { status: 'unavailable', reason: section.reason, detail: section.detail }];
    }),
  ) as Record<RoutedService, SectionAvailabilityView>;
}
