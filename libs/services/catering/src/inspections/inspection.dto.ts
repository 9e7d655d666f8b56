import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CHECK_CATEGORIES, CheckCategory, Inspection, TEMPERATURE_LIMITS } from './domain/inspection';

export class CheckItemDto {
  @ApiProperty({ example: 'cold-room-1' }) @IsString() @Length(1, 64) code!: string;
  @ApiProperty({ enum: CHECK_CATEGORIES }) @IsIn(CHECK_CATEGORIES) category!: CheckCategory;
  @ApiProperty({ example: '冷藏库温度' }) @IsString() @Length(1, 300) description!: string;
  @ApiPropertyOptional({ description: 'hygiene: the verdict' }) @IsOptional() @IsBoolean() passed?: boolean;
  @ApiPropertyOptional({ enum: Object.keys(TEMPERATURE_LIMITS) }) @IsOptional() @IsIn(Object.keys(TEMPERATURE_LIMITS)) storage?: string;
  @ApiPropertyOptional({ description: 'storage-temperature, °C' }) @IsOptional() @IsNumber() @Min(-60) @Max(200) measuredCelsius?: number;
  @ApiPropertyOptional({ description: 'health-certificate' }) @IsOptional() @IsString() @Length(1, 100) holderName?: string;
  @ApiPropertyOptional({ description: 'health-certificate, YYYY-MM-DD' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'certificateExpiresOn must be a date written YYYY-MM-DD' })
  certificateExpiresOn?: string;
  @ApiPropertyOptional({ description: 'sample-retention (留样), hours kept' }) @IsOptional() @IsNumber() @Min(0) @Max(10_000) retainedHours?: number;
  @ApiPropertyOptional({ description: 'sample-retention, grams per sample' }) @IsOptional() @IsNumber() @Min(0) @Max(100_000) sampleGrams?: number;
  @ApiPropertyOptional({ description: 'What was seen (required when a hygiene item fails)' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class PhotoDto {
  @ApiProperty() @IsString() @Length(1, 200) fileName!: string;
  @ApiProperty({ example: 'image/jpeg' }) @IsIn(['image/jpeg', 'image/png', 'image/heic', 'image/webp']) contentType!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(50_000_000) sizeBytes!: number;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hex digits' }) sha256!: string;
  @ApiProperty() @IsISO8601({ strict: true }) takenAt!: string;
  @ApiPropertyOptional({ description: 'The checklist item it shows' }) @IsOptional() @IsString() @Length(1, 64) itemCode?: string;
}

export class RecordInspectionDto {
  @ApiProperty({ type: [CheckItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CheckItemDto)
  items!: CheckItemDto[];

  @ApiPropertyOptional({ type: [PhotoDto], description: "Photos' metadata (the files live in the agency's document store)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PhotoDto)
  photos?: PhotoDto[];
}

export class CheckItemView {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CHECK_CATEGORIES }) category!: CheckCategory;
  @ApiProperty() description!: string;
  @ApiProperty() passed!: boolean;
  @ApiPropertyOptional() finding?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, string | number | boolean>;
}

export class InspectionView {
  @ApiProperty() id!: string;
  @ApiProperty() canteenId!: string;
  @ApiPropertyOptional() vendorId?: string;
  @ApiPropertyOptional() contractId?: string;
  @ApiProperty({ type: [CheckItemView] }) items!: CheckItemView[];
  @ApiProperty({ type: [PhotoDto] }) photos!: PhotoDto[];
  @ApiProperty({ description: 'Share of items passed, 0–100' }) score!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty() inspectedBy!: string;
  @ApiProperty() inspectedAt!: string;

  static of(inspection: Inspection): InspectionView {
    return {
      id: inspection.id,
      canteenId: inspection.canteenId,
      ...(inspection.vendorId ? { vendorId: inspection.vendorId } : {}),
      ...(inspection.contractId ? { contractId: inspection.contractId } : {}),
      items: inspection.items,
      photos: inspection.photos,
      score: inspection.score,
      passed: inspection.passed,
      inspectedBy: inspection.inspectedBy,
      inspectedAt: inspection.inspectedAt.toISOString(),
    };
  }
}
