export * from './catering.service';
export { SubsidySweep } from './accounts/subsidy-sweep';
export { NoShowSweep } from './reservations/no-show-sweep';
export { cateringEnvironment } from './catering.config';
