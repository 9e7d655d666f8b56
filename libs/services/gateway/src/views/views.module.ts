import { Module, Provider, Type } from '@nestjs/common';
import { AggregatedViews } from './aggregated-views';
import { DashboardController } from './dashboard.controller';
import { SectionReader } from './section-reader';
import { SupervisionController } from './supervision.controller';
import { Vendor360Controller } from './vendor-360.controller';

/**
 * The aggregated views' controllers and providers. They are listed in the GatewayModule itself
 * (not in this module) because they need the gateway's UpstreamClient — one circuit breaker per
 * service, shared with the proxy — and because their routes must come after the proxy's, which
 * hands on every /api/v1/<name> that is not a service.
 */
export const VIEWS_CONTROLLERS: Array<Type<unknown>> = [DashboardController, Vendor360Controller, SupervisionController];
export const VIEWS_PROVIDERS: Provider[] = [SectionReader, AggregatedViews];

/** Aggregated views composed from the services: dashboard, vendor 360, supervision comparison. */
@Module({})
export class ViewsModule {}
