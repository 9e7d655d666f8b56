import { PerformanceEntry, constants } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ServiceMetrics, afterCollections } from './metrics';

/** A full collection on demand (the flag set at run time; the function taken from a fresh context). */
function collectFully(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function heapAfterCollection(metrics: ServiceMetrics): Promise<number | undefined> {
  const line = (await metrics.render()).split('\n').find((candidate) => candidate.startsWith('houqin_heap_used_after_major_gc_bytes{'));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

/**
 * Collects fully until the figure the observer reports (after the collection, on a later turn of the
 * event loop) is accepted: a busy process may deliver an observation late, and another collection
 * always brings a new one.
 */
async function reportedAfter(metrics: ServiceMetrics, accept: (bytes: number) => boolean): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    collectFully();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const bytes = await heapAfterCollection(metrics);
    if (bytes !== undefined && accept(bytes)) return bytes;
  }
  throw new Error(`houqin_heap_used_after_major_gc_bytes is ${String(await heapAfterCollection(metrics))}`);
}

describe('the heap in use after a full collection (houqin_heap_used_after_major_gc_bytes)', () => {
  it('follows what survives a full collection: up while memory is held, down once it is let go', async () => {
    const metrics = new ServiceMetrics('metrics-spec');
    const before = await reportedAfter(metrics, (bytes) => bytes > 0);

    // 40 MB held across the next collection.
    let held: Buffer[] | number[][] = Array.from({ length: 40 }, () => Array.from({ length: 128 * 1024 }, (_, index) => index));
    const holding = await reportedAfter(metrics, (bytes) => bytes > before + 20 * 2 ** 20);
    expect(held.length).toBe(40);

    held = [];
    const released = await reportedAfter(metrics, (bytes) => bytes < holding - 20 * 2 ** 20);
    expect(released).toBeLessThan(holding);
    expect(held).toEqual([]);
  });

  it('moves only on a full collection: a scavenge leaves what the young generation dropped and the old generation still holds', () => {
    const collection = (kind: number) => ({ entryType: 'gc', detail: { kind } }) as unknown as PerformanceEntry;
    const heap = () => 70 * 2 ** 20;
    expect(afterCollections([collection(constants.NODE_PERFORMANCE_GC_MINOR), collection(constants.NODE_PERFORMANCE_GC_INCREMENTAL)], 50 * 2 ** 20, heap)).toBe(50 * 2 ** 20);
    expect(afterCollections([collection(constants.NODE_PERFORMANCE_GC_MINOR)], undefined, heap)).toBeUndefined();
    expect(afterCollections([collection(constants.NODE_PERFORMANCE_GC_MINOR), collection(constants.NODE_PERFORMANCE_GC_MAJOR)], 50 * 2 ** 20, heap)).toBe(70 * 2 ** 20);
  });

  it('is not exported by a registry without process metrics (a second registry in the same process)', async () => {
    const metrics = new ServiceMetrics('metrics-spec-bare', { defaultMetrics: false });
    collectFully();
    expect(await metrics.render()).not.toContain('houqin_heap_used_after_major_gc_bytes');
  });
});
