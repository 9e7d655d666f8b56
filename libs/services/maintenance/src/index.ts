export * from './maintenance.service';
export * from './maintenance.config';
export { SlaModule } from './sla/sla.module';
export { SlaClocks } from './sla/sla-clocks';
export type { SlaClockState, SlaClocksStart } from './sla/sla-clocks';
export { SlaClockSweep } from './sla/sla-clock-sweep';
export type { SlaSweepResult } from './sla/sla-clock-sweep';
export { targetsFor } from './sla/domain/sla-clock';
export type { SlaClockKind, SlaClockStatus, SlaTargets, SlaTerms } from './sla/domain/sla-clock';
