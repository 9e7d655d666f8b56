import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * The embedded PostgreSQL of `npm start` (issue 12, item 1): it takes a free port unless one is
 * set, so two checkouts run side by side on one machine; a port that is taken is refused with
 * PostgreSQL's own words; a first initialisation that stopped half-way does not break the next
 * start. Each server runs in its own process (the built library), as under `npm start`.
 */

jest.setTimeout(180_000);

const REPO_ROOT = path.resolve(__dirname, '../..');
const LIBRARY = path.join(REPO_ROOT, 'dist/libs/persistence/src/embedded-postgres.js');
const root = mkdtempSync(path.join(tmpdir(), 'houqin-embedded-'));
chmodSync(root, 0o755); // as root, the cluster runs as the postgres user, who must reach it

interface Started {
  port: number;
  url: string;
}
interface Refused {
  name: string;
  port: number;
  portTaken: boolean;
  postgresMessage: string;
  message: string;
}
interface ServerProcess {
  child: ChildProcess;
  outcome: Promise<{ started: Started } | { refused: Refused }>;
}

const processes: ChildProcess[] = [];

/** Starts the embedded PostgreSQL in a process of its own; it stops the server on SIGTERM. */
function launch(name: string, port?: number): ServerProcess {
  const options = JSON.stringify({ dataDir: path.join(root, name, 'postgres'), ...(port === undefined ? {} : { port }) });
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(LIBRARY)});
    startEmbeddedPostgres(${options}).then(
      (server) => {
        console.log(JSON.stringify({ started: { port: server.port, url: server.url } }));
        process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
      },
      (e) => {
        console.log(JSON.stringify({ refused: { name: e.name, port: e.port, portTaken: e.portTaken, postgresMessage: e.postgresMessage, message: e.message } }));
        process.exit(1);
      },
    );`;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  processes.push(child);
  let output = '';
  const outcome = new Promise<{ started: Started } | { refused: Refused }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((text) => text.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { started: Started } | { refused: Refused });
    });
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}: ${output}`)));
  });
  return { child, outcome };
}

async function started(server: ServerProcess): Promise<Started> {
  const outcome = await server.outcome;
  if (!('started' in outcome)) throw new Error(`expected a running server: ${outcome.refused.message}`);
  return outcome.started;
}

async function stop(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const child of processes) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
});

describe('the embedded PostgreSQL', () => {
  it('takes a free port when none is set: two started at once on one machine both run, each on its own port', async () => {
    const [first, second] = await Promise.all([started(launch('first')), started(launch('second'))]);
    expect(first.port).not.toBe(second.port);
    expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await query(second.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('refuses a port another PostgreSQL holds, naming the port and what PostgreSQL said', async () => {
    const holder = launch('holder');
    const { port } = await started(holder);
    const outcome = await launch('second-on-the-port', port).outcome;
    expect(outcome).toEqual({ refused: expect.objectContaining({ name: 'EmbeddedPostgresStartError', port, portTaken: true }) });
    const refused = (outcome as { refused: Refused }).refused;
    // PostgreSQL's own words: it could not listen on the port the other server holds.
    expect(refused.postgresMessage).toMatch(/could not bind .*Address already in use/);
    expect(refused.postgresMessage).toContain(`Is another postmaster already running on port ${port}?`);
    expect(refused.postgresMessage).toMatch(/FATAL: +could not create any TCP\/IP sockets/);
    expect(refused.message).toContain(`port ${port}`);
    await stop(holder);
  });

  it('starts on a data directory whose first initialisation stopped half-way', async () => {
    const dataDir = path.join(root, 'interrupted', 'postgres');
    // What an initialisation killed half-way leaves: the staging directory, or a cluster directory without PG_VERSION.
    mkdirSync(path.join(`${dataDir}.initialising`, 'base'), { recursive: true });
    writeFileSync(path.join(`${dataDir}.initialising`, 'postgresql.conf'), '# half written');
    mkdirSync(path.join(dataDir, 'global'), { recursive: true });
    writeFileSync(path.join(dataDir, 'postgresql.conf'), '# half written');

    const server = launch('interrupted');
    const { url } = await started(server);
    expect(await query(url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(`${dataDir}.initialising`)).toBe(false);
    await stop(server);
  });

  it('keeps its data across restarts, whichever port each start takes', async () => {
    const first = launch('restarted');
    await query((await started(first)).url, `CREATE TABLE kept AS SELECT '维修记录'::text AS note`);
    await stop(first);
    const again = launch('restarted');
    const { url } = await started(again);
    expect(await query<{ note: string }>(url, 'SELECT note FROM kept')).toEqual([{ note: '维修记录' }]);
    await stop(again);
  });
});
