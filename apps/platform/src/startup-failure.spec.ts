import { ConfigurationError } from '@houqin/service-kit';
import { startupFailure } from './startup-failure';

describe('what a launcher prints when the platform cannot start', () => {
  it('says that something failed without a cause when undefined was thrown (no TypeError of its own)', () => {
    const failure = startupFailure(undefined);
    expect(failure.exitCode).toBe(1);
    expect(failure.message).toMatch(/^Houqin could not start: something failed without saying what \(it threw undefined\)/);
  });

  it('prints an error with its stack and the chain of its causes', () => {
    const failure = startupFailure(new Error('the gateway could not start', { cause: new Error('connect ECONNREFUSED 127.0.0.1:5432') }));
    expect(failure.message).toContain('Error: the gateway could not start\n    at ');
    expect(failure.message).toContain('Caused by: Error: connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('prints what was thrown when it is not an Error', () => {
    expect(startupFailure('initdb: could not create directory').message).toBe('Houqin could not start: initdb: could not create directory');
    expect(startupFailure({ code: 'EACCES', path: '/var/lib/houqin' }).message).toBe("Houqin could not start: { code: 'EACCES', path: '/var/lib/houqin' }");
  });

  it('exits 78 with the message alone for a configuration the operator must change', () => {
    const failure = startupFailure(new ConfigurationError('platform', [{ variable: 'EMBEDDED_POSTGRES_PORT', message: '54329 is taken' }]));
    expect(failure).toEqual({ exitCode: 78, message: 'Invalid configuration for platform: EMBEDDED_POSTGRES_PORT 54329 is taken' });
  });
});
