import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, UuidParam } from '@houqin/service-kit';
import { VehicleView } from '../vehicles/vehicle.dto';
import { OdometerReadingDto, ServiceScheduleDto } from './service-schedule.dto';
import { ServiceSchedulesService } from './service-schedules.service';

@ApiTags('vehicles')
@Controller('vehicles')
export class ServiceScheduleController {
  constructor(private readonly schedules: ServiceSchedulesService) {}

  @Put(':id/service-schedule')
  @ApiOkResponse({
    type: VehicleView,
    description: 'The service schedule (保养计划) is set; a vehicle already due is announced (vehicle.service-due) by the next sweep. The same due point keeps its announcement.',
  })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle is retired' })
  async setSchedule(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ServiceScheduleDto): Promise<VehicleView> {
    return VehicleView.of(await this.schedules.setSchedule(caller, id, body));
  }

  @Post(':id/odometer-readings')
  @HttpCode(200)
  @ApiOkResponse({
    type: VehicleView,
    description: 'The reading is recorded and is the vehicle’s odometer; one that reaches the due kilometres of an available vehicle publishes vehicle.service-due, once per due occurrence.',
  })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle is retired' })
  @ApiUnprocessableEntityResponse({ description: 'The reading is below the current odometer (odometer-rollback), or its readAt is before the last reading or in the future' })
  async recordReading(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: OdometerReadingDto): Promise<VehicleView> {
    return VehicleView.of(await this.schedules.recordReading(caller, id, body));
  }
}
