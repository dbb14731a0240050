import type { Redis } from '@marsad/queues';
import { z } from 'zod';

/** Consecutive failures from which a source counts as failing rather than backing off. */
export const FAILING_AFTER = 5;
/** The longest wait between two attempts at a failing source: it keeps being tried at this pace. */
export const BACKOFF_CEILING_MS = 6 * 3_600_000;
const DAYS_KEPT = 8;
/**
 * How late a poll may be, past its due time, before its source counts as overdue: its interval, and at
 * least this (a host's politeness, a busy fetch queue, a fetcher restarting delay polls a little).
 */
export const OVERDUE_GRACE_MS = 10 * 60_000;

const IsoOrNull = z.string().nullable();
const TextOrNull = z.string().nullable();

/** What operators see per source (`marsad sources --json`, the dashboard). */
export const SourceHealthSchema = z.object({
  sourceId: z.string(),
  /**
   * `overdue`: its poll is late by its interval or more (10 min at least) — the fetcher is down, the
   * fetch queue paused or backed up, or the source's next poll lost; the failures, if any, still count.
   */
  state: z.enum(['never-fetched', 'ok', 'backing-off', 'failing', 'overdue']),
  lastAttemptAt: IsoOrNull,
  lastSuccessAt: IsoOrNull,
  consecutiveFailures: z.number().int().min(0),
  lastError: TextOrNull,
  lastErrorKind: TextOrNull,
  /**
   * Problems of the last poll that succeeded with some (article pages not read, entries skipped), in
   * one line, and when; kept when later polls have none, as lastError is, the date telling how old.
   */
  lastWarning: TextOrNull,
  lastWarningAt: IsoOrNull,
  /** When the scheduler may try a failing source again; null when it is healthy. */
  nextAttemptAt: IsoOrNull,
  /**
   * When its next poll is due at the latest: an interval after its last attempt, or after the time a
   * failure set for the next; null before its first attempt, or when its interval was not given (a
   * disabled source).
   */
  pollDueAt: IsoOrNull,
  /** New items per day over the last seven days. */
  itemsPerDay: z.number(),
  /** Conditional GET validators of the source's own URL, from its last full response. */
  etag: TextOrNull,
  lastModified: TextOrNull,
});
export type SourceHealth = z.infer<typeof SourceHealthSchema>;

/** Conditional GET validators of a full response (empty: the next poll is unconditional). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * Per-source state in Redis, shared by every fetcher replica: health for operators, the backoff
 * that spaces out attempts at a failing source, and conditional GET validators.
 */
export class SourceHealthStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(sourceId: string) {
    return `${this.prefix}:source:${sourceId}`;
  }

  /** What the source's last poll saw of each entry it listed (see replaceEntryMarks). */
  private entryMarksKey(sourceId: string) {
    return `${this.key(sourceId)}:entries`;
  }

  /** The item ids the source's last poll listed (see replaceListing). */
  private listedKey(sourceId: string) {
    return `${this.key(sourceId)}:listed`;
  }

  /** The source's health; with its polling interval (an enabled source's), whether its poll is overdue. */
  async get(sourceId: string, now = new Date(), interval?: number): Promise<SourceHealth> {
    const [fields, days] = await Promise.all([this.redis.hgetall(this.key(sourceId)), this.redis.hgetall(`${this.key(sourceId)}:days`)]);
    const failures = Number(fields.consecutiveFailures ?? 0);
    const nextAttemptAt = (failures > 0 && fields.nextAttemptAt) || null;
    // Its schedule comes every interval, so a poll is due an interval after the last (or, backing off,
    // after the time the failure set: the polls before it are skipped).
    const pollDueAt = interval && fields.lastAttemptAt ? new Date(Date.parse(nextAttemptAt ?? fields.lastAttemptAt) + interval).toISOString() : null;
    const overdue = pollDueAt !== null && now.getTime() - Date.parse(pollDueAt) > Math.max(interval ?? 0, OVERDUE_GRACE_MS);
    const state =
      !fields.lastAttemptAt ? 'never-fetched'
      : overdue ? 'overdue'
      : failures === 0 ? 'ok'
      : failures >= FAILING_AFTER ? 'failing'
      : 'backing-off';
    return {
      sourceId,
      state,
      lastAttemptAt: fields.lastAttemptAt || null,
      lastSuccessAt: fields.lastSuccessAt || null,
      consecutiveFailures: failures,
      lastError: fields.lastError || null,
      lastErrorKind: fields.lastErrorKind || null,
      lastWarning: fields.lastWarning || null,
      lastWarningAt: fields.lastWarningAt || null,
      nextAttemptAt,
      pollDueAt,
      itemsPerDay: itemsPerDay(days, now),
      etag: fields.etag || null,
      lastModified: fields.lastModified || null,
    };
  }

  /**
   * A successful poll: failures reset, new items counted, validators kept for the next conditional GET,
   * and its warnings, if any, kept as the last warning.
   */
  async recordSuccess(sourceId: string, at: Date, newItems: number, validators?: Validators, warnings: readonly string[] = []): Promise<void> {
    const key = this.key(sourceId);
    const day = at.toISOString().slice(0, 10);
    const multi = this.redis
      .multi()
      .hset(key, { lastAttemptAt: at.toISOString(), lastSuccessAt: at.toISOString(), consecutiveFailures: 0, nextAttemptAt: '' })
      .hincrby(`${key}:days`, day, newItems);
    if (validators) multi.hset(key, validatorFields(validators));
    if (warnings.length > 0) multi.hset(key, { lastWarning: truncate(warnings.join('; '), MAX_WARNING_CHARS), lastWarningAt: at.toISOString() });
    await multi.exec();
    await this.forgetOldDays(sourceId, at);
  }

  /**
   * Of these item ids, how many the source's last listing held, and how many it held in all (0: none
   * kept, as before its first poll that listed anything).
   */
  async lastListing(sourceId: string, ids: readonly string[]): Promise<{ listed: number; shared: number }> {
    const key = this.listedKey(sourceId);
    const [listed, members] = await Promise.all([this.redis.scard(key), ids.length > 0 ? this.redis.smismember(key, ...ids) : Promise.resolve([])]);
    return { listed, shared: members.filter((member) => member === 1).length };
  }

  /**
   * Keeps the item ids a poll listed in place of the last ones, in one round trip, and says how they
   * compare with them (as lastListing). An empty listing is a feed's bad moment, not what the source
   * lists: the last one stays.
   */
  async replaceListing(sourceId: string, ids: readonly string[]): Promise<{ listed: number; shared: number }> {
    if (ids.length === 0) return this.lastListing(sourceId, ids);
    const key = this.listedKey(sourceId);
    const replies = await this.redis.multi().scard(key).smismember(key, ...ids).del(key).sadd(key, ...ids).exec();
    const [listed, members] = (replies ?? []).map(([err, reply]) => {
      if (err) throw err;
      return reply;
    }) as [number, number[]];
    return { listed, shared: members.filter((member) => member === 1).length };
  }

  /** What the source's last poll saw of these entries (item id -> entryMark; undefined: not listed then). */
  async entryMarks(sourceId: string, ids: readonly string[]): Promise<(string | undefined)[]> {
    if (ids.length === 0) return [];
    return (await this.redis.hmget(this.entryMarksKey(sourceId), ...ids)).map((mark) => mark ?? undefined);
  }

  /**
   * Keeps what a poll saw of each entry (item id -> entryMark) in place of the last poll's, in one
   * round trip. A poll that listed nothing leaves the last one's.
   */
  async replaceEntryMarks(sourceId: string, marks: ReadonlyMap<string, string>): Promise<void> {
    if (marks.size === 0) return;
    const key = this.entryMarksKey(sourceId);
    const replies = await this.redis.multi().del(key).hset(key, Object.fromEntries(marks)).exec();
    const failed = replies?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  /** Validators of a poll whose items have all been handled since (a run's), for the next conditional GET. */
  async recordValidators(sourceId: string, validators: Validators): Promise<void> {
    await this.redis.hset(this.key(sourceId), validatorFields(validators));
  }

  /**
   * A failed poll: the next one waits twice as long as the last (from the interval up to the ceiling),
   * and at least `notBeforeMs` when the source asked for that (Retry-After).
   */
  async recordFailure(sourceId: string, at: Date, intervalMs: number, error: { kind: string; message: string; notBeforeMs?: number | undefined }): Promise<SourceHealth> {
    const key = this.key(sourceId);
    const failures = await this.redis.hincrby(key, 'consecutiveFailures', 1);
    await this.redis.hincrby(`${key}:errors`, error.kind, 1);
    const ceiling = Math.max(intervalMs, BACKOFF_CEILING_MS);
    const waitMs = Math.min(Math.max(intervalMs * 2 ** (failures - 1), error.notBeforeMs ?? 0), ceiling);
    await this.redis.hset(key, {
      lastAttemptAt: at.toISOString(),
      lastError: error.message,
      lastErrorKind: error.kind,
      nextAttemptAt: new Date(at.getTime() + waitMs).toISOString(),
    });
    return this.get(sourceId, at, intervalMs);
  }

  async remove(sourceId: string): Promise<void> {
    await this.redis.del(this.key(sourceId), `${this.key(sourceId)}:days`, `${this.key(sourceId)}:errors`, this.listedKey(sourceId), this.entryMarksKey(sourceId));
  }

  /** Failed polls of the source since it was first fetched, by error kind (a counter, for metrics). */
  async errorCounts(sourceId: string): Promise<Record<string, number>> {
    const counts = await this.redis.hgetall(`${this.key(sourceId)}:errors`);
    return Object.fromEntries(Object.entries(counts).map(([kind, n]) => [kind, Number(n)]));
  }

  private async forgetOldDays(sourceId: string, now: Date): Promise<void> {
    const key = `${this.key(sourceId)}:days`;
    const oldest = new Date(now.getTime() - DAYS_KEPT * 86_400_000).toISOString().slice(0, 10);
    const stale = (await this.redis.hkeys(key)).filter((day) => day < oldest);
    if (stale.length) await this.redis.hdel(key, ...stale);
  }
}

/** A warning is read on one line of `marsad sources` and in a table cell: its counts come first. */
const MAX_WARNING_CHARS = 1_000;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function validatorFields(validators: Validators) {
  return { etag: validators.etag ?? '', lastModified: validators.lastModified ?? '' };
}

function itemsPerDay(days: Record<string, string>, now: Date): number {
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
  const total = Object.entries(days).reduce((sum, [day, count]) => (day > since ? sum + Number(count) : sum), 0);
  return Math.round((total / 7) * 10) / 10;
}
