import { ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError } from './problem-details';
import { IntegerParam } from './validation';

const limit: ArgumentMetadata = { type: 'query', data: 'limit', metatype: Number };

describe('an integer query parameter', () => {
  const pipe = new IntegerParam({ min: 1, max: 500, default: 100 });

  it('takes the default when absent or empty', () => {
    expect(pipe.transform(undefined, limit)).toBe(100);
    expect(pipe.transform('', limit)).toBe(100);
  });

  it('accepts the bounds, as text or as the number the global validation pipe already made of it', () => {
    expect(pipe.transform('500', limit)).toBe(500);
    expect(pipe.transform(500, limit)).toBe(500);
    expect(pipe.transform(1, limit)).toBe(1);
  });

  it('refuses values outside the bounds, fractions and text, naming the parameter', () => {
    for (const value of ['501', 0, 2.5, NaN, 'ten', '1e3', ['5']]) {
      expect(() => pipe.transform(value, limit)).toThrow(RequestValidationError);
    }
    expect(() => pipe.transform('0', limit)).toThrow('limit must be an integer from 1 to 500');
  });
});
