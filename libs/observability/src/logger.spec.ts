import { Writable } from 'node:stream';
import { PinoNestLogger, REDACTED, createLogger } from './logger';
import { requestContext } from './request-context';

/** The JSON lines a logger writes. */
function capture(): { lines: Array<Record<string, unknown>>; raw: string[]; stream: Writable } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    raw,
    stream,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

const SECRETS = {
  authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.secret-token',
  password: 'correct horse battery staple',
  refreshToken: 'refresh-0123456789',
  apiKey: 'hqk_live_0123456789abcdef',
  keyHash: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
  secretSealed: 'v1.sealed-webhook-secret',
  parameters: ['hqk_live_0123', 'argon2id$v=19$hash'],
  WEBHOOK_SECRET_KEY: 'webhook-secret-key-0123456789abcdef',
  DATABASE_URL: 'postgres://gateway:db-password@postgres/houqin',
};

describe('the JSON log', () => {
  it('never writes credentials, passwords, tokens, secrets, key material or query parameters, at the top or nested', () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream);
    logger.info(SECRETS, 'top level');
    logger.info({ request: { headers: { ...SECRETS, 'x-api-key': 'hqk_header_key', 'set-cookie': 'session=abc', accept: 'application/json' } } }, 'nested');
    logger.error({ err: Object.assign(new Error('query failed'), { parameters: ['hqk_live_0123'], driverError: { parameters: ['hqk_live_0123'] } }) }, 'an error');
    logger.info({ config: { nested: { deeper: { password: 'deep-password' } } } }, 'deep');
    const text = out.raw.join('\n');
    for (const secret of [...Object.values(SECRETS).flat(), 'hqk_header_key', 'session=abc', 'deep-password']) expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
    expect(out.lines[0]).toMatchObject({ password: REDACTED, authorization: REDACTED, parameters: REDACTED });
    expect(out.lines[1]).toMatchObject({ request: { headers: { 'x-api-key': REDACTED, accept: 'application/json' } } });
  });

  it("never writes a secret carried inside an error, in a child logger's bindings or in a list", () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream);
    logger.error({ err: Object.assign(new Error('upstream refused'), { config: { headers: { authorization: 'Bearer err-token' } } }) }, 'an error with its request');
    logger.child({ webhook: { secret: 'child-binding-secret' } }).info('from a child');
    logger.info({ accounts: [{ user: 'li', password: 'list-password' }] }, 'a list');
    const text = out.raw.join('\n');
    for (const secret of ['err-token', 'child-binding-secret', 'list-password']) expect({ secret, leaked: text.includes(secret) }).toEqual({ secret, leaked: false });
    expect(out.lines[0]).toMatchObject({ err: { message: 'upstream refused', config: { headers: { authorization: REDACTED } } } });
    expect(out.lines[2]).toMatchObject({ accounts: [{ user: 'li', password: REDACTED }] });
  });

  it('leaves a line without secrets as it was, and does not change the object logged', () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream);
    const logged = { request: { headers: { authorization: 'Bearer caller-token', accept: 'application/json' } } };
    logger.info(logged, 'logged');
    expect(logged.request.headers.authorization).toBe('Bearer caller-token');
    logger.info({ http: { method: 'POST', status: 201 } }, 'plain');
    expect(out.lines[1]).toMatchObject({ http: { method: 'POST', status: 201 }, msg: 'plain' });
  });

  it("never writes the row values PostgreSQL quotes in an error's detail, nor the driver's error, but keeps the kind of failure", () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream);
    const failure = Object.assign(new Error('duplicate key value violates unique constraint "api_key_hash"'), {
      code: '23505',
      constraint: 'api_key_hash',
      detail: 'Key (key_hash)=(5e884898da28047151d0e56f8dc62927) already exists.',
      where: 'SQL statement with row (hqk_live_row_value)',
      driverError: { detail: 'Failing row contains (hqk_live_row_value, argon2id$v=19$hash).' },
    });
    logger.error({ err: failure }, 'command failed');
    const text = out.raw.join('\n');
    for (const value of ['5e884898da28047151d0e56f8dc62927', 'hqk_live_row_value', 'argon2id']) expect({ value, leaked: text.includes(value) }).toEqual({ value, leaked: false });
    expect(out.lines[0]).toMatchObject({ err: { type: 'Error', code: '23505', constraint: 'api_key_hash', message: expect.stringContaining('duplicate key') } });
  });

  it('keeps everything else, with the correlation id inside a request', () => {
    const out = capture();
    const logger = createLogger('probe', 'info', out.stream);
    requestContext.run({ correlationId: 'corr-42' }, () => logger.info({ vendorId: 'v-1', status: 'active' }, 'vendor registered'));
    expect(out.lines).toEqual([expect.objectContaining({ level: 'info', service: 'probe', correlationId: 'corr-42', vendorId: 'v-1', status: 'active', msg: 'vendor registered' })]);
  });

  it('redacts framework messages too (Nest through PinoNestLogger)', () => {
    const out = capture();
    new PinoNestLogger(createLogger('probe', 'info', out.stream)).log({ message: 'x', password: 'nest-password' }, 'SomeContext');
    expect(out.raw.join('')).not.toContain('nest-password');
  });
});
