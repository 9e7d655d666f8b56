import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MEAL_PERIODS, MealPeriod } from '../canteens/domain/canteen';
import type { Dish, Ingredient } from '../menus/domain/dish';
import { MAX_CUTOFF_MINUTES, MealPeriodSettings } from './domain/meal-period';
import { MAX_GUESTS, RESERVATION_KINDS, RESERVATION_STATUSES, Reservation, ReservationKind, ReservationStatus } from './domain/reservation';
import type { WasteRecord } from './reservations.repository';
import type { MealTrace } from './reservations.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class MealPeriodDto {
  @ApiProperty({ example: '11:30', description: 'China Standard Time' }) @Matches(HH_MM, { message: 'servesFrom must be a time written HH:MM' }) servesFrom!: string;
  @ApiProperty({ example: '13:00' }) @Matches(HH_MM, { message: 'servesUntil must be a time written HH:MM' }) servesUntil!: string;
  @ApiProperty({ description: 'Booking closes this many minutes before serving starts', minimum: 0, maximum: MAX_CUTOFF_MINUTES, example: 120 })
  @IsInt()
  @Min(0)
  @Max(MAX_CUTOFF_MINUTES)
  cutoffMinutes!: number;

  @ApiProperty({ description: 'Meals the period serves', minimum: 1, example: 240 }) @IsInt() @Min(1) @Max(40_000) capacity!: number;
}

export class MealPeriodView extends MealPeriodDto {
  @ApiProperty({ enum: MEAL_PERIODS }) period!: MealPeriod;

  static of(settings: MealPeriodSettings): MealPeriodView {
    return { period: settings.period, servesFrom: settings.servesFrom, servesUntil: settings.servesUntil, cutoffMinutes: settings.cutoffMinutes, capacity: settings.capacity };
  }
}

export class BookMealDto {
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE, { message: 'date must be a date written YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: MEAL_PERIODS }) @IsIn(MEAL_PERIODS) period!: MealPeriod;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Dishes of the published menu for that day and period' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  dishIds!: string[];
}

export class BookReceptionDto extends BookMealDto {
  @ApiProperty({ description: 'The department that hosts (user ids and departments are the gateway’s)' }) @IsString() @Length(1, 128) departmentId!: string;
  @ApiProperty({ minimum: 1, maximum: MAX_GUESTS }) @IsInt() @Min(1) @Max(MAX_GUESTS) guests!: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(10) hosts?: number;
  @ApiProperty({ description: 'The budget line paying for it (公务接待费)', example: '2026-接待-办公厅' }) @IsString() @Length(1, 100) budgetLine!: string;
  @ApiProperty({ description: 'Whom the reception is for and why' }) @IsString() @Length(1, 500) purpose!: string;
}

export class CheckInDto {
  @ApiPropertyOptional({ description: 'The token of the booking’s QR code' }) @IsOptional() @IsString() @Length(8, 64) qrToken?: string;
  @ApiPropertyOptional({ description: 'The staff member’s id (staff card)' }) @IsOptional() @IsString() @Length(1, 128) staffId?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'A walk-in names the dishes taken' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  dishIds?: string[];

  @ApiPropertyOptional({ description: "A walk-in's charge key: a counter retrying the check-in is charged once" }) @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
}

export class RateMealDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) score!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class RecordWasteDto {
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE, { message: 'date must be a date written YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: MEAL_PERIODS }) @IsIn(MEAL_PERIODS) period!: MealPeriod;
  @ApiProperty({ description: 'Weighed food waste, grams', example: 12_500 }) @IsInt() @Min(0) @Max(10_000_000) wasteGrams!: number;
}

export class BookedDishView {
  @ApiProperty() dishId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceFen!: number;
}

export class ReservationView {
  @ApiProperty() id!: string;
  @ApiProperty() canteenId!: string;
  @ApiProperty() serviceDate!: string;
  @ApiProperty({ enum: MEAL_PERIODS }) period!: MealPeriod;
  @ApiProperty({ enum: RESERVATION_KINDS }) kind!: ReservationKind;
  @ApiPropertyOptional() dinerId?: string;
  @ApiPropertyOptional() departmentId?: string;
  @ApiProperty() guests!: number;
  @ApiProperty() covers!: number;
  @ApiPropertyOptional() budgetLine?: string;
  @ApiPropertyOptional() purpose?: string;
  @ApiProperty({ type: [BookedDishView] }) dishes!: BookedDishView[];
  @ApiProperty({ description: 'Fen' }) amountFen!: number;
  @ApiProperty({ enum: RESERVATION_STATUSES }) status!: ReservationStatus;
  @ApiProperty({ description: 'Shown as a QR code at the counter' }) qrToken!: string;
  @ApiProperty() cutoffAt!: string;
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional({ description: 'The meal-account entry paying for it: the hold (预授权冻结) while booked or after cancellation, the charge once served or not collected' }) chargeEntryId?: string;
  @ApiProperty() bookedBy!: string;
  @ApiProperty() bookedAt!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() servedAt?: string;

  static of(r: Reservation): ReservationView {
    return {
      id: r.id,
      canteenId: r.canteenId,
      serviceDate: r.serviceDate,
      period: r.period,
      kind: r.kind,
      ...(r.dinerId ? { dinerId: r.dinerId } : {}),
      ...(r.departmentId ? { departmentId: r.departmentId } : {}),
      guests: r.guests,
      covers: r.covers,
      ...(r.budgetLine ? { budgetLine: r.budgetLine } : {}),
      ...(r.purpose ? { purpose: r.purpose } : {}),
      dishes: r.dishes,
      amountFen: r.amountFen,
      status: r.status,
      qrToken: r.qrToken,
      cutoffAt: r.cutoffAt.toISOString(),
      ...(r.vendorId ? { vendorId: r.vendorId } : {}),
      ...(r.chargeEntryId ? { chargeEntryId: r.chargeEntryId } : {}),
      bookedBy: r.bookedBy,
      bookedAt: r.bookedAt.toISOString(),
      ...(r.decidedBy ? { decidedBy: r.decidedBy } : {}),
      ...(r.servedAt ? { servedAt: r.servedAt.toISOString() } : {}),
    };
  }
}

export class ForecastDishView {
  @ApiProperty() dishId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Portions booked (a reception meal counts every cover)' }) portions!: number;
}

export class ForecastView {
  @ApiProperty() canteenId!: string;
  @ApiProperty() date!: string;
  @ApiProperty({ enum: MEAL_PERIODS }) period!: MealPeriod;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Meals taken by bookings and walk-ins' }) taken!: number;
  @ApiProperty({ type: [ForecastDishView] }) dishes!: ForecastDishView[];
}

export class RatingView {
  @ApiProperty() score!: number;
  @ApiPropertyOptional() comment?: string;
  @ApiProperty() ratedAt!: string;
}

export class WasteView {
  @ApiProperty() id!: string;
  @ApiProperty() serviceDate!: string;
  @ApiProperty({ enum: MEAL_PERIODS }) period!: MealPeriod;
  @ApiProperty() wasteGrams!: number;
  @ApiProperty() mealsServed!: number;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;

  static of(waste: WasteRecord): WasteView {
    return {
      id: waste.id,
      serviceDate: waste.serviceDate,
      period: waste.period,
      wasteGrams: waste.wasteGrams,
      mealsServed: waste.mealsServed,
      recordedBy: waste.recordedBy,
      recordedAt: waste.recordedAt.toISOString(),
    };
  }
}

export class TracedIngredientView {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() supplierId?: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty() batch!: string;
  @ApiPropertyOptional() receivedOn?: string;
}

export class TracedDishView {
  @ApiProperty() dishId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) allergens!: string[];
  @ApiProperty({ type: [TracedIngredientView] }) ingredients!: TracedIngredientView[];
}

export class MealTraceView {
  @ApiProperty({ type: ReservationView }) meal!: ReservationView;
  @ApiProperty({ type: [TracedDishView], description: 'The dishes as served, each ingredient with its supplier and batch (追溯)' }) dishes!: TracedDishView[];

  static of(trace: MealTrace): MealTraceView {
    return {
      meal: ReservationView.of(trace.meal),
      dishes: trace.dishes.map((dish: Pick<Dish, 'id' | 'name' | 'allergens' | 'ingredients'>) => ({
        dishId: dish.id,
        name: dish.name,
        allergens: dish.allergens,
        ingredients: dish.ingredients.map((ingredient: Ingredient) => ({ ...ingredient })),
      })),
    };
  }
}
