import { Module } from '@nestjs/common';
import { ServiceDueSweep } from './service-due-sweep';
import { ServiceScheduleController } from './service-schedule.controller';
import { ServiceSchedulesService } from './service-schedules.service';

/** Service schedules (保养计划), odometer readings and the sweep that announces services due by date. */
@Module({ controllers: [ServiceScheduleController], providers: [ServiceSchedulesService, ServiceDueSweep] })
export class ServiceScheduleModule {}
