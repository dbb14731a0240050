import { randomUUID } from 'node:crypto';
import type { FetchingConfig } from '@marsad/config';
import type { Redis } from '@marsad/queues';
import { FetchError } from '@marsad/sources';

/**
 * Takes a slot for a host when fewer than `perHost` requests are in flight and `minDelayMs` has passed
 * since the last one started; answers 0, or how many ms to wait before asking again. Time is Redis's,
 * so every fetcher replica counts alike. A slot is a lease: a replica that dies mid-request frees it
 * when the lease runs out.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perHost, delay, lease, token = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= perHost then return 25 end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if now - last < delay then return delay - (now - last) end
redis.call('ZADD', KEYS[1], now + lease, token)
redis.call('PEXPIRE', KEYS[1], lease)
if delay > 0 then redis.call('SET', KEYS[2], now, 'PX', delay) end
return 0
`;

/** A host that asked us to wait (429/503 with Retry-After): its next slot opens when it said. */
const HOLD_OFF = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms, delay = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('SET', KEYS[1], now + ms - delay, 'PX', ms + delay + 1)
return 0
`;

/** Per-host politeness shared by every fetcher replica on one Redis. */
export class HostGate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: Pick<FetchingConfig, 'perHost' | 'minDelayMs'> & { leaseMs?: number; maxWaitMs?: number },
  ) {
    if (!redis.acquireHostSlot) redis.defineCommand('acquireHostSlot', { numberOfKeys: 2, lua: ACQUIRE });
    if (!redis.holdOffHost) redis.defineCommand('holdOffHost', { numberOfKeys: 1, lua: HOLD_OFF });
  }

  /** No request to the host of `url`, from any replica, for `ms` (a server's Retry-After). */
  async holdOff(url: string, ms: number): Promise<void> {
    await this.redis.holdOffHost(`${this.prefix}:host:${new URL(url).host}:last`, Math.ceil(ms), this.options.minDelayMs);
  }

  /** Runs `request` once the host has a free slot, and frees it afterwards. */
  async run<T>(url: string, request: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    const keys = [`${this.prefix}:host:${host}`, `${this.prefix}:host:${host}:last`] as const;
    const token = randomUUID();
    const leaseMs = this.options.leaseMs ?? 120_000;
    const deadline = Date.now() + (this.options.maxWaitMs ?? 300_000);
    // The last start is kept for minDelayMs; a hold-off stores a start in the future, so it lasts as long as asked.
    for (;;) {
      const wait = Number(await this.redis.acquireHostSlot(keys[0], keys[1], this.options.perHost, this.options.minDelayMs, leaseMs, token));
      if (wait === 0) break;
      if (Date.now() + wait > deadline) {
        throw new FetchError('rate-limited', `${host} is left alone for another ${Math.ceil(wait / 1000)} s, longer than a request waits for it (${Math.round((this.options.maxWaitMs ?? 300_000) / 1000)} s): it asked us to wait (Retry-After), or its other requests hold every slot`, { url });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    try {
      return await request();
    } finally {
      await this.redis.zrem(keys[0], token);
    }
  }
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    acquireHostSlot(key: string, lastKey: string, perHost: number, delay: number, lease: number, token: string): Promise<unknown> & Context;
    holdOffHost(lastKey: string, ms: number, delay: number): Promise<unknown> & Context;
  }
}
