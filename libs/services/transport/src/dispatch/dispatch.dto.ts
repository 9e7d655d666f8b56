import { ApiProperty } from '@nestjs/swagger';
import { DriverView } from '../drivers/driver.dto';
import { BlockerView, VehicleView } from '../vehicles/vehicle.dto';
import type { RentalContract } from '../rentals/domain/rental';
import type { DispatchOptions } from './dispatch.service';

export class RentalContractView {
  @ApiProperty() contractId!: string;
  @ApiProperty() vendorId!: string;
  @ApiProperty() vendorName!: string;
  @ApiProperty() title!: string;
  @ApiProperty() validFrom!: string;
  @ApiProperty() validTo!: string;
  @ApiProperty({ description: 'SLA: minimum punctuality, percent' }) minPunctualityRate!: number;
  @ApiProperty({ description: 'SLA: the vendor answers a dispatch within this many minutes' }) maxDispatchResponseMinutes!: number;
  @ApiProperty({ required: false, description: 'Rate per km, fen' }) kmRateFen?: number;
  @ApiProperty({ enum: ['signed', 'expired', 'terminated'] }) status!: string;

  static of(contract: RentalContract): RentalContractView {
    return {
      contractId: contract.contractId,
      vendorId: contract.vendorId,
      vendorName: contract.vendorName,
      title: contract.title,
      validFrom: contract.validFrom.toISOString(),
      validTo: contract.validTo.toISOString(),
      minPunctualityRate: contract.minPunctualityRate,
      maxDispatchResponseMinutes: contract.maxDispatchResponseMinutes,
      ...(contract.kmRateFen !== undefined ? { kmRateFen: contract.kmRateFen } : {}),
      status: contract.status,
    };
  }
}

export class VehicleOptionView {
  @ApiProperty({ type: VehicleView }) vehicle!: VehicleView;
  @ApiProperty({ type: [DriverView], description: 'Drivers free over the window whose licence covers the vehicle, best first' }) drivers!: DriverView[];
}

export class VehicleNotOfferedView {
  @ApiProperty({ type: VehicleView }) vehicle!: VehicleView;
  @ApiProperty({ type: [BlockerView] }) reasons!: BlockerView[];
}

export class DispatchOptionsView {
  @ApiProperty({ type: [VehicleOptionView], description: 'Best first: fewest spare seats, then lowest odometer' }) vehicles!: VehicleOptionView[];
  @ApiProperty({ type: [VehicleNotOfferedView], description: 'The rest of the fleet, with why each is not offered' }) notOffered!: VehicleNotOfferedView[];
  @ApiProperty({ type: [RentalContractView], description: 'Transport contracts in force over the trip whose vendor is in good standing' }) rentals!: RentalContractView[];

  static of(options: DispatchOptions): DispatchOptionsView {
    return {
      vehicles: options.vehicles.map((option) => ({ vehicle: VehicleView.of(option.vehicle, []), drivers: option.drivers.map((driver) => DriverView.of(driver, [])) })),
      notOffered: options.notOffered.map((entry) => ({ vehicle: VehicleView.of(entry.vehicle), reasons: entry.reasons.map((reason) => ({ ...reason })) })),
      rentals: options.rentals.map(RentalContractView.of),
    };
  }
}
