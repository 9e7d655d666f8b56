import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '@houqin/service-kit';
import { nowMs, sleep } from './stats';

/** The build the bench itself runs from (dist/ or, e.g., .cache/dist-bench/): the apps are taken from the same one. */
export const DIST_ROOT = path.resolve(__dirname, '../..');

/** The repository: the nearest folder above the build holding nx.json (node_modules resolve from there). */
export function repoRoot(from = DIST_ROOT): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export interface BenchProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Spawn → /health/ready answering 200 (or the banner, for the platform). */
  readyMs?: number;
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in ms; NaN when it is gone. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Resident set size of a process in MB (VmRSS from /proc), NaN when it is gone. */
export function rssOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux whatever the kernel's HZ). */
const USER_HZ = 100;

/** CPU time (utime + stime from /proc/<pid>/stat) in ms, NaN when the process is gone. */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return NaN;
  }
}

export interface SpawnOptions {
  name: string;
  /** The script, relative to DIST_ROOT (e.g. apps/maintenance/src/main.js). */
  script: string;
  port: number;
  env: Record<string, string>;
  logDir: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/**
 * Starts a built script as its own OS process, like start-distributed.ts does, with stdout and
 * stderr written straight to `<logDir>/<name>.log` (the process writes the file itself: no pipe
 * through the bench), so logging costs what it costs in a deployment that logs to a file.
 */
export function spawnBuilt(options: SpawnOptions): BenchProcess {
  const entry = path.join(DIST_ROOT, options.script);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run bench builds dist/)`);
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...(options.nodeArgs ?? []), entry], {
    cwd: repoRoot(),
    env: { PATH: process.env['PATH'] ?? '', ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: options.name,
    url: `http://127.0.0.1:${options.port}`,
    child,
    logFile,
    rssMb: () => rssOf(child.pid),
    cpuMs: () => cpuMsOf(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
}

/** Polls /health/ready every 20 ms; returns spawn → ready in ms (spawn time given by the caller). */
export async function waitReady(processInfo: BenchProcess, spawnedAt: number, timeoutMs = 120_000): Promise<number> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if (processInfo.child.exitCode !== null) throw new Error(`${processInfo.name} exited with code ${processInfo.child.exitCode}:\n${tail(processInfo.logFile)}`);
    const ready = await fetch(`${processInfo.url}/health/ready`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ready) return nowMs() - spawnedAt;
    await sleep(20);
  }
  throw new Error(`${processInfo.name} was not ready after ${timeoutMs} ms:\n${tail(processInfo.logFile)}`);
}

/** Waits until the log file holds `text` (the platform's banner); returns spawn → seen in ms. */
export async function waitForOutput(processInfo: BenchProcess, text: string, spawnedAt: number, timeoutMs = 180_000): Promise<number> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline) {
    if (readFileSync(processInfo.logFile, 'utf8').includes(text)) return nowMs() - spawnedAt;
    if (processInfo.child.exitCode !== null) throw new Error(`${processInfo.name} exited with code ${processInfo.child.exitCode}:\n${tail(processInfo.logFile)}`);
    await sleep(10);
  }
  throw new Error(`${processInfo.name} did not print "${text}" within ${timeoutMs} ms:\n${tail(processInfo.logFile)}`);
}

/** Samples the RSS of each process every `intervalMs` and keeps the highest, until stopped. */
export class RssPeaks {
  readonly peaks: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly processes: BenchProcess[]) {}

  /** Starts sampling (again a no-op while it samples). */
  start(intervalMs = 250): void {
    if (this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    for (const processInfo of this.processes) {
      const rss = processInfo.rssMb();
      if (Number.isFinite(rss)) this.peaks[processInfo.name] = Math.max(this.peaks[processInfo.name] ?? 0, rss);
    }
  }

  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peaks;
  }
}
