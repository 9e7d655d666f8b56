import { Module } from '@nestjs/common';
import { SlaClockSweep } from './sla-clock-sweep';
import { SlaClocks } from './sla-clocks';

/** SLA clocks for the work orders: import this module and inject SlaClocks. */
@Module({ providers: [SlaClocks, SlaClockSweep], exports: [SlaClocks] })
export class SlaModule {}
