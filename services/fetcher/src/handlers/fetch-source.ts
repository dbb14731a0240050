import type { SourceConfig } from '@marsad/config';
import {
  itemJobId,
  PermanentError,
  RetryLaterError,
  type FetchJob,
  type JobContext,
  type RawItem,
  type Send,
} from '@marsad/queues';
import { canonicalUrl, FetchError, fetchWithAdapter, getAdapter, itemIdFor, type FetchedItem, type HttpClient } from '@marsad/sources';

export interface FetchSourceDeps {
  sources: ReadonlyMap<string, SourceConfig>;
  http: HttpClient;
  /** The ids among these that the store already holds. */
  knownItemIds(ids: readonly string[]): Promise<Set<string>>;
  sendToClassify: Send<'classify'>;
  now?: () => Date;
}

export interface FetchSourceResult {
  sourceId: string;
  /** Items the source listed (after folding duplicate URLs). */
  fetched: number;
  /** Items not stored before, sent to the classifier. */
  queued: number;
}

/** Runs the source's adapter and queues each item the store does not hold yet. */
export async function fetchSource(job: FetchJob, deps: FetchSourceDeps, ctx: JobContext): Promise<FetchSourceResult> {
  const source = deps.sources.get(job.sourceId);
  if (!source) throw new PermanentError(`unknown source "${job.sourceId}": it is not in the sources file`);
  const adapter = getAdapter(source.adapter);
  if (!adapter) throw new PermanentError(`source "${source.id}" names unknown adapter "${source.adapter}"`);
  const started = Date.now();
  let fetched: FetchedItem[];
  try {
    fetched = await fetchWithAdapter(adapter, source, { http: deps.http, log: ctx.log });
  } catch (err) {
    throw asJobError(err);
  }
  const items = toRawItems(fetched, source.id, (deps.now ?? (() => new Date()))());
  const known = await deps.knownItemIds(items.map((item) => item.id));
  const fresh = items.filter((item) => !known.has(item.id));
  await deps.sendToClassify(fresh.map((item) => ({ payload: { item, runId: job.runId }, jobId: itemJobId(item.id) })));
  ctx.log.info({ fetched: items.length, queued: fresh.length, ms: Date.now() - started }, 'fetched');
  return { sourceId: source.id, fetched: items.length, queued: fresh.length };
}

/** Items with their ids; an article listed twice (two URLs, one canonical form) is kept once. */
export function toRawItems(fetched: FetchedItem[], sourceId: string, fetchedAt: Date): RawItem[] {
  const byId = new Map<string, RawItem>();
  for (const entry of fetched) {
    let url: string;
    try {
      url = canonicalUrl(entry.url);
    } catch {
      continue; // an unreadable link cannot be an item; the others still are
    }
    if (!/^https?:/.test(url)) continue;
    const id = itemIdFor(url);
    if (byId.has(id)) continue;
    byId.set(id, { id, sourceId, url, title: clean(entry.title), text: clean(entry.text), publishedAt: entry.publishedAt, fetchedAt: fetchedAt.toISOString() });
  }
  return [...byId.values()];
}

/** Control characters (NUL above all, which PostgreSQL refuses in text) are noise from broken feeds. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/**
 * Transient failures (network, timeout, 5xx) are retried with backoff; a server asking us to wait is
 * retried when it says; the rest (404, parse error, too large) will not change within a minute, so
 * the job fails at once with its kind and the next scheduled poll tries again.
 */
function asJobError(err: unknown): Error {
  if (!(err instanceof FetchError)) return err instanceof Error ? err : new Error(String(err));
  const message = `[${err.kind}] ${err.message}`;
  if (err.kind === 'rate-limited' && err.details.retryAfterMs !== undefined) return new RetryLaterError(message, err.details.retryAfterMs, { cause: err });
  if (err.transient) return new FetchError(err.kind, message, err.details, { cause: err });
  return new PermanentError(message, { cause: err });
}
