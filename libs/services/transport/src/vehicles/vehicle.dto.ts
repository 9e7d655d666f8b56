import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Blocker } from '../fleet-documents/domain/fleet-document';
import { ServiceScheduleView } from '../service-schedule/service-schedule.dto';
import { PLATE_NUMBER_INPUT } from './domain/plate-number';
import {
  MAX_ODOMETER_KM,
  MAX_SEATS,
  VEHICLE_FUELS,
  VEHICLE_STATUSES,
  VEHICLE_TYPES,
  Vehicle,
  VehicleFuel,
  VehicleStatus,
  VehicleType,
} from './domain/vehicle';

const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class RegisterVehicleDto {
  @ApiProperty({
    description: 'Chinese plate: province, office letter, 5 characters (6 on new-energy plates); stored upper case without separators',
    example: '京A12345',
  })
  @IsString()
  @Matches(PLATE_NUMBER_INPUT, { message: 'plateNumber must be a Chinese plate such as 京A12345 or, new-energy, 京AD12345' })
  plateNumber!: string;

  @ApiProperty({ enum: VEHICLE_TYPES, example: 'sedan' })
  @IsIn(VEHICLE_TYPES)
  vehicleType!: VehicleType;

  @ApiProperty({ minimum: 1, maximum: MAX_SEATS, example: 5 })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS)
  seats!: number;

  @ApiProperty({ description: 'Odometer reading, whole kilometres', minimum: 0, maximum: MAX_ODOMETER_KM, example: 48210 })
  @IsInt()
  @Min(0)
  @Max(MAX_ODOMETER_KM)
  odometerKm!: number;

  @ApiProperty({ enum: VEHICLE_FUELS, description: 'New-energy plates require electric or hybrid', example: 'petrol' })
  @IsIn(VEHICLE_FUELS)
  fuel!: VehicleFuel;

  @ApiPropertyOptional({ description: 'Insurance (交强险) valid through this day (China Standard Time); without it the vehicle is not dispatched', example: '2027-06-30' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'insuranceExpiresOn must be a calendar date YYYY-MM-DD' })
  insuranceExpiresOn?: string;

  @ApiPropertyOptional({ description: 'Annual inspection (年检) valid through this day; without it the vehicle is not dispatched', example: '2027-03-31' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'inspectionExpiresOn must be a calendar date YYYY-MM-DD' })
  inspectionExpiresOn?: string;
}

export class VehicleDocumentsDto {
  @ApiPropertyOptional({ description: 'Renewed insurance valid through this day', example: '2027-06-30' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'insuranceExpiresOn must be a calendar date YYYY-MM-DD' })
  insuranceExpiresOn?: string;

  @ApiPropertyOptional({ description: 'Renewed annual inspection valid through this day', example: '2027-03-31' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'inspectionExpiresOn must be a calendar date YYYY-MM-DD' })
  inspectionExpiresOn?: string;
}

export class BlockerView {
  @ApiProperty({ example: 'insurance-expired' }) code!: string;
  @ApiProperty({ example: 'insurance valid until 2026-11-30, before 2026-12-07' }) reason!: string;
}

export class SendForServiceDto {
  @ApiProperty({ example: '40,000 km scheduled service' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ReturnFromServiceDto {
  @ApiPropertyOptional({ description: 'Odometer read on return, whole kilometres; never lower than the last reading', example: 48236 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ODOMETER_KM)
  odometerKm?: number;
}

export class RetireVehicleDto {
  @ApiProperty({ example: 'Reached the 15-year service limit; to be scrapped' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class ServiceVisitView {
  @ApiProperty() reason!: string;
  @ApiProperty() sentBy!: string;
  @ApiProperty() sentAt!: string;
}

export class VehicleRetirementView {
  @ApiProperty() reason!: string;
  @ApiProperty() retiredBy!: string;
  @ApiProperty() retiredAt!: string;
}

export class VehicleView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty({ example: '京A12345' }) plateNumber!: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) vehicleType!: VehicleType;
  @ApiProperty() seats!: number;
  @ApiProperty() odometerKm!: number;
  @ApiProperty({ description: 'When the odometer was last read' }) odometerReadAt!: string;
  @ApiProperty({ enum: VEHICLE_FUELS }) fuel!: VehicleFuel;
  @ApiProperty({ enum: VEHICLE_STATUSES }) status!: VehicleStatus;
  @ApiProperty() registeredBy!: string;
  @ApiProperty() registeredAt!: string;
  @ApiPropertyOptional({ type: ServiceVisitView, description: 'Present while in service' }) serviceVisit?: ServiceVisitView;
  @ApiPropertyOptional({ description: 'When the last service visit ended' }) returnedFromServiceAt?: string;
  @ApiPropertyOptional({ type: VehicleRetirementView, description: 'Present once retired' }) retirement?: VehicleRetirementView;
  @ApiPropertyOptional({ type: ServiceScheduleView, description: 'The service schedule (保养计划), once a fleet operator has set one' }) serviceSchedule?: ServiceScheduleView;
  @ApiPropertyOptional({ description: 'Insurance valid through this day' }) insuranceExpiresOn?: string;
  @ApiPropertyOptional({ description: 'Annual inspection (年检) valid through this day' }) inspectionExpiresOn?: string;
  @ApiPropertyOptional({ description: 'Whether the vehicle can be dispatched today (present on reads)' }) dispatchable?: boolean;
  @ApiPropertyOptional({ type: [BlockerView], description: 'Why it cannot be dispatched today: in the workshop, service due, a document missing or expired' }) blockers?: BlockerView[];

  static of(vehicle: Vehicle, blockers?: readonly Blocker[]): VehicleView {
    return {
      id: vehicle.id,
      agencyId: vehicle.agencyId,
      plateNumber: vehicle.plateNumber,
      vehicleType: vehicle.vehicleType,
      seats: vehicle.seats,
      odometerKm: vehicle.odometerKm,
      odometerReadAt: vehicle.odometerReadAt.toISOString(),
      fuel: vehicle.fuel,
      status: vehicle.status,
      registeredBy: vehicle.registeredBy,
      registeredAt: vehicle.registeredAt.toISOString(),
      ...(vehicle.serviceVisit
        ? { serviceVisit: { reason: vehicle.serviceVisit.reason, sentBy: vehicle.serviceVisit.sentBy, sentAt: vehicle.serviceVisit.sentAt.toISOString() } }
        : {}),
      ...(vehicle.returnedFromServiceAt ? { returnedFromServiceAt: vehicle.returnedFromServiceAt.toISOString() } : {}),
      ...(vehicle.retirement
        ? { retirement: { reason: vehicle.retirement.reason, retiredBy: vehicle.retirement.retiredBy, retiredAt: vehicle.retirement.retiredAt.toISOString() } }
        : {}),
      ...(vehicle.serviceSchedule ? { serviceSchedule: ServiceScheduleView.of(vehicle.serviceSchedule, vehicle.serviceIntervalStart) } : {}),
      ...(vehicle.insuranceExpiresOn ? { insuranceExpiresOn: vehicle.insuranceExpiresOn } : {}),
      ...(vehicle.inspectionExpiresOn ? { inspectionExpiresOn: vehicle.inspectionExpiresOn } : {}),
      ...(blockers ? { dispatchable: blockers.length === 0, blockers: blockers.map((blocker) => ({ code: blocker.code, reason: blocker.reason })) } : {}),
    };
  }
}
