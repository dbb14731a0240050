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
