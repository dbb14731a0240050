import type { FetchContext } from './adapter.js';
import { sameArticle, type ArticleTarget } from './pages.js';

/** Pages of a listing read at most past the first while none of the last was in the source's last listing. */
export const CATCH_UP_BATCHES = 5;

/** A paged listing's older pages, as readOlderPages reads them. */
export interface OlderPages<T> {
  /** Page `n`'s entries (from 2); an empty page, or one of only entries newer pages gave, ends the reading. */
  read(n: number): Promise<readonly T[]>;
  link(entry: T): string;
  /** Whether an error says there is no such page (WordPress's answer past its last): the end, not a problem. */
  isPastLast(err: unknown): boolean;
  /** A page of fewer entries than this is the last. @defaultValue 1 */
  size?: number;
  /** Older pages read at most. @defaultValue CATCH_UP_BATCHES */
  max?: number;
  /** A page as a warning names it ("older page 3 of the feed"). */
  name(n: number): string;
}

/**
 * The entries of a listing's older pages, read one after another while none of the last page's was
 * in the source's last listing (ctx.sharesLastListing): a site that published more than a page since
 * the last poll loses none, and a first poll reads one page. Entries a newer page gave are left out (a
 * page shifts as the site publishes); a page that fails ends the reading with a warning, the pages
 * read so far kept.
 */
export async function readOlderPages<T>(newest: readonly T[], pages: OlderPages<T>, ctx: FetchContext): Promise<T[]> {
  const older: T[] = [];
  const seen = new Set(newest.map((entry) => sameArticle(pages.link(entry))));
  let page = newest;
  let full = newest.length >= (pages.size ?? 1);
  for (let n = 2; n <= (pages.max ?? CATCH_UP_BATCHES) + 1 && full && page.length > 0 && (await ctx.sharesLastListing?.(page.map(pages.link))) === false; n++) {
    let read: readonly T[];
    try {
      read = await pages.read(n);
    } catch (err) {
      if (!pages.isPastLast(err)) {
        ctx.log.warn({ page: n, err: (err as Error).message }, 'older page not read');
        ctx.warnings?.push(`${pages.name(n)} not read, what was published between the two polls may be missed: ${(err as Error).message}`);
      }
      break;
    }
    full = read.length >= (pages.size ?? 1);
    page = read.filter((entry) => !seen.has(sameArticle(pages.link(entry))));
    for (const entry of page) seen.add(sameArticle(pages.link(entry)));
    older.push(...page);
    ctx.log.info({ page: n, entries: page.length }, 'older page read: none of the newer ones was listed at the last poll');
  }
  return older;
}

/**
 * The first `size` of these targets (newest first), and the next `size` after them while none of the
 * last ones was in the source's last listing: the site published more than `size` since the last poll,
 * and what the listing or sitemap still holds beyond them would be missed. A first poll takes `size`.
 */
export async function newestCatchingUp(targets: readonly ArticleTarget[], size: number, ctx: FetchContext): Promise<ArticleTarget[]> {
  const newest = targets.slice(0, size);
  const batch = async (n: number) => targets.slice((n - 1) * size, n * size);
  return [...newest, ...(await readOlderPages(newest, { read: batch, link: (target) => target.url, isPastLast: () => true, name: (n) => `batch ${n}` }, ctx))];
}
