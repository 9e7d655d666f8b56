import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CANTEEN_STATUSES, Canteen, CanteenStatus, MAX_CANTEEN_CAPACITY, MEAL_PERIODS, MealPeriod } from './domain/canteen';

export class CanteenLocationDto {
  @ApiProperty({ example: 'Building 2' })
  @IsString()
  @Length(1, 100)
  building!: string;

  @ApiPropertyOptional({ example: '1' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  floor?: string;
}

export class OpenCanteenDto {
  @ApiProperty({ example: '机关一食堂' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: CanteenLocationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CanteenLocationDto)
  location!: CanteenLocationDto;

  @ApiProperty({ description: 'Seats', minimum: 1, maximum: MAX_CANTEEN_CAPACITY, example: 240 })
  @IsInt()
  @Min(1)
  @Max(MAX_CANTEEN_CAPACITY)
  capacity!: number;

  @ApiProperty({ enum: MEAL_PERIODS, isArray: true, description: 'Meal periods served (at least one, each once)', example: ['breakfast', 'lunch'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MEAL_PERIODS.length)
  @ArrayUnique()
  @IsIn(MEAL_PERIODS, { each: true })
  mealPeriods!: MealPeriod[];
}

export class CloseCanteenDto {
  @ApiProperty({ example: 'Kitchen renovation over the New Year holiday' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class CanteenClosureView {
  @ApiProperty() reason!: string;
  @ApiProperty() closedBy!: string;
  @ApiProperty() closedAt!: string;
}

export class CanteenView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: CanteenLocationDto }) location!: CanteenLocationDto;
  @ApiProperty() capacity!: number;
  @ApiProperty({ enum: MEAL_PERIODS, isArray: true }) mealPeriods!: MealPeriod[];
  @ApiProperty({ enum: CANTEEN_STATUSES }) status!: CanteenStatus;
  @ApiProperty() openedBy!: string;
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional({ type: CanteenClosureView, description: 'Present while closed' }) closure?: CanteenClosureView;
  @ApiPropertyOptional({ description: 'When the last closure ended' }) reopenedAt?: string;

  static of(canteen: Canteen): CanteenView {
    return {
      id: canteen.id,
      agencyId: canteen.agencyId,
      name: canteen.name,
      location: canteen.location,
      capacity: canteen.capacity,
      mealPeriods: canteen.mealPeriods,
      status: canteen.status,
      openedBy: canteen.openedBy,
      openedAt: canteen.openedAt.toISOString(),
      ...(canteen.closure
        ? { closure: { reason: canteen.closure.reason, closedBy: canteen.closure.closedBy, closedAt: canteen.closure.closedAt.toISOString() } }
        : {}),
      ...(canteen.reopenedAt ? { reopenedAt: canteen.reopenedAt.toISOString() } : {}),
    };
  }
}
