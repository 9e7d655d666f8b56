export * from './transport.service';
export * from './transport.config';
export { ServiceDueSweep } from './service-schedule/service-due-sweep';
export type { ServiceDueSweepResult } from './service-schedule/service-due-sweep';
