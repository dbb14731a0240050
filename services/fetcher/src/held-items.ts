import { RawItemSchema, type Redis } from '@marsad/queues';
import { z } from 'zod';

/**
 * Polls that may fail to read an item's article page before it is stored with the feed's or listing's
 * text: the first holds it for the next poll, which asks the page again, and stores it whatever comes.
 * Once stored, an item is skipped by later polls, so a page that timed out once would otherwise leave
 * its item with a teaser for good (no copy of a reference found in it, tags from its first lines alone).
 */
export const PAGE_READ_POLLS = 2;
/** A held item outlives its source's removal from the sources file by this long at most. */
const HELD_FOR_SECONDS = 8 * 24 * 3_600;

export const HeldItemSchema = z.object({
  item: RawItemSchema,
  /** Polls that could not read its page. */
  polls: z.number().int().min(1),
});
export type HeldItem = z.infer<typeof HeldItemSchema>;

/**
 * The items of each source held for another try at their article pages (see PAGE_READ_POLLS), in
 * Redis beside the source's health, so that every fetcher replica sees them.
 */
export class HeldItems {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(sourceId: string) {
    return `${this.prefix}:source:${sourceId}:held`;
  }

  /** The source's held items by id; an entry that does not parse (written by another version) is dropped. */
  async list(sourceId: string): Promise<Map<string, HeldItem>> {
    const fields = await this.redis.hgetall(this.key(sourceId));
    const held = new Map<string, HeldItem>();
    for (const [id, value] of Object.entries(fields)) {
      const parsed = HeldItemSchema.safeParse(safeJson(value));
      if (parsed.success) held.set(id, parsed.data);
    }
    return held;
  }

  async hold(sourceId: string, items: readonly HeldItem[]): Promise<void> {
    if (items.length === 0) return;
    const key = this.key(sourceId);
    await this.redis
      .multi()
      .hset(key, Object.fromEntries(items.map((held) => [held.item.id, JSON.stringify(held)])))
      .expire(key, HELD_FOR_SECONDS)
      .exec();
  }

  async release(sourceId: string, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.redis.hdel(this.key(sourceId), ...ids);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
