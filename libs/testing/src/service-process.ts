import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '@houqin/service-kit';
import { waitFor } from './wait-for';

const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the process printed (JSON log lines). */
  output(): string;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no graceful shutdown at all. */
  kill(): Promise<void>;
}

/** Where the built apps are: dist/, or HOUQIN_DIST_DIR (a build kept apart, inside the repository so node_modules resolve). */
const DIST_DIR = process.env['HOUQIN_DIST_DIR'] ? path.resolve(REPO_ROOT, process.env['HOUQIN_DIST_DIR']) : path.join(REPO_ROOT, 'dist');

/** Starts a built app (dist/apps/<app>/src/main.js) as its own OS process. */
export function startServiceProcess(options: { app: string; port: number; env: Record<string, string>; label?: string }): ServiceProcess {
  const entry = path.join(DIST_DIR, 'apps', options.app, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--enable-source-maps', entry], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const name = options.label ?? options.app;
  return {
    name,
    url,
    process: child,
    output: () => output,
    async waitUntilReady(timeoutMs = 60_000) {
      let exitCode: number | null | undefined;
      void exited.then((code) => (exitCode = code));
      await waitFor(
        async () => {
          if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode}:\n${output.slice(-3000)}`);
          const response = await fetch(`${url}/health/ready`).catch(() => undefined);
          return response?.status === 200;
        },
        { timeoutMs, intervalMs: 200, description: `${name} to become ready` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- ${name} output ---\n${output.slice(-4000)}`);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
