import { redactUrl } from '@marsad/config';
import { Redis } from 'ioredis';
import { RedisUnavailableError } from './errors.js';

export type { Redis } from 'ioredis';

/**
 * The connection BullMQ queues and workers share (workers duplicate it for their blocking reads).
 * `maxRetriesPerRequest: null` is what BullMQ requires so that a Redis restart pauses work instead
 * of failing jobs.
 */
export function createRedis(url: string, connectionName = 'marsad'): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName });
}

/** Fails fast, with the message people need, when no Redis answers at `url`. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let socketError: unknown;
  probe.on('error', (err) => (socketError ??= err)); // the root cause; connect() only says "Connection is closed"
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new RedisUnavailableError(redactUrl(url), socketError ?? err);
  } finally {
    probe.disconnect();
  }
}

/** Redis's memory: what it uses, and its `maxmemory` (0: no limit set). */
export interface RedisMemoryUse {
  usedBytes: number;
  maxBytes: number;
}

/**
 * Read from `INFO memory`. Marsad's Redis evicts nothing (jobs are data): at its maxmemory it refuses
 * every write, and every queue stops.
 */
export async function redisMemoryUse(redis: Redis): Promise<RedisMemoryUse> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return { usedBytes: field('used_memory'), maxBytes: field('maxmemory') };
}
