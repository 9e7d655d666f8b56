import 'reflect-metadata';
import { transportService } from '@houqin/transport';
import { runServiceProcess } from '@houqin/service-kit';

void runServiceProcess(transportService);
