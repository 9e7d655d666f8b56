import { BusinessRuleViolation } from '@houqin/domain';
import { RequestValidationError } from '@houqin/service-kit';
import { Period, parsePeriod } from './domain/period';

/** A `period` given in a request: absent, repeated or malformed is bad input, a 400 naming it. */
export function periodParameter(value: unknown): Period {
  if (value === undefined || value === '') throw new RequestValidationError([{ field: 'period', rule: 'isDefined', message: 'period is required (YYYY-MM, YYYY-Qn or YYYY)' }]);
  if (typeof value !== 'string') throw new RequestValidationError([{ field: 'period', rule: 'isString', message: 'period must be given once' }]);
  try {
    return parsePeriod(value);
  } catch (error) {
    if (error instanceof BusinessRuleViolation && error.field) throw new RequestValidationError([{ field: error.field, rule: error.code, message: error.message }]);
    throw error;
  }
}
