import 'reflect-metadata';
import { procurementService } from '@houqin/procurement';
import { runServiceProcess } from '@houqin/service-kit';

void runServiceProcess(procurementService);
