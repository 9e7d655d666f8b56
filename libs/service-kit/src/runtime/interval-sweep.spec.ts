import pino from 'pino';
import { IntervalSweep } from './interval-sweep';

/** A sweep whose passes the test finishes (or fails) by hand. */
class ManualSweep extends IntervalSweep<string> {
  started = 0;
  private pending: Array<{ resolve: (value: string) => void; reject: (error: Error) => void }> = [];

  constructor(logger: pino.Logger, intervalMs = 1_000) {
    super(logger, { name: 'test rows', intervalMs });
  }

  sweep(): Promise<string> {
    this.started += 1;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  finish(): void {
    this.pending.shift()?.resolve('done');
  }

  fail(error: Error): void {
    this.pending.shift()?.reject(error);
  }

  inBatches<Item>(batchSize: number, claimBatch: () => Promise<readonly Item[]>): Promise<Item[]> {
    return this.sweepInBatches(batchSize, claimBatch);
  }
}

function recordingLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** Lets the promise callbacks queued by a finished sweep run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

describe('IntervalSweep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does not sweep before the application has started', () => {
    const sweep = new ManualSweep(recordingLogger().logger);
    jest.advanceTimersByTime(5_000);
    expect(sweep.started).toBe(0);
  });

  it('sweeps once per interval after the application has started', async () => {
    const sweep = new ManualSweep(recordingLogger().logger);
    sweep.onApplicationBootstrap();
    jest.advanceTimersByTime(999);
    expect(sweep.started).toBe(0);
    jest.advanceTimersByTime(1);
    expect(sweep.started).toBe(1);
    sweep.finish();
    await settle();
    jest.advanceTimersByTime(1_000);
    expect(sweep.started).toBe(2);
    sweep.finish();
    await sweep.beforeApplicationShutdown();
  });

  it('starts no second sweep while one is in flight', async () => {
    const sweep = new ManualSweep(recordingLogger().logger);
    sweep.onApplicationBootstrap();
    jest.advanceTimersByTime(5_000);
    expect(sweep.started).toBe(1);
    sweep.finish();
    await settle();
    jest.advanceTimersByTime(1_000);
    expect(sweep.started).toBe(2);
    sweep.finish();
    await sweep.beforeApplicationShutdown();
  });

  it('starts one timer however often the application starts it', () => {
    const sweep = new ManualSweep(recordingLogger().logger);
    sweep.onApplicationBootstrap();
    sweep.onApplicationBootstrap();
    expect(jest.getTimerCount()).toBe(1);
  });

  it('does not keep the process alive', () => {
    const spy = jest.spyOn(global, 'setInterval');
    const sweep = new ManualSweep(recordingLogger().logger);
    sweep.onApplicationBootstrap();
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    spy.mockRestore();
  });

  it('logs a failed sweep as a warning naming it, and sweeps again at the next interval', async () => {
    const { logger, lines } = recordingLogger();
    const sweep = new ManualSweep(logger);
    sweep.onApplicationBootstrap();
    jest.advanceTimersByTime(1_000);
    sweep.fail(new Error('database unreachable'));
    await settle();
    const warning = lines.find((line) => line.level === 40);
    expect(warning).toMatchObject({ sweep: 'test rows', err: { message: 'database unreachable' } });
    expect(warning?.msg).toContain('test rows');
    jest.advanceTimersByTime(1_000);
    expect(sweep.started).toBe(2);
    sweep.finish();
    await sweep.beforeApplicationShutdown();
  });

  it('waits at shutdown for the sweep in flight, then sweeps no more', async () => {
    const sweep = new ManualSweep(recordingLogger().logger);
    sweep.onApplicationBootstrap();
    jest.advanceTimersByTime(1_000);
    let stopped = false;
    const shutdown = sweep.beforeApplicationShutdown().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    sweep.finish();
    await shutdown;
    expect(stopped).toBe(true);
    jest.advanceTimersByTime(10_000);
    expect(sweep.started).toBe(1);
  });

  it('shuts down at once when no sweep is in flight', async () => {
    const sweep = new ManualSweep(recordingLogger().logger);
    sweep.onApplicationBootstrap();
    await expect(sweep.beforeApplicationShutdown()).resolves.toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  describe('sweepInBatches', () => {
    it('claims batches until one comes back short, and returns everything claimed', async () => {
      const batches = [[1, 2, 3], [4, 5, 6], [7]];
      const sweep = new ManualSweep(recordingLogger().logger);
      const claim = jest.fn(async () => batches.shift() ?? []);
      await expect(sweep.inBatches(3, claim)).resolves.toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(claim).toHaveBeenCalledTimes(3);
    });

    it('claims once more after a full batch, to see that nothing is left', async () => {
      const batches = [[1, 2], [3, 4]];
      const sweep = new ManualSweep(recordingLogger().logger);
      const claim = jest.fn(async () => batches.shift() ?? []);
      await expect(sweep.inBatches(2, claim)).resolves.toEqual([1, 2, 3, 4]);
      expect(claim).toHaveBeenCalledTimes(3);
    });
  });
});
