import { sectionBudgetMs, sectionFrom } from './section';

describe('a section of an aggregated view', () => {
  it('carries the service’s figures when it answered 2xx with a JSON object', () => {
    expect(sectionFrom('catering', { kind: 'answered', status: 200, body: { canteens: { total: 2 } } })).toEqual({ status: 'available', data: { canteens: { total: 2 } } });
  });

  it('is unavailable (error) when the service answered 2xx with something other than a JSON object', () => {
    expect(sectionFrom('catering', { kind: 'answered', status: 200, body: undefined })).toEqual({
      status: 'unavailable',
      reason: 'error',
      detail: 'catering answered 200 without a JSON object',
    });
    expect(sectionFrom('catering', { kind: 'answered', status: 200, body: [1, 2] })).toMatchObject({ reason: 'error' });
  });

  it('is unavailable (error) when the service answered an error, keeping the problem’s detail', () => {
    expect(sectionFrom('transport', { kind: 'answered', status: 503, body: { type: 'urn:houqin:problem:unavailable', detail: 'database unreachable' } })).toEqual({
      status: 'unavailable',
      reason: 'error',
      detail: 'transport answered 503: database unreachable',
    });
    expect(sectionFrom('transport', { kind: 'answered', status: 404, body: undefined })).toEqual({ status: 'unavailable', reason: 'error', detail: 'transport answered 404' });
  });

  it('is unavailable (unreachable) when no connection could be made, saying how often it was tried', () => {
    expect(sectionFrom('maintenance', { kind: 'unreachable', reason: 'ECONNREFUSED', attempts: 3 })).toEqual({
      status: 'unavailable',
      reason: 'unreachable',
      detail: 'maintenance could not be reached (ECONNREFUSED) after 3 attempts',
    });
    expect(sectionFrom('maintenance', { kind: 'unreachable', reason: 'ECONNREFUSED', attempts: 1 })).toMatchObject({ detail: 'maintenance could not be reached (ECONNREFUSED) after 1 attempt' });
  });

  it('is unavailable (timed-out) when the answer did not arrive within its budget', () => {
    expect(sectionFrom('evaluation', { kind: 'timed-out', budgetMs: 3000 })).toEqual({ status: 'unavailable', reason: 'timed-out', detail: 'evaluation did not answer within 3000 ms' });
  });

  it('is unavailable (circuit-open) when the service was not asked because its circuit is open', () => {
    expect(sectionFrom('procurement', { kind: 'circuit-open', retryAfterMs: 1500 })).toEqual({
      status: 'unavailable',
      reason: 'circuit-open',
      detail: 'procurement is failing; its circuit is open and it is not asked again for 2 s',
    });
  });

  it('is unavailable (overloaded) when the gateway shed the request to a busy service', () => {
    expect(sectionFrom('maintenance', { kind: 'overloaded', retryAfterMs: 1000 })).toEqual({
      status: 'unavailable',
      reason: 'overloaded',
      detail: 'maintenance is busy; the gateway sheds requests to it and asks again in 1 s',
    });
  });

  it('is unavailable (error) when asking failed in the gateway itself', () => {
    expect(sectionFrom('procurement', { kind: 'failed', message: 'boom' })).toEqual({ status: 'unavailable', reason: 'error', detail: 'procurement could not be asked: boom' });
  });
});

describe('the time budget of a section', () => {
  it('is the section budget when it is shorter than the gateway’s upstream timeout', () => {
    expect(sectionBudgetMs({ sectionMs: 3000, upstreamMs: 10000 })).toBe(3000);
  });

  it('never exceeds the upstream timeout', () => {
    expect(sectionBudgetMs({ sectionMs: 3000, upstreamMs: 1000 })).toBe(1000);
  });
});
