import { NameSpellings } from '@marsad/text';
import { z } from 'zod';
import { AlertsSchema, TimeZone } from './alerts.js';
import { IntervalSchema } from './interval.js';
import { addressOf } from './urls.js';

/** A source that names no adapter is a feed: most news sources are. */
export const DEFAULT_ADAPTER = 'rss';

/**
 * One news source. Adapter-specific options (selectors, `fullText`, ...) sit beside these keys and
 * are validated by the adapter's own schema, so the object is kept loose here.
 */
export const SourceSchema = z.looseObject({
  /** Stable identifier, used in item rows, logs, metrics, Redis keys and the dashboard's addresses. */
  // YAML reads `id: 500` as a number: it is the id "500". No spaces, slashes or colons: the id names
  // Redis keys, files (`sources test --record`) and pages.
  id: z
    .union([z.string(), z.number().int().nonnegative().transform(String)], { error: 'write the id as text, e.g. id: hespress' })
    .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, ".", "-" and "_", starting with a letter or digit (at most 64)')),
  /** Human-readable outlet name. @defaultValue the id */
  name: z.string().min(1).optional(),
  /** Adapter that reads the source: rss, html, sitemap, wordpress. @defaultValue rss */
  adapter: z.string().min(1).default(DEFAULT_ADAPTER),
  url: addressOf(['https', 'http']),
  /** Polling interval. @defaultValue 15m */
  interval: IntervalSchema.default(900_000),
  /** A disabled source is kept in the file but never fetched. @defaultValue true */
  enabled: z.boolean().default(true),
  /** Respect the site's robots.txt; false is the operator's choice for a site that allows it otherwise. @defaultValue fetching.robots */
  robots: z.boolean().optional(),
  /** Where the outlet publishes from (ISO 3166-1 alpha-2, e.g. MA): its articles count as set there when tagging. */
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, e.g. MA').optional(),
  /** IANA zone of the times the source writes without one (a page shows its readers' local time). @defaultValue UTC */
  timeZone: TimeZone.optional(),
});

export type SourceConfig = z.infer<typeof SourceSchema>;

/** How long finished jobs stay in Redis, bounding its memory. */
export const RetentionSchema = z.strictObject({
  /** @defaultValue 3600 (one hour) */
  completedAgeSeconds: z.number().int().positive().default(3_600),
  /** @defaultValue 1000 */
  completedCount: z.number().int().positive().default(1_000),
  /** @defaultValue 604800 (seven days) */
  failedAgeSeconds: z.number().int().positive().default(604_800),
  /** @defaultValue 5000 */
  failedCount: z.number().int().positive().default(5_000),
});

/**
 * How a crashed worker's jobs come back (BullMQ's stalled-job recovery): a job whose lock is not renewed
 * for `lockDurationMs` is noticed within `stalledIntervalMs` and run again, up to `maxStalledCount`
 * times before it is failed as stalled.
 */
export const WorkersSchema = z.strictObject({
  /** @defaultValue 30000 */
  lockDurationMs: z.number().int().min(500).default(30_000),
  /** @defaultValue 30000 */
  stalledIntervalMs: z.number().int().min(500).default(30_000),
  /** @defaultValue 3 */
  maxStalledCount: z.number().int().min(1).max(100).default(3),
});

export const ConcurrencySchema = z.strictObject({
  /** @defaultValue 8 */
  fetch: z.number().int().positive().default(8),
  /**
   * Most of a classify job is waiting for the shared index in Redis, so many run at once (the
   * pipeline benchmark: 426 items/s at 4, 641 at 32). @defaultValue 32
   */
  classify: z.number().int().positive().default(32),
  /** Concurrent store jobs are gathered into one INSERT: more at once, fewer statements. @defaultValue 64 */
  store: z.number().int().positive().default(64),
  /**
   * Most alert jobs match no rule and finish at once; with few at a time they fall behind the store
   * in a burst (an e-mail channel still sends at most 3 messages at once, whatever this is). @defaultValue 16
   */
  alert: z.number().int().positive().default(16),
});

export const PipelineSchema = z.strictObject({
  /** Items whose main language is not Arabic are stored (marked arabic: false) unless this is true. @defaultValue false */
  dropNonArabic: z.boolean().default(false),
  /** How long an item stays findable as the original of later copies (references: always). @defaultValue 30 */
  copyWindowDays: z.number().positive().max(3650).default(30),
  /** Attempts per job before it goes to the failed set. @defaultValue 5 */
  attempts: z.number().int().min(1).max(50).default(5),
  /** First retry delay; later ones double, with jitter. @defaultValue 2000 */
  backoffMs: z.number().int().positive().default(2_000),
  retention: RetentionSchema.prefault({}),
  concurrency: ConcurrencySchema.prefault({}),
  workers: WorkersSchema.prefault({}),
});

export type PipelineConfig = z.infer<typeof PipelineSchema>;

/** How the fetchers treat news sites, across every fetcher replica. */
export const FetchingSchema = z.strictObject({
  /** Requests in flight to one host at a time. @defaultValue 2 */
  perHost: z.number().int().min(1).max(64).default(2),
  /** Least time between the starts of two requests to one host. @defaultValue 500 */
  minDelayMs: z.number().int().min(0).max(600_000).default(500),
  /** Respect robots.txt (sources may opt out with `robots: false`). @defaultValue true */
  robots: z.boolean().default(true),
});
export type FetchingConfig = z.infer<typeof FetchingSchema>;

/** How searches and alert queries read what people write; `spellings`: its names, ready for queries. */
export const SearchSchema = z
  .strictObject({
    /**
     * Names a query finds under each of their spellings (`[Laftit, لفتيت]`), beside the bundled ones
     * (shared/text/src/name-spellings.ts); one that shares a spelling with a bundled name adds to it.
     */
    names: z
      .array(
        z
          .array(
            z
              .string()
              .trim()
              .superRefine((spelling, ctx) => {
                const problem = NameSpellings.problemWith(spelling);
                if (problem) ctx.addIssue({ code: 'custom', message: problem });
              }),
          )
          .min(2, 'a name needs two spellings or more, such as [Laftit, لفتيت]'),
      )
      .default([]),
  })
  .transform((search) => ({ ...search, spellings: new NameSpellings(search.names) }));
export type SearchConfig = z.infer<typeof SearchSchema>;

export const ConfigFileSchema = z.strictObject({
  sources: z
    .array(SourceSchema, { error: (issue) => (issue.input === null || issue.input === undefined ? 'no source listed: add entries such as - { id: hespress, url: "https://www.hespress.com/feed" }' : undefined) })
    .min(1, 'list at least one source'),
  pipeline: PipelineSchema.prefault({}),
  fetching: FetchingSchema.prefault({}),
  /** Who is told what, and how (README, "Alerts"). */
  alerts: AlertsSchema.prefault({}),
  search: SearchSchema.prefault({}),
});

export type ConfigFile = z.infer<typeof ConfigFileSchema>;
