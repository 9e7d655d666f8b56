import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requestContext } from '@houqin/observability';
import { RunningService } from '@houqin/service-kit';
import { waitFor } from '@houqin/testing';
import { startGateway } from './gateway-fixture';

/**
 * Everything a service prints is a JSON log line, and none carries a secret: a failing query is
 * logged through the service's logger with the correlation id of the request, without its
 * parameters (which held API-key hashes and sealed webhook secrets), and the redaction list applies
 * to every line. Reads what the process writes to stdout (file descriptor 1) and the console.
 */
const API_KEY_HASH = `5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d15${randomUUID().slice(0, 4)}`;
const SEALED_SECRET = `v1.${randomUUID()}.sealed-webhook-secret`;

let gateway: RunningService;
const printed: string[] = [];
const spies: jest.SpyInstance[] = [];

function record(chunk: unknown): void {
  printed.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
}

function lines(): string[] {
  return printed
    .join('')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

beforeAll(async () => {
  gateway = await startGateway({ LOG_LEVEL: 'info' });
  const write = fs.write.bind(fs) as (...args: unknown[]) => void;
  const writeSync = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
  spies.push(
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, buffer: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) record(buffer);
      write(fd, buffer, ...rest);
    }) as typeof fs.write),
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) record(buffer);
      return writeSync(fd, buffer, ...rest);
    }) as typeof fs.writeSync),
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (record(chunk), true)),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation((...args: unknown[]) => record(`${args.map(String).join(' ')}\n`))),
  );
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await gateway?.shutdown();
});

describe('logs', () => {
  it('write a failing query as one JSON line with the correlation id, without its parameters', async () => {
    const dataSource = gateway.app.get<DataSource>(getDataSourceToken());
    const correlationId = `corr-${randomUUID()}`;
    await requestContext.run({ correlationId }, async () => {
      // Violates api_key's NOT NULL columns: PostgreSQL refuses it.
      await expect(dataSource.query(`INSERT INTO api_key (id, key_hash, prefix) VALUES ($1, $2, $3)`, [randomUUID(), API_KEY_HASH, SEALED_SECRET])).rejects.toThrow();
    });
    gateway.logger.flush();
    const failed = await waitFor(() => lines().find((line) => line.includes('query failed')), { description: 'the failed query in the log' });
    const entry = JSON.parse(failed) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'error', service: 'gateway', correlationId, msg: 'query failed', err: { code: '23502' } });
    expect(String(entry['query'])).toContain('INSERT INTO api_key');
    expect(entry).not.toHaveProperty('parameters');

    const everything = printed.join('');
    expect(everything).not.toContain(API_KEY_HASH);
    expect(everything).not.toContain(SEALED_SECRET);
    expect(everything).not.toContain('PARAMETERS');
    for (const line of lines()) expect({ line, json: isJsonObject(line) }).toEqual({ line, json: true });
  });

  it('apply the redaction list to every line the service writes', async () => {
    gateway.logger.info({ request: { headers: { authorization: `Bearer ${SEALED_SECRET}`, 'x-api-key': API_KEY_HASH } }, password: SEALED_SECRET }, 'a careless line');
    gateway.logger.flush();
    await waitFor(() => lines().some((line) => line.includes('a careless line')));
    expect(printed.join('')).not.toContain(SEALED_SECRET);
    expect(printed.join('')).not.toContain(API_KEY_HASH);
  });
});

function isJsonObject(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
