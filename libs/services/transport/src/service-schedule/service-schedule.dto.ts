import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsISO8601, Matches, Max, Min, ValidateBy, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { MAX_ODOMETER_KM } from '../vehicles/domain/odometer';
import { CALENDAR_DATE, MAX_SERVICE_INTERVAL_KM, MAX_SERVICE_INTERVAL_MONTHS, ServiceSchedule } from './domain/service-schedule';

/** Validate the property only when it is present: null is refused, not taken for absent. */
const WhenPresent = () => ValidateIf((_body: object, value: unknown) => value !== undefined);

/** The property may be given only together with `sibling`. */
function OnlyWith(sibling: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'onlyWith',
      constraints: [sibling],
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => (args?.object as Record<string, unknown> | undefined)?.[sibling] !== undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'this property'} needs ${sibling}`,
      },
    },
    options,
  );
}

export class ServiceScheduleDto {
  @ApiPropertyOptional({ description: 'Kilometres between services; give it, intervalMonths or both', minimum: 1, maximum: MAX_SERVICE_INTERVAL_KM, example: 10000 })
  @ValidateIf((body: ServiceScheduleDto, value: unknown) => value !== undefined || body.intervalMonths === undefined)
  @IsDefined({ message: 'give intervalKm, intervalMonths or both' })
  @IsInt()
  @Min(1)
  @Max(MAX_SERVICE_INTERVAL_KM)
  intervalKm?: number;

  @ApiPropertyOptional({ description: 'Months between services; give it, intervalKm or both', minimum: 1, maximum: MAX_SERVICE_INTERVAL_MONTHS, example: 6 })
  @WhenPresent()
  @IsInt()
  @Min(1)
  @Max(MAX_SERVICE_INTERVAL_MONTHS)
  intervalMonths?: number;

  @ApiPropertyOptional({
    description: 'Odometer reading at which the next service is due; by default the interval counted from registration or the last return from service. Needs intervalKm',
    minimum: 0,
    maximum: MAX_ODOMETER_KM,
    example: 60000,
  })
  @WhenPresent()
  @OnlyWith('intervalKm')
  @IsInt()
  @Min(0)
  @Max(MAX_ODOMETER_KM)
  dueAtKm?: number;

  @ApiPropertyOptional({
    description: 'Day the next service is due (YYYY-MM-DD, China Standard Time); by default the interval counted from registration or the last return from service. Needs intervalMonths',
    example: '2027-06-01',
  })
  @WhenPresent()
  @OnlyWith('intervalMonths')
  @IsISO8601({ strict: true })
  @Matches(CALENDAR_DATE, { message: 'dueOn must be a calendar date YYYY-MM-DD' })
  dueOn?: string;
}

export class OdometerReadingDto {
  @ApiProperty({ description: 'Odometer reading, whole kilometres; never lower than the last reading', minimum: 0, maximum: MAX_ODOMETER_KM, example: 52340 })
  @IsInt()
  @Min(0)
  @Max(MAX_ODOMETER_KM)
  odometerKm!: number;

  @ApiPropertyOptional({ description: 'When the odometer was read (ISO 8601 with offset); now when absent. Not before the last reading, not in the future', example: '2026-12-07T08:30:00+08:00' })
  @WhenPresent()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'readAt must name its offset (Z or ±hh:mm)' })
  readAt?: string;
}

export class ServiceIntervalStartView {
  @ApiProperty({ description: 'Odometer at registration or at the last return from service' }) odometerKm!: number;
  @ApiProperty({ description: 'Day of registration or of the last return from service (YYYY-MM-DD, China Standard Time)' }) on!: string;
}

export class ServiceScheduleView {
  @ApiPropertyOptional() intervalKm?: number;
  @ApiPropertyOptional() intervalMonths?: number;
  @ApiPropertyOptional({ description: 'The next service is due at this odometer reading' }) dueAtKm?: number;
  @ApiPropertyOptional({ description: 'The next service is due on this day (YYYY-MM-DD, China Standard Time)' }) dueOn?: string;
  @ApiProperty({ type: ServiceIntervalStartView, description: 'Where the intervals count from' }) countsFrom!: ServiceIntervalStartView;
  @ApiPropertyOptional({ description: 'When vehicle.service-due announced this occurrence; absent until it falls due' }) dueAnnouncedAt?: string;

  static of(schedule: ServiceSchedule, countsFrom: { odometerKm: number; on: string }): ServiceScheduleView {
    return {
      ...(schedule.intervalKm !== undefined ? { intervalKm: schedule.intervalKm } : {}),
      ...(schedule.intervalMonths !== undefined ? { intervalMonths: schedule.intervalMonths } : {}),
      ...(schedule.dueAtKm !== undefined ? { dueAtKm: schedule.dueAtKm } : {}),
      ...(schedule.dueOn !== undefined ? { dueOn: schedule.dueOn } : {}),
      countsFrom: { odometerKm: countsFrom.odometerKm, on: countsFrom.on },
      ...(schedule.dueAnnouncedAt ? { dueAnnouncedAt: schedule.dueAnnouncedAt.toISOString() } : {}),
    };
  }
}
