import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '@houqin/observability';
import { CurrentCaller, IntegerParam, UuidParam } from '@houqin/service-kit';
import { RegisterVehicleDto, RetireVehicleDto, ReturnFromServiceDto, SendForServiceDto, VehicleDocumentsDto, VehicleView } from './vehicle.dto';
import { VehiclesService } from './vehicles.service';

@ApiTags('vehicles')
@Controller('vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Post()
  @ApiCreatedResponse({ type: VehicleView, description: 'The vehicle joins the fleet as available; vehicle.registered is published.' })
  @ApiConflictResponse({ description: 'A vehicle with this plate is already registered in the agency' })
  @ApiUnprocessableEntityResponse({ description: 'A new-energy plate on a petrol or diesel vehicle' })
  async register(@CurrentCaller() caller: Caller, @Body() body: RegisterVehicleDto): Promise<VehicleView> {
    return VehicleView.of(await this.vehicles.register(caller, body));
  }

  @Get()
  @ApiOkResponse({ type: [VehicleView] })
  async list(
    @CurrentCaller() caller: Caller,
    @Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 })) limit: number,
  ): Promise<VehicleView[]> {
    const vehicles = await this.vehicles.list(caller, limit);
    return vehicles.map((vehicle) => VehicleView.of(vehicle, this.vehicles.blockersToday(vehicle)));
  }

  @Get(':id')
  @ApiOkResponse({ type: VehicleView })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<VehicleView> {
    const vehicle = await this.vehicles.get(caller, id);
    return VehicleView.of(vehicle, this.vehicles.blockersToday(vehicle));
  }

  @Put(':id/documents')
  @ApiOkResponse({ type: VehicleView, description: 'The insurance or annual inspection (年检) is renewed; the vehicle is dispatchable again once both are valid.' })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle is retired' })
  async recordDocuments(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: VehicleDocumentsDto): Promise<VehicleView> {
    const vehicle = await this.vehicles.recordDocuments(caller, id, body);
    return VehicleView.of(vehicle, this.vehicles.blockersToday(vehicle));
  }

  @Post(':id/send-for-service')
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleView, description: 'The vehicle is in the workshop; vehicle.sent-for-service is published.' })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle is already in service, or retired' })
  async sendForService(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: SendForServiceDto): Promise<VehicleView> {
    return VehicleView.of(await this.vehicles.sendForService(caller, id, body));
  }

  @Post(':id/return-from-service')
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleView, description: 'The vehicle is available again; vehicle.returned-from-service is published.' })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle is not in service' })
  async returnFromService(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: ReturnFromServiceDto): Promise<VehicleView> {
    return VehicleView.of(await this.vehicles.returnFromService(caller, id, body));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: VehicleView, description: 'The vehicle leaves the fleet for good; vehicle.retired is published.' })
  @ApiNotFoundResponse({ description: "No such vehicle in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle is already retired' })
  async retire(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: RetireVehicleDto): Promise<VehicleView> {
    return VehicleView.of(await this.vehicles.retire(caller, id, body));
  }
}
