import { BusinessRuleViolation, IllegalTransitionError, NotFoundError, NotPermittedError } from '@houqin/domain';
import { toProblem } from './problem-details';

describe('domain errors as problem+json', () => {
  it('answers a caller not named to the work 403, naming the rule and the field', () => {
    expect(toProblem(new NotPermittedError('not-named-assignee', 'only an assignee named on the task may record a finding', 'assignees'))).toEqual({
      type: 'urn:houqin:problem:not-named-assignee',
      title: 'Forbidden',
      status: 403,
      detail: 'only an assignee named on the task may record a finding',
      errors: [{ field: 'assignees', rule: 'not-named-assignee', message: 'only an assignee named on the task may record a finding' }],
    });
  });

  it('keeps 404 for a record the caller may not see, 409 for an illegal transition and 422 for a broken rule', () => {
    expect(toProblem(new NotFoundError('audit task', 't-1')).status).toBe(404);
    expect(toProblem(new IllegalTransitionError('audit finding', 'closed', 'answer')).status).toBe(409);
    expect(toProblem(new BusinessRuleViolation('deadline-in-past', 'the deadline must be in the future', 'deadline')).status).toBe(422);
  });
});

describe('a service whose database is out of reach', () => {
  it('answers 503, to be sent again, when its connection was lost mid-request or the server is going away', () => {
    const lost = new Error('Connection terminated unexpectedly');
    const notQueryable = new Error('Client has encountered a connection error and is not queryable');
    const shutdown = Object.assign(new Error('QueryFailedError: terminating connection due to administrator command'), { driverError: Object.assign(new Error('terminating connection'), { code: '57P01' }) });
    for (const error of [lost, notQueryable, shutdown]) {
      expect(toProblem(error)).toMatchObject({ type: 'urn:houqin:problem:database-unavailable', status: 503, retryAfterSeconds: 1 });
    }
  });

  it('still answers 500 for any other failure, a broken write included', () => {
    expect(toProblem(new Error('cannot read properties of undefined')).status).toBe(500);
    expect(toProblem(Object.assign(new Error('duplicate key value'), { driverError: { code: '23505' } })).status).toBe(500);
  });
});
