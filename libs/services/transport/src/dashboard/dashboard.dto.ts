import { ApiProperty } from '@nestjs/swagger';

export class VehicleCountsByStatus {
  @ApiProperty({ description: 'Ready for trips' }) available!: number;
  @ApiProperty({ description: 'In the workshop (status in-service)' }) inService!: number;
  @ApiProperty({ description: 'Out of the fleet for good' }) retired!: number;
}

export class FleetFigures {
  @ApiProperty({ description: 'Vehicles ever registered, retired ones included' }) total!: number;
  @ApiProperty({ description: 'Vehicles not retired' }) fleet!: number;
  @ApiProperty({ type: VehicleCountsByStatus }) byStatus!: VehicleCountsByStatus;
  @ApiProperty({ description: 'Seats of the available vehicles' }) availableSeats!: number;
}

export class VehicleInWorkshop {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '京A12345' }) plateNumber!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Sent for service at' }) since!: string;
}

export class VehicleUtilisation {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '京A12345' }) plateNumber!: string;
  @ApiProperty({ description: 'Minutes on completed trips (start to return) in the last 30 days' }) minutesOnTrips!: number;
  @ApiProperty({ description: 'Completed trips in the last 30 days' }) trips!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'minutesOnTrips ÷ the working hours of the 30 days (8 h each weekday) × 100, one decimal' }) percent!: number | null;
}

/** The agency's fleet at a glance. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ type: FleetFigures }) vehicles!: FleetFigures;
  @ApiProperty({ type: [VehicleInWorkshop], description: 'Vehicles in the workshop, longest there first (at most 5)' }) inWorkshop!: VehicleInWorkshop[];
  @ApiProperty({ type: [VehicleUtilisation], description: 'Utilisation per vehicle of the fleet over the last 30 days, busiest first' }) utilisation!: VehicleUtilisation[];
}
