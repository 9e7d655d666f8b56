import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '@houqin/service-kit';

/** An optional query value out of a list; anything else is a 400 naming it. */
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
