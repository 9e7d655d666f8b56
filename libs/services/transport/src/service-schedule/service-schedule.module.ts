import { Module } from '@nestjs/common';
import { ServiceDoneHandlers } from './service-done.handlers';
import { ServiceDueSweep } from './service-due-sweep';
import { ServiceScheduleController } from './service-schedule.controller';
import { ServiceSchedulesService } from './service-schedules.service';

/** Service schedules (保养计划), odometer readings, the sweep that announces services due by date, and the services maintenance verified. */
@Module({ controllers: [ServiceScheduleController, ServiceDoneHandlers], providers: [ServiceSchedulesService, ServiceDueSweep] })
export class ServiceScheduleModule {}
