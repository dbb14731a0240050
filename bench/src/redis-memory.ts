import type { Redis } from '@marsad/queues';

/**
 * Bytes Redis spends on the queues' keys under `prefix` (everything but the copy index, which grows by
 * one entry per original by design), by kind of key: `classify:job` for every job hash of that queue,
 * `classify:events` and so on.
 */
export async function queueMemory(redis: Redis, prefix: string): Promise<Map<string, number>> {
  const byKind = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (key.startsWith(`${prefix}:index`)) continue;
      // {prefix}:classify:1234 -> classify:job; {prefix}:classify:events -> classify:events
      const kind = key.slice(prefix.length + 1).replace(/:[^:]*\d[^:]*$/, ':job');
      byKind.set(kind, (byKind.get(kind) ?? 0) + (Number(await redis.memory('USAGE', key)) || 0));
    }
  } while (cursor !== '0');
  return byKind;
}

export const totalBytes = (byKind: Map<string, number>) => [...byKind.values()].reduce((a, b) => a + b, 0);

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Heap in use after a full collection (with node --expose-gc), else as it stands. */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
