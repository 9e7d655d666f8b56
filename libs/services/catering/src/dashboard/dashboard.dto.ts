import { ApiProperty } from '@nestjs/swagger';

export class CanteenCountsByStatus {
  @ApiProperty() open!: number;
  @ApiProperty({ description: 'Closed temporarily (renovation, inspection, holiday)' }) closed!: number;
}

export class OpenCanteensByMealPeriod {
  @ApiProperty() breakfast!: number;
  @ApiProperty() lunch!: number;
  @ApiProperty() dinner!: number;
}

export class CanteenFigures {
  @ApiProperty({ description: "Canteens of the agency" }) total!: number;
  @ApiProperty({ type: CanteenCountsByStatus }) byStatus!: CanteenCountsByStatus;
  @ApiProperty({ description: 'Seats of the open canteens' }) openSeats!: number;
  @ApiProperty({ type: OpenCanteensByMealPeriod, description: 'Open canteens serving each meal period' }) servingByMealPeriod!: OpenCanteensByMealPeriod;
}

export class ClosedCanteen {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() closedAt!: string;
}

/** The agency's canteens at a glance. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ type: CanteenFigures }) canteens!: CanteenFigures;
  @ApiProperty({ type: [ClosedCanteen], description: 'Closed canteens, latest closure first (at most 5)' }) closedCanteens!: ClosedCanteen[];
}
