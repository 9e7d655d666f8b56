import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { forbiddenCharacterIn } from './input-characters';
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

/**
 * Path parameters are names, codes and ids: one line, no control characters (U+0000 above all,
 * which PostgreSQL cannot store). Global, before the validation pipe; refusals name `path.<param>`.
 * Query strings and bodies are checked earlier, by the request middleware and the body parser.
 */
@Injectable()
export class PathParameterPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param') return value;
    const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    for (const text of values) {
      const found = forbiddenCharacterIn(text, { singleLine: true });
      if (found) {
        const field = `path.${metadata.data ?? 'parameter'}`;
        throw new RequestValidationError([{ field, rule: 'noControlCharacters', message: `${field} must not contain ${found}` }]);
      }
    }
    return value;
  }
}

/** How a query parameter's pipe documents it in OpenAPI (see documentQueryParameters). */
export interface QueryParameterDocumentation {
  required: boolean;
  schema: Record<string, unknown>;
  description?: string;
}

/** A pipe that knows what its query parameter accepts: the service's OpenAPI document says the same. */
export interface DocumentsQueryParameter {
  describeQueryParameter(): QueryParameterDocumentation;
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

/** `@Query('vendorId', OptionalUuidParam)`: absent (or empty), or a UUID; anything else is a 400 naming it. */
@Injectable()
export class OptionalUuidParam implements PipeTransform<unknown, string | undefined>, DocumentsQueryParameter {
  describeQueryParameter(): QueryParameterDocumentation {
    return { required: false, schema: { type: 'string', format: 'uuid' } };
  }

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new RequestValidationError([{ field, rule: 'isUuid', message: `${field} must be a UUID` }]);
  }
}

/** `@Query('status', new OneOfParam(STATUSES))`: absent (or empty), or one of the values; anything else is a 400 naming it. */
@Injectable()
export class OneOfParam<T extends string> implements PipeTransform<unknown, T | undefined>, DocumentsQueryParameter {
  constructor(private readonly values: readonly T[]) {}

  describeQueryParameter(): QueryParameterDocumentation {
    return { required: false, schema: { type: 'string', enum: [...this.values] } };
  }

  transform(value: unknown, metadata: ArgumentMetadata): T | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' && (this.values as readonly string[]).includes(value)) return value as T;
    const field = metadata.data ?? 'value';
    throw new RequestValidationError([{ field, rule: 'isIn', message: `${field} must be one of ${this.values.join(', ')}` }]);
  }
}

/** `@Query('limit', new IntegerParam({ min: 1, max: 200, default: 50 }))`: bad numbers are a 400 naming the parameter. */
@Injectable()
export class IntegerParam implements PipeTransform<unknown, number>, DocumentsQueryParameter {
  constructor(private readonly rule: { min: number; max: number; default: number }) {}

  /** Optional: absent, it takes its default — a generated client must not be made to send it. */
  describeQueryParameter(): QueryParameterDocumentation {
    const { min, max, default: fallback } = this.rule;
    return { required: false, schema: { type: 'integer', minimum: min, maximum: max, default: fallback }, description: `${min}–${max}, default ${fallback}` };
  }

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
