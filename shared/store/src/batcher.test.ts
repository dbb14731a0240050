import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.js';

const settle = <R>(values: R[]): PromiseSettledResult<R>[] => values.map((value) => ({ status: 'fulfilled', value }));

describe('createBatcher', () => {
  it('sends calls made together as one batch and gives each caller its own result', async () => {
    const batches: number[][] = [];
    const double = createBatcher(async (inputs: number[]) => (batches.push(inputs), settle(inputs.map((n) => n * 2))), { maxWaitMs: 5 });
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('sends a full batch at once, without waiting', async () => {
    const batches: number[][] = [];
    const echo = createBatcher(async (inputs: number[]) => (batches.push(inputs), settle(inputs)), { maxSize: 2, maxWaitMs: 10_000 });
    expect(await Promise.all([echo(1), echo(2)])).toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('rejects only the caller whose input failed', async () => {
    const check = createBatcher(async (inputs: number[]) =>
      inputs.map((n): PromiseSettledResult<number> => (n < 0 ? { status: 'rejected', reason: new Error(`bad ${n}`) } : { status: 'fulfilled', value: n })),
    );
    const results = await Promise.allSettled([check(1), check(-1), check(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects every caller of a batch that fails as a whole', async () => {
    const down = createBatcher(async (): Promise<PromiseSettledResult<number>[]> => {
      throw new Error('connection lost');
    });
    await expect(Promise.all([down(1), down(2)])).rejects.toThrow('connection lost');
  });

  it('flush() sends what waits and resolves when it has settled', async () => {
    let sent = 0;
    const slow = createBatcher(async (inputs: number[]) => (sent += inputs.length, settle(inputs)), { maxWaitMs: 60_000 });
    const pending = slow(7);
    await slow.flush();
    expect(sent).toBe(1);
    expect(await pending).toBe(7);
  });
});
