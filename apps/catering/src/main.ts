import 'reflect-metadata';
import { cateringService } from '@houqin/catering';
import { runServiceProcess } from '@houqin/service-kit';

void runServiceProcess(cateringService);
