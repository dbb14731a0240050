import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  url: string;
  /** A BullMQ prefix of this test's own, e.g. `{marsad-test-3f9a1c}`. */
  prefix: string;
  /** Deletes every key under the prefix and the prefixes derived from it. */
  cleanup(): Promise<void>;
  /** Keys currently under the prefix (to check what a test leaves behind). */
  keys(): Promise<string[]>;
}

/** A key prefix of one test's own on the real Redis, cleaned up afterwards. */
export function createTestRedis(label = 'test'): TestRedis {
  const prefix = `{marsad-${label}-${randomBytes(5).toString('hex')}}`;
  const scan = async (redis: Redis) => {
    const found: string[] = [];
    let cursor = '0';
    do {
      // Without the closing brace, so prefixes derived from this one (a run's own queues) count too.
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix.slice(0, -1))}*`, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    return found;
  };
  const withRedis = async <T>(fn: (redis: Redis) => Promise<T>) => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      return await fn(redis);
    } finally {
      redis.disconnect();
    }
  };
  return {
    url: TEST_REDIS_URL,
    prefix,
    keys: () => withRedis(scan),
    cleanup: () =>
      withRedis(async (redis) => {
        const keys = await scan(redis);
        for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
      }),
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
