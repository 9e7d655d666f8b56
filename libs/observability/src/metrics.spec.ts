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
 * event loop) is accepted. A busy process may deliver an observation late, so each collection is given
 * half a second of event-loop turns to be reported before the next one (a full collection of a large
 * test worker's heap is slow: collecting again at once would spend the time collecting, not observing).
 */
async function reportedAfter(metrics: ServiceMetrics, accept: (bytes: number) => boolean): Promise<number> {
  const deadline = Date.now() + 20_000;
  const seen: Array<number | undefined> = [];
  while (Date.now() < deadline) {
    collectFully();
    const observing = Date.now() + 500;
    while (Date.now() < observing) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const bytes = await heapAfterCollection(metrics);
      if (bytes !== undefined && accept(bytes)) return bytes;
      if (seen.at(-1) !== bytes) seen.push(bytes);
    }
  }
  throw new Error(`houqin_heap_used_after_major_gc_bytes was never accepted; it read ${seen.map(String).join(', ')}`);
}

/** 40 MB of small integers, held by whoever keeps the result. */
function fortyMegabytes(): number[][] {
  return Array.from({ length: 40 }, () => Array.from({ length: 128 * 1024 }, (_, index) => index));
}

describe('the heap in use after a full collection (houqin_heap_used_after_major_gc_bytes)', () => {
  // The figures are compared with each other, never with a baseline taken before: a test worker that has
  // run other files keeps letting go of what they left (V8 flushes their unused compiled code over several
  // full collections), so its heap drifts down from collection to collection. Drift only goes down, so the
  // figure rising again once memory is held again is the metric's doing.
  it('follows what survives a full collection: down once memory is let go, up again while it is held', async () => {
    const metrics = new ServiceMetrics('metrics-spec');
    let held = fortyMegabytes();
    // A figure from a collection made after the 40 MB were in place (the first one read may be older).
    const first = await reportedAfter(metrics, (bytes) => bytes > 0);
    const holding = await reportedAfter(metrics, (bytes) => bytes !== first);

    held = [];
    const released = await reportedAfter(metrics, (bytes) => bytes < holding - 20 * 2 ** 20);
    expect(held).toEqual([]);

    held = fortyMegabytes();
    const holdingAgain = await reportedAfter(metrics, (bytes) => bytes > released + 20 * 2 ** 20);
    expect(held).toHaveLength(40);
    expect(holdingAgain - released).toBeGreaterThan(20 * 2 ** 20);
  }, 90_000); // three steps of at most 20 s each: full collections of a busy test worker's heap are slow

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
