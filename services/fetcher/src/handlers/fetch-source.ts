import { pollingInterval, type SourceConfig } from '@marsad/config';
import {
  itemJobId,
  PermanentError,
  RetryLaterError,
  RUN_MAX_RETRY_AFTER_MS,
  type FetchJob,
  type JobContext,
  type RawItem,
  type Send,
} from '@marsad/queues';
import { canonicalUrl, FetchError, fetchWithAdapter, getAdapter, isPrivateUrl, itemIdFor, publishedLink, type AddressPolicy, type FetchedItem, type HttpClient, type RobotsRules } from '@marsad/sources';
import { PAGE_READ_POLLS, type HeldItem, type HeldItems } from '../held-items.js';
import type { HostGate } from '../host-gate.js';
import { checkListing, sharesLastListing } from '../last-listing.js';
import { pageRereads } from '../page-rereads.js';
import { revisionsOf, type StoredTextLengths } from '../revisions.js';
import type { SourceHealthStore, Validators } from '../source-health.js';

export interface FetchSourceDeps {
  sources: ReadonlyMap<string, SourceConfig>;
  /** For public sources: refuses private addresses (createHttpClient's privateAddresses: 'refuse'). */
  http: HttpClient;
  /**
   * For a source whose own URL is on a private network (the operator's choice): may reach private
   * addresses. Without it, every source uses `http`.
   */
  privateSourceHttp?: HttpClient;
  /** What counts as a public address when telling the two apart. @defaultValue isPublicAddress */
  isPublicAddress?: AddressPolicy;
  /** The ids among these that the store already holds. */
  knownItemIds(ids: readonly string[]): Promise<Set<string>>;
  /**
   * How long the stored text of each of these items is (see revisionsOf); without it, a stored item is
   * never read again.
   */
  storedTextLengths?: StoredTextLengths;
  /** Whether an error is the store's database being down: no fault of the source's, not in its health. */
  storeUnavailable?: (err: unknown) => boolean;
  sendToClassify: Send<'classify'>;
  /** Health, backoff and conditional GET state per source; without it, every poll is a full, unconditional one. */
  health?: SourceHealthStore;
  /** Per-host politeness across replicas; without it, requests go out at once. */
  hostGate?: HostGate;
  /** robots.txt rules; without them (or with `robots: false` on the source), nothing is checked. */
  robots?: RobotsRules;
  /**
   * Where items whose article page a poll could not read wait for the next poll (PAGE_READ_POLLS);
   * without it, and in a run (which polls once), they are stored with the feed's or listing's text at once.
   */
  heldItems?: HeldItems;
  now?: () => Date;
}

export interface FetchSourceResult {
  sourceId: string;
  /** Items the source listed (after folding duplicate URLs). */
  fetched: number;
  /** Items sent to the classifier: those not stored before, and `revised`. */
  queued: number;
  /** Stored items whose text the source now gives much longer, sent again as revisions (see revisionsOf). */
  revised?: number;
  /** New items held for the next poll to read their article pages again (see PAGE_READ_POLLS). */
  held?: number;
  /** The source answered 304 Not Modified: nothing was parsed. */
  notModified?: boolean;
  /** The poll was skipped: the source is failing and its backoff has not run out. */
  backingOff?: boolean;
  /**
   * A run's poll that queued items: the conditional GET validators of this response, not saved yet.
   * A run deletes its queues when it ends, so they are saved (SourceHealthStore.recordValidators)
   * only once every item has passed every stage; until then the next poll reads the whole feed.
   */
  pendingValidators?: Validators;
  /** A run's poll that queued items: the ids it listed, kept as the source's last listing (checkListing) likewise. */
  pendingListing?: string[];
  /** A run's poll that queued items: what it saw of its entries (SourceHealthStore.replaceEntryMarks), kept likewise. */
  pendingEntryMarks?: Record<string, string>;
  /**
   * Problems of a poll that succeeded (article pages not read, entries skipped), one sentence each;
   * absent when there were none.
   */
  warnings?: string[];
}

/** Clears the validators a source's health holds, so its next poll is an unconditional one. */
const NO_VALIDATORS: Validators = {};

/**
 * Runs the source's adapter and queues each new item. A scheduled poll of a failing source waits for
 * its backoff; the source's own URL is asked conditionally (a 304 costs no parsing); every outcome
 * goes to the source's health.
 */
export async function fetchSource(job: FetchJob, deps: FetchSourceDeps, ctx: JobContext): Promise<FetchSourceResult> {
  const source = deps.sources.get(job.sourceId);
  if (!source) throw new PermanentError(`unknown source "${job.sourceId}": it is not in the sources file`);
  const adapter = getAdapter(source.adapter);
  if (!adapter) throw new PermanentError(`source "${source.id}" names unknown adapter "${source.adapter}"`);
  const now = (deps.now ?? (() => new Date()))();
  const health = await deps.health?.get(source.id, now);
  if (!job.runId && health?.nextAttemptAt && Date.parse(health.nextAttemptAt) > now.getTime()) {
    ctx.log.info({ nextAttemptAt: health.nextAttemptAt, consecutiveFailures: health.consecutiveFailures }, 'source backing off: poll skipped');
    return { sourceId: source.id, fetched: 0, queued: 0, backingOff: true };
  }
  const started = Date.now();
  const http = deps.privateSourceHttp && (await isPrivateUrl(source.url, deps.isPublicAddress)) ? deps.privateSourceHttp : deps.http;
  const conditional = conditionalGet(guardedHttp(http, deps.hostGate, source.robots === false ? undefined : deps.robots), source.url, health ?? {});
  let fetched: FetchedItem[];
  const warnings: string[] = [];
  const unreadPages: string[] = [];
  const knownItemIds = rememberingKnown(deps.knownItemIds);
  const rereads = deps.health && deps.storedTextLengths ? pageRereads(deps.health, source.id, (url) => identify(url)?.id, { now, storedTextLengths: deps.storedTextLengths }) : undefined;
  try {
    fetched = await fetchWithAdapter(adapter, source, {
      http: conditional.http,
      log: ctx.log,
      filterNew: (urls) => filterNew(urls, knownItemIds),
      warnings,
      unreadPages,
      ...(deps.health && { sharesLastListing: (urls: readonly string[]) => sharesLastListing(deps.health!, source.id, [...idsOf(urls)]) }),
      ...(rereads && { pagesToReread: rereads.ask }),
    });
  } catch (err) {
    if (err instanceof NotModified) {
      await deps.health?.recordSuccess(source.id, now, 0);
      ctx.log.info({ ms: Date.now() - started }, 'not modified');
      return { sourceId: source.id, fetched: 0, queued: 0, notModified: true };
    }
    if (deps.storeUnavailable?.(err)) throw err;
    const kind = err instanceof FetchError ? err.kind : 'internal';
    // A host that asked to be left alone (429, Retry-After) is not polled before it said.
    const notBeforeMs = err instanceof FetchError && err.kind === 'rate-limited' ? err.details.retryAfterMs : undefined;
    const after = await deps.health?.recordFailure(source.id, now, pollingInterval(source), { kind, message: (err as Error).message, notBeforeMs });
    // A failing source may not poll again for hours: what it held goes on now, with the feed's text.
    const sentHeld = job.runId === undefined && deps.heldItems ? await sendHeld(source.id, deps.heldItems, deps) : 0;
    ctx.log.warn({ kind, err: (err as Error).message, consecutiveFailures: after?.consecutiveFailures, nextAttemptAt: after?.nextAttemptAt, sentHeld }, 'source failed');
    throw asJobError(err, job.runId !== undefined);
  }
  const items = toRawItems(fetched, source.id, now);
  const folded = foldedByTheirLink(fetched);
  if (folded) warnings.push(`${folded.entries} entries not stored: they share their link with entries of other titles (${folded.link}), and a link is one item; does the source give every entry a link of its own?`);
  const known = await knownItemIds(items.map((item) => item.id));
  const fresh = items.filter((item) => !known.has(item.id));
  const revised = deps.storedTextLengths ? await revisionsOf(items.filter((item) => known.has(item.id)), deps.storedTextLengths) : [];
  const holding = job.runId === undefined ? deps.heldItems : undefined;
  const { send, hold, release, gaveUp } = holding ? await holdUnreadPages(source.id, fresh, idsOf(unreadPages), holding, knownItemIds) : { send: fresh, hold: [], release: [], gaveUp: 0 };
  // Held before being sent and released after: a poll cut short in between leaves them to the next.
  await holding?.hold(source.id, hold);
  await deps.sendToClassify(classifyJobs([...send, ...revised], job.runId));
  await holding?.release(source.id, release);
  // An interrupted run would otherwise leave its items unstored behind a 304 until the feed changes,
  // and a 304 would leave held items unasked.
  const deferred = job.runId !== undefined && send.length + revised.length > 0;
  const entryMarks = rereads?.marksToKeep(idsOf(unreadPages));
  if (entryMarks && !deferred) await deps.health!.replaceEntryMarks(source.id, entryMarks);
  // Kept once its items are on their way (a run's, once they are through, as its validators): a poll
  // retried after failing here, or a run's after the last was cut short, compares with the listing
  // before it, and reads as far back again.
  const listed = items.map((item) => item.id);
  const missed = deps.health && (await checkListing(deps.health, source, listed, health?.lastSuccessAt ?? null, { keep: !deferred }));
  if (missed) warnings.push(missed);
  if (hold.length > 0) warnings.push(`${hold.length} of their items held for the next poll, which asks their pages again`);
  if (gaveUp > 0) warnings.push(`${gaveUp} ${gaveUp === 1 ? 'item' : 'items'} stored with the feed's or listing's text alone, their pages not read at ${PAGE_READ_POLLS} polls`);
  const validators = conditional.validators();
  await deps.health?.recordSuccess(source.id, now, send.length, deferred || hold.length > 0 ? NO_VALIDATORS : validators, warnings);
  ctx.log.info({ fetched: items.length, queued: send.length + revised.length, reread: rereads?.asked() ?? 0, revised: revised.length, held: hold.length, warnings: warnings.length, ms: Date.now() - started }, 'fetched');
  const pending = deferred && deps.health && (validators?.etag || validators?.lastModified) ? validators : undefined;
  return {
    sourceId: source.id,
    fetched: items.length,
    queued: send.length + revised.length,
    ...(revised.length > 0 && { revised: revised.length }),
    ...(hold.length > 0 && { held: hold.length }),
    ...(pending && { pendingValidators: pending }),
    ...(deferred && deps.health && listed.length > 0 && { pendingListing: listed }),
    ...(deferred && entryMarks && entryMarks.size > 0 && { pendingEntryMarks: Object.fromEntries(entryMarks) }),
    ...(warnings.length > 0 && { warnings }),
  };
}

/**
 * Which new items go to the classifier now. One whose article page this poll could not read, for a
 * reason that may pass, waits for the next poll (`hold`), once (PAGE_READ_POLLS); an item held before
 * goes on with its page read, or with the feed's text when its page fails again (`gaveUp`), or as held
 * when the source no longer lists it as new (gone from the listing: sent as held; stored meanwhile).
 */
async function holdUnreadPages(
  sourceId: string,
  fresh: readonly RawItem[],
  unread: ReadonlySet<string>,
  heldItems: HeldItems,
  knownItemIds: FetchSourceDeps['knownItemIds'],
): Promise<{ send: RawItem[]; hold: HeldItem[]; release: string[]; gaveUp: number }> {
  const before = await heldItems.list(sourceId);
  const send: RawItem[] = [];
  const hold: HeldItem[] = [];
  const release: string[] = [];
  let gaveUp = 0;
  for (const item of fresh) {
    if (unread.has(item.id)) {
      const polls = (before.get(item.id)?.polls ?? 0) + 1;
      if (polls < PAGE_READ_POLLS) {
        hold.push({ item, polls });
        continue;
      }
      gaveUp++;
    }
    if (before.delete(item.id)) release.push(item.id);
    send.push(item);
  }
  send.push(...(await notStored(before, knownItemIds)));
  release.push(...before.keys());
  return { send, hold, release, gaveUp };
}

/** Of these held items, those the store does not hold yet (another source may have stored one meanwhile). */
async function notStored(held: ReadonlyMap<string, HeldItem>, knownItemIds: FetchSourceDeps['knownItemIds']): Promise<RawItem[]> {
  if (held.size === 0) return [];
  const stored = await knownItemIds([...held.keys()]);
  return [...held.values()].filter(({ item }) => !stored.has(item.id)).map(({ item }) => item);
}

/** Classify jobs for new items, each under its item's id, so that an item queued twice is one job. */
function classifyJobs(items: readonly RawItem[], runId?: string) {
  return items.map((item) => ({ payload: { item, runId }, jobId: itemJobId(item) }));
}

/** Sends the source's held items that are not stored yet, as held, and forgets them all; how many were sent. */
async function sendHeld(sourceId: string, heldItems: HeldItems, deps: Pick<FetchSourceDeps, 'knownItemIds' | 'sendToClassify'>): Promise<number> {
  const held = await heldItems.list(sourceId);
  if (held.size === 0) return 0;
  const send = await notStored(held, deps.knownItemIds);
  await deps.sendToClassify(classifyJobs(send));
  await heldItems.release(sourceId, [...held.keys()]);
  return send.length;
}

/** The item ids of article pages' addresses (see identify). */
function idsOf(urls: readonly string[]): Set<string> {
  return new Set(urls.map((url) => identify(url)?.id).filter((id): id is string => id !== undefined));
}

class NotModified extends Error {}

/** Every request of the poll, robots.txt's included, waits for its host's turn; each is checked against robots.txt. */
function guardedHttp(http: HttpClient, gate: HostGate | undefined, robots: RobotsRules | undefined): HttpClient {
  const polite: HttpClient = gate
    ? {
        get: (url, headers) =>
          gate.run(url, () =>
            http.get(url, headers).catch(async (err: unknown) => {
              // A host that says when to come back is left alone until then, by every source on it.
              if (err instanceof FetchError && err.kind === 'rate-limited' && err.details.retryAfterMs) await gate.holdOff(url, err.details.retryAfterMs);
              throw err;
            }),
          ),
        close: () => http.close(),
      }
    : http;
  if (!robots) return polite;
  return {
    async get(url, headers) {
      await robots.check(url, polite);
      return polite.get(url, headers);
    },
    close: () => polite.close(),
  };
}

/**
 * The HTTP client as the adapter sees it: requests for the source's own URL carry the validators of
 * the last full response, and a 304 ends the poll before any parsing.
 */
function conditionalGet(http: HttpClient, url: string, last: { etag?: string | null; lastModified?: string | null }) {
  let validators: Validators | undefined;
  return {
    validators: () => validators,
    http: {
      async get(target: string, headers: Record<string, string> = {}) {
        if (target !== url) return http.get(target, headers);
        const conditions = { ...(last.etag ? { 'if-none-match': last.etag } : {}), ...(last.lastModified ? { 'if-modified-since': last.lastModified } : {}) };
        const response = await http.get(target, { ...headers, ...conditions });
        if (response.status === 304) throw new NotModified();
        validators = { etag: response.headers.etag, lastModified: response.headers['last-modified'] };
        return response;
      },
      close: () => http.close(),
    } satisfies HttpClient,
  };
}

/**
 * A link as published and its item id (from its canonical form, so the same article under two
 * links is one item); undefined for a link that cannot be an item (unreadable, not http).
 */
function identify(link: string): { url: string; id: string } | undefined {
  let canonical: string;
  try {
    canonical = canonicalUrl(link);
  } catch {
    return undefined;
  }
  return /^https?:/.test(canonical) ? { url: publishedLink(link), id: itemIdFor(canonical) } : undefined;
}

/**
 * `knownItemIds` asking the store only of ids it has not answered as stored this poll: a page-reading
 * poll asks before reading pages and again after, and an item stored stays stored. One not stored is
 * asked again, since another source may store it while pages are read.
 */
function rememberingKnown(knownItemIds: FetchSourceDeps['knownItemIds']): FetchSourceDeps['knownItemIds'] {
  const stored = new Set<string>();
  return async (ids) => {
    const ask = ids.filter((id) => !stored.has(id));
    if (ask.length > 0) for (const id of await knownItemIds(ask)) stored.add(id);
    return new Set(ids.filter((id) => stored.has(id)));
  };
}

async function filterNew(urls: readonly string[], knownItemIds: FetchSourceDeps['knownItemIds']): Promise<string[]> {
  const ids = urls.map((url) => identify(url)?.id);
  const known = await knownItemIds(ids.filter((id): id is string => id !== undefined));
  return urls.filter((_, i) => ids[i] === undefined || !known.has(ids[i]!));
}

/** Items with their ids; an article listed twice (two URLs, one canonical form) is kept once. */
export function toRawItems(fetched: FetchedItem[], sourceId: string, fetchedAt: Date): RawItem[] {
  const byId = new Map<string, RawItem>();
  for (const entry of fetched) {
    const identity = identify(entry.url);
    if (!identity) continue; // an unreadable link cannot be an item; the others still are
    const { url, id } = identity;
    if (byId.has(id)) continue;
    const title = clean(entry.title).slice(0, MAX_TITLE_CHARS);
    byId.set(id, { id, sourceId, url, title, text: clean(entry.text).slice(0, MAX_TEXT_CHARS), publishedAt: plausibleDate(entry.publishedAt, fetchedAt), fetchedAt: fetchedAt.toISOString() });
  }
  return [...byId.values()];
}

/**
 * Entries kept out by toRawItems for a link that entries of two other titles have too, and the first
 * such link: a listing or a feed that gives many articles one link (a section's page) loses all of
 * them but the first, which is said. An article listed twice, with an updated headline or an untitled
 * image link, is not counted.
 */
export function foldedByTheirLink(fetched: readonly FetchedItem[]): { entries: number; link: string } | undefined {
  const byId = new Map<string, { link: string; titles: Set<string> }>();
  for (const entry of fetched) {
    const identity = identify(entry.url);
    const title = clean(entry.title).trim();
    if (identity === undefined || !title) continue;
    let seen = byId.get(identity.id);
    if (!seen) byId.set(identity.id, (seen = { link: identity.url, titles: new Set<string>() }));
    seen.titles.add(title);
  }
  const shared = [...byId.values()].filter(({ titles }) => titles.size >= 3);
  if (shared.length === 0) return undefined;
  return { entries: shared.reduce((sum, { titles }) => sum + titles.size - 1, 0), link: shared[0]!.link };
}

/** Longer text is not one article (a page dump, an inlined file): its start is kept, and analysis stays fast. */
export const MAX_TEXT_CHARS = 100_000;
const MAX_TITLE_CHARS = 1_000;
/** A date further ahead is a broken clock or a typo; such an item is dated by its fetch instead. */
const MAX_FUTURE_MS = 24 * 3_600_000;
/**
 * Before news sites: a date this old is a CMS's empty value (1970-01-01, 0001-01-01), not a publication.
 * Believed, it made the item the original of any later copy of its story, and kept it off the
 * newsroom's days and out of immediate alerts (maxAge).
 */
const EARLIEST_NEWS_MS = Date.UTC(1995, 0, 1);
/** How far a site's clock may run ahead of ours before its date is not believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The item's stated date, unless it cannot be: unreadable, a day ahead or from before news sites, none; ahead of the fetch (a
 * site writing its local time as UTC, Morocco's an hour ahead), the fetch's, the latest it can have been
 * published — an hour late would make another outlet's later copy of it look like the original.
 */
function plausibleDate(publishedAt: string | null, fetchedAt: Date): string | null {
  if (publishedAt === null) return null;
  const time = Date.parse(publishedAt);
  if (Number.isNaN(time) || time > fetchedAt.getTime() + MAX_FUTURE_MS || time < EARLIEST_NEWS_MS) return null;
  return time > fetchedAt.getTime() + CLOCK_SKEW_MS ? fetchedAt.toISOString() : publishedAt;
}

/** Control characters (NUL above all, which PostgreSQL refuses in text) are noise from broken feeds. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/**
 * Transient failures (network, timeout, 5xx) are retried with backoff; a server asking us to wait is
 * retried when it says (in a run, only when it says soon enough: the host gate holds the retry until
 * then); the rest (404, parse error, too large) will not change within a minute, so the job fails at
 * once with its kind and the next scheduled poll tries again.
 */
function asJobError(err: unknown, inRun: boolean): Error {
  if (!(err instanceof FetchError)) return err instanceof Error ? err : new Error(String(err));
  const message = `[${err.kind}] ${err.message}`;
  const { retryAfterMs } = err.details;
  if (err.kind === 'rate-limited' && retryAfterMs !== undefined) {
    if (!inRun) return new RetryLaterError(message, retryAfterMs, { cause: err });
    if (retryAfterMs > RUN_MAX_RETRY_AFTER_MS) {
      return new PermanentError(`${message}: it asks to be left alone for ${Math.ceil(retryAfterMs / 1000)} s (Retry-After), longer than a run waits (${RUN_MAX_RETRY_AFTER_MS / 1000} s); the next run or poll after that asks again`, { cause: err });
    }
  }
  if (err.transient) return new FetchError(err.kind, message, err.details, { cause: err });
  return new PermanentError(message, { cause: err });
}
