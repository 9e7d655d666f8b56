import 'reflect-metadata';
import { gatewayService } from '@houqin/gateway';
import { runServiceProcess } from '@houqin/service-kit';

void runServiceProcess(gatewayService);
