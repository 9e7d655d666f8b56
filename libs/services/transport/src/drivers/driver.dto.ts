import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { BlockerView } from '../vehicles/vehicle.dto';
import type { Blocker } from '../fleet-documents/domain/fleet-document';
import { DRIVER_STATUSES, Driver, DriverStatus, LICENCE_CLASSES, LicenceClass } from './domain/driver';

const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class RegisterDriverDto {
  @ApiProperty({ example: '李师傅' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ description: 'The staff account the driver signs in with to start and end trips' }) @IsOptional() @IsString() @Length(1, 200) userId?: string;
  @ApiPropertyOptional({ example: '13800138000' }) @IsOptional() @IsString() @Length(5, 30) phone?: string;
  @ApiProperty({ enum: LICENCE_CLASSES, description: '准驾车型: A1 covers buses, B1 minibuses, C1 cars', example: 'C1' }) @IsIn(LICENCE_CLASSES) licenceClass!: LicenceClass;
  @ApiProperty({ example: '110101198001011234' }) @IsString() @Length(6, 32) licenceNumber!: string;
  @ApiProperty({ description: 'Licence valid through this day', example: '2030-05-31' })
  @Matches(CALENDAR_DATE, { message: 'licenceExpiresOn must be a calendar date YYYY-MM-DD' })
  licenceExpiresOn!: string;
  @ApiPropertyOptional({ description: 'Day of the last health check (体检)', example: '2026-03-02' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'healthCheckedOn must be a calendar date YYYY-MM-DD' })
  healthCheckedOn?: string;
  @ApiPropertyOptional({ description: 'Health check valid through this day; without it the driver is not dispatched', example: '2027-03-01' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'healthCheckExpiresOn must be a calendar date YYYY-MM-DD' })
  healthCheckExpiresOn?: string;
}

export class UpdateDriverDto {
  @ApiPropertyOptional({ enum: LICENCE_CLASSES }) @IsOptional() @IsIn(LICENCE_CLASSES) licenceClass?: LicenceClass;
  @ApiPropertyOptional({ description: 'Renewed licence valid through this day' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'licenceExpiresOn must be a calendar date YYYY-MM-DD' })
  licenceExpiresOn?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CALENDAR_DATE, { message: 'healthCheckedOn must be a calendar date YYYY-MM-DD' }) healthCheckedOn?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CALENDAR_DATE, { message: 'healthCheckExpiresOn must be a calendar date YYYY-MM-DD' }) healthCheckExpiresOn?: string;
  @ApiPropertyOptional({ enum: DRIVER_STATUSES, description: 'Availability; on-leave and left need a statusNote' }) @IsOptional() @IsIn(DRIVER_STATUSES) status?: DriverStatus;
  @ApiPropertyOptional({ example: '年休假 12/8–12/12' }) @IsOptional() @IsString() @Length(1, 500) statusNote?: string;
}

export class DriverView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional() userId?: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() phone?: string;
  @ApiProperty({ enum: LICENCE_CLASSES }) licenceClass!: LicenceClass;
  @ApiProperty() licenceNumber!: string;
  @ApiProperty() licenceExpiresOn!: string;
  @ApiPropertyOptional() healthCheckedOn?: string;
  @ApiPropertyOptional() healthCheckExpiresOn?: string;
  @ApiProperty({ enum: DRIVER_STATUSES }) status!: DriverStatus;
  @ApiPropertyOptional() statusNote?: string;
  @ApiProperty({ description: 'Whether the driver can be dispatched today' }) dispatchable!: boolean;
  @ApiProperty({ type: [BlockerView], description: 'Why not: on leave, a licence or health check missing or expired' }) blockers!: BlockerView[];
  @ApiProperty() registeredAt!: string;

  static of(driver: Driver, blockers: readonly Blocker[]): DriverView {
    return {
      id: driver.id,
      ...(driver.userId ? { userId: driver.userId } : {}),
      name: driver.name,
      ...(driver.phone ? { phone: driver.phone } : {}),
      licenceClass: driver.licenceClass,
      licenceNumber: driver.licenceNumber,
      licenceExpiresOn: driver.licenceExpiresOn,
      ...(driver.healthCheckedOn ? { healthCheckedOn: driver.healthCheckedOn } : {}),
      ...(driver.healthCheckExpiresOn ? { healthCheckExpiresOn: driver.healthCheckExpiresOn } : {}),
      status: driver.status,
      ...(driver.statusNote ? { statusNote: driver.statusNote } : {}),
      dispatchable: blockers.length === 0,
      blockers: blockers.map((blocker) => ({ code: blocker.code, reason: blocker.reason })),
      registeredAt: driver.registeredAt.toISOString(),
    };
  }
}
