import 'reflect-metadata';
import { maintenanceService } from '@houqin/maintenance';
import { runServiceProcess } from '@houqin/service-kit';

void runServiceProcess(maintenanceService);
