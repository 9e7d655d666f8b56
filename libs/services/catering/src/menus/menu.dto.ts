import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MEAL_PERIODS, MealPeriod } from '../canteens/domain/canteen';
import { ALLERGENS, Allergen, Dish, MAX_DISH_PRICE_FEN } from './domain/dish';
import { MENU_KINDS, MENU_STATUSES, Menu, MenuKind, MenuStatus } from './domain/menu';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class NutritionDto {
  @ApiProperty({ example: 620 }) @IsNumber() @Min(0) @Max(10_000) energyKcal!: number;
  @ApiProperty({ example: 28 }) @IsNumber() @Min(0) @Max(1_000) proteinG!: number;
  @ApiProperty({ example: 22 }) @IsNumber() @Min(0) @Max(1_000) fatG!: number;
  @ApiProperty({ example: 75 }) @IsNumber() @Min(0) @Max(1_000) carbohydrateG!: number;
  @ApiProperty({ example: 1_100 }) @IsNumber() @Min(0) @Max(100_000) sodiumMg!: number;
}

export class IngredientDto {
  @ApiProperty({ example: '猪五花肉' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ description: "The supplier's vendor id, when procurement registered it", format: 'uuid' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiProperty({ example: '京郊肉联厂' }) @IsString() @Length(1, 200) supplierName!: string;
  @ApiProperty({ description: "The supplier's batch (批次号)", example: 'PK-20261206-03' }) @IsString() @Length(1, 100) batch!: string;
  @ApiPropertyOptional({ example: '2026-12-06' }) @IsOptional() @Matches(DATE, { message: 'receivedOn must be a date written YYYY-MM-DD' }) receivedOn?: string;
}

export class DeclareDishDto {
  @ApiProperty({ example: '红烧肉' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ description: 'Price per serving in whole fen', minimum: 0, maximum: MAX_DISH_PRICE_FEN, example: 1_200 })
  @IsInt()
  @Min(0)
  @Max(MAX_DISH_PRICE_FEN)
  priceFen!: number;

  @ApiProperty({ enum: ALLERGENS, isArray: true, description: 'Which of the 14 allergen groups it contains (empty: none)', example: ['soybeans', 'gluten'] })
  @IsArray()
  @ArrayMaxSize(ALLERGENS.length)
  @ArrayUnique()
  @IsIn(ALLERGENS, { each: true })
  allergens!: Allergen[];

  @ApiProperty({ type: NutritionDto }) @IsDefined() @ValidateNested() @Type(() => NutritionDto) nutrition!: NutritionDto;

  @ApiProperty({ type: [IngredientDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IngredientDto)
  ingredients!: IngredientDto[];
}

export class DishView {
  @ApiProperty() id!: string;
  @ApiProperty() canteenId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() priceFen!: number;
  @ApiProperty({ enum: ALLERGENS, isArray: true }) allergens!: Allergen[];
  @ApiProperty({ type: NutritionDto }) nutrition!: NutritionDto;
  @ApiProperty({ type: [IngredientDto] }) ingredients!: IngredientDto[];
  @ApiProperty() createdAt!: string;

  static of(dish: Dish): DishView {
    return {
      id: dish.id,
      canteenId: dish.canteenId,
      name: dish.name,
      priceFen: dish.priceFen,
      allergens: dish.allergens,
      nutrition: dish.nutrition,
      ingredients: dish.ingredients,
      createdAt: dish.createdAt.toISOString(),
    };
  }
}

export class MenuDayDto {
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE, { message: 'date must be a date written YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: MEAL_PERIODS }) @IsIn(MEAL_PERIODS) period!: MealPeriod;
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(40) @IsUUID('all', { each: true }) dishIds!: string[];
}

export class DraftMenuDto {
  @ApiProperty({ enum: MENU_KINDS }) @IsIn(MENU_KINDS) kind!: MenuKind;
  @ApiProperty({ description: 'The day (daily) or the first of seven days (weekly)', example: '2026-12-07' })
  @Matches(DATE, { message: 'startsOn must be a date written YYYY-MM-DD' })
  startsOn!: string;

  @ApiProperty({ type: [MenuDayDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => MenuDayDto)
  days!: MenuDayDto[];
}

export class MenuDecisionDto {
  @ApiPropertyOptional({ description: 'Required to reject' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class RejectMenuDto {
  @ApiProperty() @IsString() @Length(1, 1000) note!: string;
}

export class MenuView {
  @ApiProperty() id!: string;
  @ApiProperty() canteenId!: string;
  @ApiProperty({ enum: MENU_KINDS }) kind!: MenuKind;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty({ type: [MenuDayDto] }) days!: MenuDayDto[];
  @ApiProperty({ enum: MENU_STATUSES }) status!: MenuStatus;
  @ApiPropertyOptional() vendorId?: string;
  @ApiProperty() draftedBy!: string;
  @ApiProperty() draftedAt!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decisionNote?: string;

  static of(menu: Menu): MenuView {
    return {
      id: menu.id,
      canteenId: menu.canteenId,
      kind: menu.kind,
      startsOn: menu.startsOn,
      endsOn: menu.endsOn,
      days: menu.days,
      status: menu.status,
      ...(menu.vendorId ? { vendorId: menu.vendorId } : {}),
      draftedBy: menu.draftedBy,
      draftedAt: menu.draftedAt.toISOString(),
      ...(menu.decidedBy ? { decidedBy: menu.decidedBy } : {}),
      ...(menu.decidedAt ? { decidedAt: menu.decidedAt.toISOString() } : {}),
      ...(menu.decisionNote ? { decisionNote: menu.decisionNote } : {}),
    };
  }
}
