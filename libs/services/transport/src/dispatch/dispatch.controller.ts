import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BusinessRuleViolation } from '@houqin/domain';
import { Caller } from '@houqin/observability';
import { CurrentCaller, UuidParam } from '@houqin/service-kit';
import { DispatchTripDto, TripView } from '../trips/trip.dto';
import { DispatchOptionsView } from './dispatch.dto';
import { DispatchService } from './dispatch.service';

@ApiTags('trips')
@Controller('trips')
export class DispatchController {
  constructor(private readonly dispatch: DispatchService) {}

  @Get(':id/dispatch-options')
  @ApiOkResponse({ type: DispatchOptionsView, description: 'The vehicles (with free drivers) that can take the trip, best first; why the others cannot; rental contracts when nothing internal fits' })
  @ApiNotFoundResponse({ description: "No such trip in the caller's agency" })
  async options(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string): Promise<DispatchOptionsView> {
    return DispatchOptionsView.of(await this.dispatch.options(caller, id));
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @ApiOkResponse({ type: TripView, description: 'The trip is dispatched to the vehicle and driver (both booked over its window), or to the rental vendor of the contract' })
  @ApiNotFoundResponse({ description: "No such trip in the caller's agency" })
  @ApiConflictResponse({ description: 'The vehicle or driver is already booked over the window (naming the trip that holds it), or the trip is not approved' })
  @ApiUnprocessableEntityResponse({ description: 'The vehicle or driver cannot take the trip (in the workshop, service due, a document expired, seats, type, licence class), or the contract is not in force or its vendor barred' })
  async dispatchTrip(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() body: DispatchTripDto): Promise<TripView> {
    if (body.contractId !== undefined) {
      if (body.vehicleId !== undefined || body.driverId !== undefined) throw new BusinessRuleViolation('fleet-or-rental', 'dispatch to a vehicle and driver, or to a contract, not both', 'contractId');
      return TripView.of(await this.dispatch.dispatchRental(caller, id, { contractId: body.contractId }));
    }
    if (body.vehicleId === undefined) throw new BusinessRuleViolation('vehicle-required', 'name the vehicle (or a contractId for a rental)', 'vehicleId');
    if (body.driverId === undefined) throw new BusinessRuleViolation('driver-required', 'name the driver', 'driverId');
    return TripView.of(await this.dispatch.dispatchFleet(caller, id, { vehicleId: body.vehicleId, driverId: body.driverId }));
  }
}
