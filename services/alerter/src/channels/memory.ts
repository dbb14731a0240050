import type { Redis } from '@marsad/queues';

/**
 * What channels remember between sends: how long a receiver asked them to wait, and how many parts of
 * a digest are in its chat. In Redis, every alerter replica knows it, and a restart forgets nothing.
 */
export interface ChannelMemory {
  /** Until when (epoch ms) the channel's receiver asked to be left alone; 0 when it did not. */
  heldUntil(channelId: string): Promise<number>;
  holdUntil(channelId: string, until: number): Promise<void>;
  /** Parts of a message sent so far under a delivery key (0: none, or all of them). */
  partsSent(deliveryKey: string): Promise<number>;
  rememberPartsSent(deliveryKey: string, parts: number): Promise<void>;
  forgetParts(deliveryKey: string): Promise<void>;
}

/** Deliveries whose parts a process keeps count of, the oldest forgotten first. */
const REMEMBERED_DELIVERIES = 1_000;
/** A digest's parts stay counted this long: its job's retries end well before. */
const PARTS_TTL_SECONDS = 2 * 86_400;

/** One process's memory: for a single alerter, and for tests. */
export function processMemory(): ChannelMemory {
  const holds = new Map<string, number>();
  const parts = new Map<string, number>();
  return {
    heldUntil: async (channelId) => holds.get(channelId) ?? 0,
    holdUntil: async (channelId, until) => void holds.set(channelId, Math.max(until, holds.get(channelId) ?? 0)),
    partsSent: async (key) => parts.get(key) ?? 0,
    async rememberPartsSent(key, sent) {
      parts.delete(key); // set again last: the map forgets the deliveries it heard of longest ago
      parts.set(key, sent);
      if (parts.size > REMEMBERED_DELIVERIES) parts.delete(parts.keys().next().value!);
    },
    forgetParts: async (key) => void parts.delete(key),
  };
}

/** Shared by every alerter on one Redis, under `prefix`. */
export function redisMemory(redis: Redis, prefix: string): ChannelMemory {
  const holdKey = (channelId: string) => `${prefix}:channel:${channelId}:hold`;
  const partsKey = (deliveryKey: string) => `${prefix}:delivery-parts:${deliveryKey}`;
  return {
    heldUntil: async (channelId) => Number(await redis.get(holdKey(channelId))),
    async holdUntil(channelId, until) {
      const ms = Math.ceil(until - Date.now());
      // A longer wait asked meanwhile (another replica's refusal) stands.
      if (ms > 0 && Number(await redis.get(holdKey(channelId))) < until) await redis.set(holdKey(channelId), String(until), 'PX', ms);
    },
    partsSent: async (key) => Number(await redis.get(partsKey(key))),
    rememberPartsSent: async (key, sent) => void (await redis.set(partsKey(key), String(sent), 'EX', PARTS_TTL_SECONDS)),
    forgetParts: async (key) => void (await redis.del(partsKey(key))),
  };
}

/** A channel whose receiver asked it to wait (a rate limit), and for how long still; 0 when it did not. */
export interface ChannelHold {
  channelId: string;
  seconds: number;
}

/** The seconds left of each channel's hold, 0 for a channel free to send: for operators' pages and metrics. */
export async function channelHolds(memory: ChannelMemory, channelIds: readonly string[]): Promise<ChannelHold[]> {
  const now = Date.now();
  return Promise.all(channelIds.map(async (channelId) => ({ channelId, seconds: Math.max(0, ((await memory.heldUntil(channelId)) - now) / 1000) })));
}
