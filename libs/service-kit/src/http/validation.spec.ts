import { ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError } from './problem-details';
import { queryProblems } from './request-middleware';
import { IntegerParam, OneOfParam, OptionalUuidParam, PathParameterPipe } from './validation';

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

describe('the single-value, single-line query string', () => {
  it('accepts one value per parameter', () => {
    expect(queryProblems({ limit: '20', status: 'open', building: 'A 栋' })).toEqual([]);
  });

  it('refuses array-valued parameters, bracketed or repeated, naming the parameter', () => {
    expect(queryProblems({ 'limit[]': ['1', '2'] })).toEqual([
      { field: 'query.limit', rule: 'singleValue', message: 'query.limit must be given once, as a single value (lists are comma-separated)' },
    ]);
    expect(queryProblems({ 'origin[0]': 'a' })[0]).toMatchObject({ field: 'query.origin', rule: 'singleValue' });
    expect(queryProblems({ status: ['open', 'closed'] })[0]).toMatchObject({ field: 'query.status', rule: 'singleValue' });
  });

  it('refuses control characters in values and names', () => {
    expect(queryProblems({ building: '\u0000' })).toEqual([
      { field: 'query.building', rule: 'noControlCharacters', message: 'query.building must not contain the control character U+0000' },
    ]);
    expect(queryProblems({ subject: 'a\nb' })[0]).toMatchObject({ field: 'query.subject', rule: 'noControlCharacters' });
    expect(queryProblems({ 'x\u0000': '1' })[0]).toMatchObject({ rule: 'noControlCharacters' });
  });
});

describe('a path parameter', () => {
  const pipe = new PathParameterPipe();
  const code: ArgumentMetadata = { type: 'param', data: 'code', metatype: String };

  it('passes ordinary values and leaves other arguments to their own checks', () => {
    expect(pipe.transform('A-101', code)).toBe('A-101');
    expect(pipe.transform({ text: '\u0000' }, { type: 'body', metatype: Object })).toEqual({ text: '\u0000' });
  });

  it('refuses control characters, naming path.<parameter>', () => {
    expect(() => pipe.transform('\u0000', code)).toThrow('path.code must not contain the control character U+0000');
    expect(() => pipe.transform('A\tB', code)).toThrow(RequestValidationError);
  });
});

describe('the OpenAPI description of query pipes', () => {
  it('says a defaulted limit is optional, with its bounds', () => {
    expect(new IntegerParam({ min: 1, max: 200, default: 50 }).describeQueryParameter()).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    });
    expect(new OneOfParam(['open', 'closed']).describeQueryParameter()).toEqual({ required: false, schema: { type: 'string', enum: ['open', 'closed'] } });
    expect(new OptionalUuidParam().describeQueryParameter().required).toBe(false);
  });
});
