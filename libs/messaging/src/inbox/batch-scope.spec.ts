import { EntityManager } from 'typeorm';
import { BatchScope } from './batch-scope';

const manager = {} as EntityManager;

describe('what the handlers of one batch share', () => {
  it('runs each closing write once, after the last event, with the values as they stand then', async () => {
    const scope = new BatchScope();
    const written: number[] = [];
    for (const amount of [1, 2, 3]) {
      scope.set('total', (scope.get<number>('total') ?? 0) + amount);
      scope.beforeCommit('total', async () => {
        written.push(scope.get<number>('total')!);
      });
    }
    await scope.flush(manager);
    expect(written).toEqual([6]);
  });

  it('forgets what a rolled-back event added, its closing write included', async () => {
    const scope = new BatchScope();
    const written: string[] = [];
    scope.set('a', 1);
    scope.beforeCommit('a', async () => {
      written.push(`a=${scope.get<number>('a')}`);
    });
    const beforePoison = scope.snapshot();
    scope.set('a', 100);
    scope.set('b', 2);
    scope.beforeCommit('b', async () => {
      written.push('b');
    });
    scope.restore(beforePoison);
    await scope.flush(manager);
    expect(written).toEqual(['a=1']);
    expect(scope.get('b')).toBeUndefined();
  });

  it('runs the closing writes in the order of their keys, whatever order the events came in, so concurrent batches lock agencies alike', async () => {
    const order: string[] = [];
    const scope = new BatchScope();
    for (const agency of ['agency-c', 'agency-a', 'agency-b']) {
      scope.beforeCommit(`audit.${agency}`, async () => {
        order.push(agency);
      });
    }
    await scope.flush(manager);
    expect(order).toEqual(['agency-a', 'agency-b', 'agency-c']);
  });

  it('writes nothing twice when flushed again', async () => {
    const scope = new BatchScope();
    let writes = 0;
    scope.beforeCommit('x', async () => {
      writes += 1;
    });
    await scope.flush(manager);
    await scope.flush(manager);
    expect(writes).toBe(1);
  });
});
