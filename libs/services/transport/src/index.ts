export * from './transport.service';
export * from './transport.config';
export { ServiceDueSweep } from './service-schedule/service-due-sweep';
export type { ServiceDueSweepResult } from './service-schedule/service-due-sweep';
export { DocumentExpirySweep } from './fleet-documents/document-expiry-sweep';
export type { DocumentExpirySweepResult } from './fleet-documents/document-expiry-sweep';
export { RentalResponseSweep } from './trips/rental-response-sweep';
export type { RentalResponseSweepResult } from './trips/rental-response-sweep';
