import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { DriverView, RegisterDriverDto, UpdateDriverDto } from './driver.dto';
import { DriversService } from './drivers.service';

@ApiTags('drivers')
@Controller('drivers')
export class DriversController {
  constructor(private readonly drivers: DriversService) {}

  @Post()
  @ApiCreatedResponse({ type: DriverView, description: 'The driver joins the pool, available.' })
  @ApiConflictResponse({ description: 'A driver with this licence number is already registered in the agency' })
  @ApiUnprocessableEntityResponse({ description: 'A health check that expires before it was taken, or only one of its dates' })
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterDriverDto): Promise<DriverView> {
    const driver = await this.drivers.register(caller, body);
    return DriverView.of(driver, this.drivers.blockersToday(driver));
  }

  @Get()
  @ApiOkResponse({ type: [DriverView] })
  async list(@CurrentCaller() caller: Caller, @Query('limit', new IntegerParam({ min: 1, max: 500, default: 100 })) limit: number): Promise<DriverView[]> {
    return (await this.drivers.list(caller, limit)).map((driver) => DriverView.of(driver, this.drivers.blockersToday(driver)));
  }

  @Get(':id')
  @ApiOkResponse({ type: DriverView })
  @ApiNotFoundResponse({ description: "No such driver in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<DriverView> {
    const driver = await this.drivers.get(caller, id);
    return DriverView.of(driver, this.drivers.blockersToday(driver));
  }

  @Patch(':id')
  @ApiOkResponse({ type: DriverView, description: 'Licence or health check renewed, licence class or availability changed' })
  @ApiNotFoundResponse({ description: "No such driver in the caller's agency" })
  @ApiConflictResponse({ description: 'The driver has left' })
  async update(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: UpdateDriverDto): Promise<DriverView> {
    const driver = await this.drivers.update(caller, id, body);
    return DriverView.of(driver, this.drivers.blockersToday(driver));
  }
}
