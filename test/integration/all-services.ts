import { cateringService } from '@houqin/catering';
import { evaluationService } from '@houqin/evaluation';
import { maintenanceService } from '@houqin/maintenance';
import { procurementService } from '@houqin/procurement';
import { ServiceDefinition } from '@houqin/service-kit';
import { transportService } from '@houqin/transport';

/** The five business services, as the integration tests start them. */
export const catalogOfServices: ServiceDefinition[] = [procurementService, maintenanceService, cateringService, transportService, evaluationService];
