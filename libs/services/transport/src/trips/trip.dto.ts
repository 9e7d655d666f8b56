import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PLATE_NUMBER_INPUT } from '../vehicles/domain/plate-number';
import { VEHICLE_TYPES, VehicleType } from '../vehicles/domain/vehicle';
import { APPROVAL_REASONS, ApprovalPolicy, PASSENGER_RANKS, PassengerRank } from './domain/approval-policy';
import { DRIVER_PHONE } from './domain/rental-response';
import { MAX_FEE_FEN, TRIP_STATUSES, Trip, TripStatus } from './domain/trip';

const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export class RequestTripDto {
  @ApiProperty({ example: '赴市财政局汇报预算执行情况' }) @IsString() @Length(1, 500) purpose!: string;
  @ApiProperty({ minimum: 1, maximum: 60, example: 3 }) @IsInt() @Min(1) @Max(60) passengers!: number;
  @ApiProperty({ enum: PASSENGER_RANKS, description: 'The highest rank (职级) among the passengers', example: 'division' }) @IsIn(PASSENGER_RANKS) passengerRank!: PassengerRank;
  @ApiProperty({ example: '机关大院北门' }) @IsString() @Length(1, 200) origin!: string;
  @ApiProperty({ example: '市财政局' }) @IsString() @Length(1, 200) destination!: string;
  @ApiProperty({ description: 'Estimated distance of the whole trip, whole km', minimum: 0, maximum: 5000, example: 18 }) @IsInt() @Min(0) @Max(5000) distanceKm!: number;
  @ApiPropertyOptional({ description: 'Leaves the city (出市)', default: false }) @IsOptional() @IsBoolean() outOfCity?: boolean;
  @ApiProperty({ description: 'Requested departure, with offset', example: '2026-12-08T09:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 instant' })
  @Matches(WITH_OFFSET, { message: 'startsAt must name its offset (Z or ±hh:mm)' })
  startsAt!: string;
  @ApiProperty({ description: 'Requested return; the vehicle and driver are booked over [startsAt, endsAt)', example: '2026-12-08T11:30:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 instant' })
  @Matches(WITH_OFFSET, { message: 'endsAt must name its offset (Z or ±hh:mm)' })
  endsAt!: string;
  @ApiPropertyOptional({ enum: VEHICLE_TYPES, description: 'Only vehicles of this type are offered' }) @IsOptional() @IsIn(VEHICLE_TYPES) vehicleType?: VehicleType;
}

export class DecideTripDto {
  @ApiPropertyOptional({ description: 'Required to reject', example: '改乘公共交通' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class CancelTripDto {
  @ApiProperty({ example: '会议改期' }) @IsString() @Length(1, 1000) reason!: string;
}

export class DispatchTripDto {
  @ApiPropertyOptional({ description: 'A vehicle of the fleet (with driverId)' }) @IsOptional() @IsUUID() vehicleId?: string;
  @ApiPropertyOptional({ description: 'A driver of the agency (with vehicleId)' }) @IsOptional() @IsUUID() driverId?: string;
  @ApiPropertyOptional({ description: 'Or a transport contract: the trip goes to its rental vendor' }) @IsOptional() @IsUUID() contractId?: string;
}

export class StartTripDto {
  @ApiPropertyOptional({ description: 'Fleet trips: the odometer at departure, whole km; never below the vehicle’s last reading', example: 48_210 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(9_999_999)
  odometerKm?: number;
}

export class EndTripDto {
  @ApiPropertyOptional({ description: 'Fleet trips: the odometer at the end, whole km; not below the start, and a distance the vehicle could drive in the time', example: 48_246 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(9_999_999)
  odometerKm?: number;
  @ApiPropertyOptional({ description: 'Rental trips: the distance the vendor reports, whole km' }) @IsOptional() @IsInt() @Min(0) @Max(100_000) distanceKm?: number;
  @ApiPropertyOptional({ description: 'Fuel or charging, fen' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEE_FEN) fuelFen?: number;
  @ApiPropertyOptional({ description: 'Road tolls, fen' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEE_FEN) tollsFen?: number;
  @ApiPropertyOptional({ description: 'Parking, fen' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEE_FEN) parkingFen?: number;
  @ApiPropertyOptional({ description: "Rental trips: the vendor's charge, fen" }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEE_FEN) rentalFen?: number;
}

export class RentalConfirmationDto {
  @ApiProperty({ description: 'The plate of the vehicle the vendor sends', example: '京B66801' })
  @IsString()
  @Matches(PLATE_NUMBER_INPUT, { message: 'plateNumber must be a Chinese plate such as 京A12345 or, new-energy, 京AD12345' })
  plateNumber!: string;
  @ApiProperty({ description: 'The driver the vendor sends', example: '赵师傅' }) @IsString() @Length(1, 100) driverName!: string;
  @ApiProperty({ description: "The driver's mobile number, 11 digits", example: '13901012345' })
  @IsString()
  @Matches(DRIVER_PHONE, { message: "driverPhone must be the driver's mobile number, 11 digits" })
  driverPhone!: string;
}

export class RateTripDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) score!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) comment?: string;
}

export class WorkingHoursDto {
  @ApiProperty({ example: '07:30' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'from must be HH:MM' }) from!: string;
  @ApiProperty({ example: '18:30' }) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'until must be HH:MM' }) until!: string;
}

export class ApprovalPolicyDto {
  @ApiProperty({ description: 'Longer trips need an approver', example: 30 }) @IsInt() @Min(0) @Max(5000) maxDistanceKm!: number;
  @ApiProperty({ description: 'Trips out of the city need an approver' }) @IsBoolean() outOfCity!: boolean;
  @ApiProperty({ type: WorkingHoursDto, description: 'Trips outside these hours (China Standard Time) need an approver' })
  @ValidateNested()
  @Type(() => WorkingHoursDto)
  workingHours!: WorkingHoursDto;
  @ApiProperty({ enum: PASSENGER_RANKS, isArray: true, description: 'Ranks entitled to a vehicle on request; others need an approver' })
  @IsArray()
  @ArrayMaxSize(PASSENGER_RANKS.length)
  @IsIn(PASSENGER_RANKS, { each: true })
  entitledRanks!: PassengerRank[];
}

export class ApprovalPolicyView {
  @ApiProperty() maxDistanceKm!: number;
  @ApiProperty() outOfCity!: boolean;
  @ApiProperty({ type: WorkingHoursDto }) workingHours!: WorkingHoursDto;
  @ApiProperty({ enum: PASSENGER_RANKS, isArray: true }) entitledRanks!: PassengerRank[];

  static of(policy: ApprovalPolicy): ApprovalPolicyView {
    return { maxDistanceKm: policy.maxDistanceKm, outOfCity: policy.outOfCity, workingHours: { ...policy.workingHours }, entitledRanks: [...policy.entitledRanks] };
  }
}

export class TripAssignmentView {
  @ApiProperty({ enum: ['fleet', 'rental'] }) kind!: 'fleet' | 'rental';
  @ApiPropertyOptional() vehicleId?: string;
  @ApiPropertyOptional() plateNumber?: string;
  @ApiPropertyOptional() driverId?: string;
  @ApiPropertyOptional() driverName?: string;
  @ApiPropertyOptional() contractId?: string;
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional() vendorName?: string;
  @ApiProperty() dispatchedBy!: string;
  @ApiProperty() dispatchedAt!: string;
}

export class RentalConfirmationView {
  @ApiProperty() plateNumber!: string;
  @ApiProperty() driverName!: string;
  @ApiProperty() driverPhone!: string;
  @ApiProperty({ description: "The vendor's user who confirmed" }) confirmedBy!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ description: 'Whole minutes from the dispatch to the confirmation, rounded up' }) responseMinutes!: number;
  @ApiProperty({ description: 'Confirmed at or before the deadline' }) withinSla!: boolean;
}

export class RentalResponseView {
  @ApiProperty({ description: "The contract's dispatch response time (maxDispatchResponseMinutes)" }) targetMinutes!: number;
  @ApiProperty({ description: 'The dispatch plus targetMinutes: the vendor confirms by then' }) dueAt!: string;
  @ApiPropertyOptional({ type: RentalConfirmationView }) confirmation?: RentalConfirmationView;
  @ApiPropertyOptional({ description: 'When the breach of the response time was announced (trip.rental-response-breached)' }) breachedAt?: string;
}

export class TripView {
  @ApiProperty() id!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() passengers!: number;
  @ApiProperty({ enum: PASSENGER_RANKS }) passengerRank!: string;
  @ApiProperty() origin!: string;
  @ApiProperty() destination!: string;
  @ApiProperty() distanceKm!: number;
  @ApiProperty() outOfCity!: boolean;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiPropertyOptional({ enum: VEHICLE_TYPES }) vehicleType?: string;
  @ApiProperty({ enum: TRIP_STATUSES }) status!: TripStatus;
  @ApiProperty({ enum: APPROVAL_REASONS, isArray: true, description: 'The policy rules that asked for an approver; empty when approved by policy' }) approvalReasons!: string[];
  @ApiPropertyOptional({ description: 'Who approved or refused (policy when no rule asked), when, and the note' }) decision?: { by: string; at: string; note?: string };
  @ApiPropertyOptional({ type: TripAssignmentView }) assignment?: TripAssignmentView;
  @ApiPropertyOptional({ type: RentalResponseView, description: "Rental trips: the vendor's answer to the dispatch against the contract's response time" }) rentalResponse?: RentalResponseView;
  @ApiPropertyOptional({ description: 'Departure: when, the odometer, punctuality' }) start?: { at: string; odometerKm?: number; onTime: boolean; lateMinutes: number; startedBy: string };
  @ApiPropertyOptional({ description: 'Return: odometer, distance, costs in fen and cost per km' }) end?: Record<string, unknown>;
  @ApiPropertyOptional() cancellation?: { by: string; at: string; reason: string };
  @ApiPropertyOptional() rating?: { score: number; comment?: string; at: string };
  @ApiProperty() requestedAt!: string;

  static of(trip: Trip): TripView {
    const { assignment: a, rentalResponse: r, start, end } = trip;
    return {
      id: trip.id,
      requestedBy: trip.requestedBy,
      purpose: trip.purpose,
      passengers: trip.passengers,
      passengerRank: trip.passengerRank,
      origin: trip.origin,
      destination: trip.destination,
      distanceKm: trip.distanceKm,
      outOfCity: trip.outOfCity,
      startsAt: trip.startsAt.toISOString(),
      endsAt: trip.endsAt.toISOString(),
      ...(trip.vehicleType ? { vehicleType: trip.vehicleType } : {}),
      status: trip.status,
      approvalReasons: [...trip.approvalReasons],
      ...(trip.decision ? { decision: { by: trip.decision.by, at: trip.decision.at.toISOString(), ...(trip.decision.note ? { note: trip.decision.note } : {}) } } : {}),
      ...(a ? { assignment: { ...a, dispatchedAt: a.dispatchedAt.toISOString() } } : {}),
      ...(r
        ? {
            rentalResponse: {
              targetMinutes: r.targetMinutes,
              dueAt: r.dueAt.toISOString(),
              ...(r.confirmation ? { confirmation: { ...r.confirmation, at: r.confirmation.at.toISOString() } } : {}),
              ...(r.breachedAt ? { breachedAt: r.breachedAt.toISOString() } : {}),
            },
          }
        : {}),
      ...(start ? { start: { ...start, at: start.at.toISOString() } } : {}),
      ...(end ? { end: { ...end, at: end.at.toISOString() } } : {}),
      ...(trip.cancellation ? { cancellation: { ...trip.cancellation, at: trip.cancellation.at.toISOString() } } : {}),
      ...(trip.rating ? { rating: { ...trip.rating, at: trip.rating.at.toISOString() } } : {}),
      requestedAt: trip.requestedAt.toISOString(),
    };
  }
}
