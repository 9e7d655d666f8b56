import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { withTimeout } from './context';
import type { LoadJob, LoadResult } from './http-load';

/** The load generator's worker thread (http-load.ts), one job at a time. */
export class LoadClient {
  private readonly worker = new Worker(path.join(__dirname, 'http-load.js'));

  /** Runs one job; `timeoutMs` bounds it (a job by count, such as a whole rush, may need longer than the default). */
  run(job: LoadJob, timeoutMs = 180_000): Promise<LoadResult> {
    const result = new Promise<LoadResult>((resolve, reject) => {
      const settle = () => {
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        this.worker.off('exit', onExit);
      };
      const onMessage = (message: LoadResult) => {
        settle();
        resolve(message);
      };
      const onError = (error: Error) => {
        settle();
        reject(error);
      };
      const onExit = (code: number) => {
        settle();
        reject(new Error(`the load worker exited with code ${code} before reporting`));
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.on('exit', onExit);
      this.worker.postMessage(job);
    });
    return withTimeout(result, timeoutMs, `the HTTP load on ${job.url}`);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
