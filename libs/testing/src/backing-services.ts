import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from './wait-for';

/**
 * A Redis and a Kafka broker of a test's own, so that it can kill and restart them without touching
 * what others on the machine (or the rest of CI) use. Both are the real thing: `redis-server` from the
 * PATH, and the Kafka broker tools/kafka/kafka-local.sh assembles (its jars fetched already).
 */
/** The repository: from the sources, or from a build of them (dist/, .cache/dist-*), alike. */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'tools/kafka/kafka-local.sh'))) return dir;
  }
  throw new Error(`no tools/kafka/kafka-local.sh above ${__dirname}`);
}
const REPO_ROOT = repositoryRoot();
const KAFKA_SCRIPT = path.join(REPO_ROOT, 'tools/kafka/kafka-local.sh');

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A throw-away redis-server: no persistence, like the platform's (its state is ephemeral by design). */
export class OwnRedis {
  private child?: ChildProcess;
  private failure?: Error;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child.once('error', (error) => (this.failure = error));
    this.child = child;
    await waitFor(
      () => {
        if (this.failure) throw new Error(`redis-server could not be started (${this.failure.message}); the fault suite needs it on the PATH`);
        return portAnswers(this.port);
      },
      { timeoutMs: 20_000, intervalMs: 50, description: `redis-server on ${this.port}` },
    );
  }

  /** SIGKILL: every key is gone, as after a crash of an instance without persistence. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await exited(this.child);
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    await exited(this.child);
  }
}

/** A single-node broker in a state directory of its own, on ports of its own. */
export class OwnKafka {
  private readonly stateDir: string;

  constructor(
    readonly port: number,
    private readonly controllerPort: number,
    name: string,
  ) {
    this.stateDir = path.join(REPO_ROOT, '.cache/fault', name);
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private script(command: 'start' | 'stop'): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', [KAFKA_SCRIPT, command], {
        env: {
          ...process.env,
          KAFKA_STATE_DIR: this.stateDir,
          KAFKA_PORT: String(this.port),
          KAFKA_CONTROLLER_PORT: String(this.controllerPort),
          // Sized for two cores shared with five service processes.
          KAFKA_HEAP_OPTS: '-Xms128m -Xmx512m',
          KAFKA_STOP_TIMEOUT: '10',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`kafka-local.sh ${command} exited ${code}:\n${output}`))));
    });
  }

  async start(): Promise<void> {
    await this.script('start');
  }

  /** SIGKILL of the broker's JVM: no controlled shutdown, its logs recovered on the next start. */
  async kill(): Promise<void> {
    const pid = this.pid();
    process.kill(pid, 'SIGKILL');
    await waitFor(
      () => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      { timeoutMs: 20_000, intervalMs: 50, description: `broker pid ${pid} to exit` },
    );
  }

  /** SIGSTOP of the broker's JVM: its connections stay open, it reads and answers nothing until `resume`. */
  pause(): void {
    process.kill(this.pid(), 'SIGSTOP');
  }

  resume(): void {
    process.kill(this.pid(), 'SIGCONT');
  }

  private pid(): number {
    return Number(readFileSync(path.join(this.stateDir, 'kafka.pid'), 'utf8').trim());
  }

  async stop(): Promise<void> {
    await this.script('stop').catch(() => undefined);
  }

  /** A fresh state directory: no topics or offsets of an earlier run. */
  reset(): void {
    rmSync(this.stateDir, { recursive: true, force: true });
    mkdirSync(this.stateDir, { recursive: true });
  }
}
