import type { SourceConfig } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { z } from 'zod';
import type { HttpClient } from './http/client.js';

/** What an adapter returns for each article it finds; the fetcher turns it into an item. */
export const FetchedItemSchema = z.object({
  url: z.string().min(1),
  title: z.string(),
  text: z.string(),
  /** ISO 8601, or null when the source gives no (readable) date. */
  publishedAt: z.string().nullable(),
});
export type FetchedItem = z.infer<typeof FetchedItemSchema>;

export interface FetchContext {
  http: HttpClient;
  /** Already bound to the source (its `sourceId`): adapters log only what is their own. */
  log: Logger;
  /**
   * The URLs among these whose items are not stored yet, so that an adapter fetches article pages
   * only for new items. Without a store (`marsad sources test`), every URL is new.
   */
  filterNew(urls: readonly string[]): Promise<string[]>;
  /**
   * Problems of a poll that still returns its items (article pages not read, entries skipped), one
   * sentence each, where the caller collects them: the fetcher puts them in the run's summary and the
   * source's health, since a log line alone is seen by nobody who reads those. Adapters log the
   * details as well (each page's URL and error).
   */
  warnings?: string[];
  /**
   * The article pages a poll could not read for a reason that may pass (their host timed out, failed or
   * asked to wait, or stopped being asked after failing), where the caller collects them: their items
   * carry the feed's or listing's text, and the fetcher holds them for the next poll to ask again.
   */
  unreadPages?: string[];
  /**
   * Whether any of these article URLs was in the source's last listing; undefined when there is no
   * last listing to compare with (its first poll). A listing sharing none with the last one may have
   * missed what was published between the two polls: an adapter that can read further back (a next
   * page) does so while this says false.
   */
  sharesLastListing?(urls: readonly string[]): Promise<boolean | undefined>;
  /**
   * Of these listed entries, those whose pages to read again though they are stored: their text is
   * much longer than when the source's last poll listed them (a brief completed into the article, its
   * feed's teaser now cut from a longer text), their modification date has moved on (a sitemap's
   * lastmod, an Atom entry's updated), or they are stored briefs due for a check (a few times in the
   * hours after they were first listed), so the fetcher can store the completed article over the
   * brief (a revision). Called once a poll, with every entry that has a page; the fetcher keeps what
   * it saw for the next poll. Without it (no fetcher), no stored item's page is read again.
   */
  pagesToReread?(entries: readonly ListedEntry[]): Promise<string[]>;
}

/** What a listing says of an entry, to tell whether it changed since the last poll (FetchContext.pagesToReread). */
export interface ListedEntry {
  url: string;
  /** The length of the text the listing gives of it (a feed's summary or teaser). */
  chars?: number;
  /** When the listing says it was last modified (ISO 8601). */
  modifiedAt?: string;
  /**
   * False when the poll would not read its page though told to (a feed entry whose text is given
   * whole): it is told for its length to be kept, not to be read again. @defaultValue true
   */
  pageRead?: boolean;
}

/** For callers without a store: every item is new. */
export const everythingIsNew = async (urls: readonly string[]): Promise<string[]> => [...urls];

export interface AdapterMeta {
  name: string;
  /** Other names a sources file may give it (`adapter: atom`); names are read without regard to case. */
  aliases?: readonly string[];
  description: string;
  /** A valid source entry using this adapter, as it would appear in the sources file. */
  example: Record<string, unknown>;
}

/**
 * A source adapter, in the manner of RSSHub's routes: a declarative description, the schema of its
 * own options in the sources file, and `fetch`, which returns items and nothing else.
 */
export interface Adapter<Options extends z.ZodType = z.ZodType> {
  meta: AdapterMeta;
  /** Validates the adapter's own keys of a source entry (the common keys are checked by config). */
  optionsSchema: Options;
  /** Reads the source; `options` are the entry's own keys, parsed by `optionsSchema`. */
  fetch(source: SourceConfig, options: z.infer<Options>, ctx: FetchContext): Promise<FetchedItem[]>;
}

/** Declares an adapter with its options type inferred from its schema. */
export function defineAdapter<Options extends z.ZodType>(adapter: Adapter<Options>): Adapter<Options> {
  return adapter;
}
