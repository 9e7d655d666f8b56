import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LocationDto } from '../repair-requests/repair-request.dto';
import { ASSET_CATEGORIES, ASSET_CRITICALITIES, Asset, AssetCategory, AssetCriticality, METER_KINDS, MeterKind } from './domain/asset';

export class RegisterAssetDto {
  @ApiProperty({ description: "Code on the equipment's QR label, unique in the agency", example: 'AC-0042' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { message: 'code must be letters, digits and dashes (at most 64)' })
  code!: string;

  @ApiProperty({ example: 'Split air conditioner, meeting room 301' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ASSET_CATEGORIES })
  @IsIn(ASSET_CATEGORIES)
  category!: AssetCategory;

  @ApiProperty({ type: LocationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;

  @ApiProperty({ enum: ASSET_CRITICALITIES })
  @IsIn(ASSET_CRITICALITIES)
  criticality!: AssetCriticality;

  @ApiPropertyOptional({ example: '2024-05-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'acquiredOn must be a date (YYYY-MM-DD)' })
  acquiredOn?: string;

  @ApiPropertyOptional({ description: 'Acquisition value in fen (分)', example: 1250000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  acquisitionValue?: number;

  @ApiPropertyOptional({ example: '2027-05-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'warrantyEndsOn must be a date (YYYY-MM-DD)' })
  warrantyEndsOn?: string;

  @ApiPropertyOptional({ description: 'The service contract responsible for the asset' })
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

export class MeterReadingDto {
  @ApiProperty({ enum: METER_KINDS })
  @IsIn(METER_KINDS)
  kind!: MeterKind;

  @ApiProperty({ description: 'Running hours or a counter; never below the latest reading of its kind', example: 1520.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(999_999_999_999)
  value!: number;
}

export class MeterReadingView {
  @ApiProperty() value!: number;
  @ApiProperty() readAt!: string;
}

export class MetersView {
  @ApiPropertyOptional({ type: MeterReadingView }) hours?: MeterReadingView;
  @ApiPropertyOptional({ type: MeterReadingView }) count?: MeterReadingView;
}

export class AssetView {
  @ApiProperty() id!: string;
  @ApiProperty() agencyId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ASSET_CATEGORIES }) category!: string;
  @ApiProperty({ type: LocationDto }) location!: LocationDto;
  @ApiProperty({ enum: ASSET_CRITICALITIES }) criticality!: string;
  @ApiPropertyOptional() acquiredOn?: string;
  @ApiPropertyOptional({ description: 'fen' }) acquisitionValue?: number;
  @ApiPropertyOptional() warrantyEndsOn?: string;
  @ApiPropertyOptional() contractId?: string;
  @ApiProperty({ type: () => MetersView, description: 'The latest reading of each meter' })
  meters!: MetersView;
  @ApiProperty() registeredBy!: string;
  @ApiProperty() registeredAt!: string;

  static of(asset: Asset): AssetView {
    return {
      id: asset.id,
      agencyId: asset.agencyId,
      code: asset.code,
      name: asset.name,
      category: asset.category,
      location: asset.location,
      criticality: asset.criticality,
      ...(asset.acquiredOn ? { acquiredOn: asset.acquiredOn } : {}),
      ...(asset.acquisitionValue !== undefined ? { acquisitionValue: asset.acquisitionValue } : {}),
      ...(asset.warrantyEndsOn ? { warrantyEndsOn: asset.warrantyEndsOn } : {}),
      ...(asset.contractId ? { contractId: asset.contractId } : {}),
      meters: asset.meters,
      registeredBy: asset.registeredBy,
      registeredAt: asset.registeredAt.toISOString(),
    };
  }
}
