import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './wait-for';

const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface PlatformProcess {
  child: ChildProcess;
  output(): string;
  gatewayUrl: string;
  docsUrl: string;
  /** The demo access token the platform prints. */
  token: string;
  exited: Promise<number | null>;
}

/**
 * Starts the built single-process platform (what `npm start` runs) with only what a fresh machine
 * has — no database, broker or Redis URL — and reads the gateway URL, docs URL and demo token from
 * its banner.
 */
export async function startPlatformProcess(env: Record<string, string>): Promise<PlatformProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps/platform/src/main.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const banner = await waitFor(
    () => {
      if (exitCode !== undefined) throw new Error(`platform exited with ${exitCode}:\n${output}`);
      return /Gateway:\s+(\S+)\n\s+API docs:\s+(\S+)[\s\S]*valid 12 h\):\n(\S+)/.exec(output) ?? undefined;
    },
    { timeoutMs: 120_000, intervalMs: 200, description: 'the platform banner' },
  ).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output.slice(-4000)}`);
  });
  return { child, output: () => output, gatewayUrl: banner[1]!, docsUrl: banner[2]!, token: banner[3]!, exited };
}
