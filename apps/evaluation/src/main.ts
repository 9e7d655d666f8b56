import 'reflect-metadata';
import { evaluationService } from '@houqin/evaluation';
import { runServiceProcess } from '@houqin/service-kit';

void runServiceProcess(evaluationService);
