import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, RequestValidationError } from './problem-details';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown-property' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not an accepted property` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator DTOs; unknown properties are refused; errors name each field and rule. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** `@Param('id', UuidParam)`: a malformed id is a 400 naming the parameter, not a database error. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      const field = metadata.data ?? 'id';
      throw new RequestValidationError([{ field, rule: 'isUuid', message: `${field} must be a UUID` }]);
    }
    return value.toLowerCase();
  }
}

/** `@Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 }))`: bad numbers are a 400 naming the parameter. */
/** `@Query('vendorId', OptionalUuidParam)`: absent (or empty), or a UUID; anything else is a 400 naming it. */
@Injectable()
export class OptionalUuidParam implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new RequestValidationError([{ field, rule: 'isUuid', message: `${field} must be a UUID` }]);
  }
}

/** `@Query('status', new OneOfParam(STATUSES))`: absent (or empty), or one of the values; anything else is a 400 naming it. */
@Injectable()
export class OneOfParam<T extends string> implements PipeTransform<unknown, T | undefined> {
  constructor(private readonly values: readonly T[]) {}

  transform(value: unknown, metadata: ArgumentMetadata): T | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' && (this.values as readonly string[]).includes(value)) return value as T;
    const field = metadata.data ?? 'value';
    throw new RequestValidationError([{ field, rule: 'isIn', message: `${field} must be one of ${this.values.join(', ')}` }]);
  }
}

@Injectable()
export class IntegerParam implements PipeTransform<unknown, number> {
  constructor(private readonly rule: { min: number; max: number; default: number }) {}

  transform(value: unknown, metadata: ArgumentMetadata): number {
    if (value === undefined || value === '') return this.rule.default;
    const field = metadata.data ?? 'value';
    // The global ValidationPipe (transform: true) has already turned a parameter typed `number` into one.
    const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(parsed) || parsed < this.rule.min || parsed > this.rule.max) {
      throw new RequestValidationError([
        { field, rule: 'isInt', message: `${field} must be an integer from ${this.rule.min} to ${this.rule.max}` },
      ]);
    }
    return parsed;
  }
}
