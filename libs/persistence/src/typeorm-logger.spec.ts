import pino from 'pino';
import { Writable } from 'node:stream';
import { PinoTypeOrmLogger } from './typeorm-logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoTypeOrmLogger(pino({ level: 'info' }, stream)), lines };
}

const failure = (code: string) => Object.assign(new Error(`failed with ${code}`), { code, constraint: 'trip_vehicle_no_overlap', parameters: ['secret'] });

describe('failed queries in the log', () => {
  it('are errors, unless a unique or exclusion constraint refused them (a race the use case answers with 409)', () => {
    const { logger, lines } = capture();
    logger.logQueryError(failure('23P01'), 'UPDATE trip …');
    logger.logQueryError(failure('23505'), 'INSERT INTO meal_rating …');
    logger.logQueryError(failure('23502'), 'INSERT INTO repair_request …');
    logger.logQueryError(failure('40P01'), 'UPDATE stock …');
    expect(lines.map((line) => [line['level'], line['msg'], (line['err'] as { code: string }).code])).toEqual([
      [30, 'query refused by a constraint', '23P01'],
      [30, 'query refused by a constraint', '23505'],
      [50, 'query failed', '23502'],
      [50, 'query failed', '40P01'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
