import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import type { FetchContext, FetchedItem } from './adapter.js';
import { extractArticle } from './article.js';
import { htmlToText } from './html-text.js';
import { FetchError } from './http/fetch-error.js';
import { canonicalUrl, publishedLink } from './identity.js';
import { isoDate } from './news-date.js';
import { pageDate } from './page-date.js';

/**
 * A CSS selector, optionally reading an attribute instead of the text: `time@datetime`, `a@href`.
 * `@href` alone reads the attribute of the element itself.
 */
export const SelectorSchema = z
  .string()
  .min(1)
  .refine((value) => {
    try {
      const { css } = parseSelector(value);
      if (css) cheerio.load('<p></p>')(css);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid CSS selector (write "css" or "css@attribute")');

/** Where an article page's parts are: `body` is required, the others fall back to the listing. */
export const ArticleSelectorsSchema = z.strictObject({
  title: SelectorSchema.optional(),
  body: SelectorSchema,
  date: SelectorSchema.optional(),
});
export type ArticleSelectors = z.infer<typeof ArticleSelectorsSchema>;

export function parseSelector(selector: string): { css: string; attribute?: string } {
  const match = /^(.*?)@([A-Za-z_:][\w:.-]*)$/.exec(selector.trim());
  return match ? { css: match[1]!.trim(), attribute: match[2]! } : { css: selector.trim() };
}

/** The value a selector names inside `scope`: the first match's attribute, or the text of every match. */
export function select($: cheerio.CheerioAPI, scope: cheerio.Cheerio<AnyNode>, selector: string): string | undefined {
  const { css, attribute } = parseSelector(selector);
  const found = css ? scope.find(css) : scope;
  if (found.length === 0) return undefined;
  if (attribute) return found.first().attr(attribute)?.trim() || undefined;
  return htmlToText(found.toArray().map((node) => $.html(node)).join('\n')) || undefined;
}

/** Article pages of one source read at a time (besides the host's politeness, which holds across sources). */
const PAGES_AT_ONCE = 4;
/**
 * Pages in a row whose host did not answer (timeout, network, TLS, DNS, 5xx) after which a poll reads no
 * more of its pages: the rest keep their teasers. A dead host would otherwise hold the poll for a
 * timeout per page (20 pages hanging, 5 minutes; `marsad run --once` past its limit with 40).
 */
const HOST_FAILURES_TO_STOP = 4;
/** Failures that say the host, not the page, is the trouble. */
const HOST_FAILURE_KINDS: ReadonlySet<string> = new Set(['timeout', 'network', 'tls', 'dns', 'server']);

/** A link as an absolute URL against the page it is on, or null when it is not one. */
export function absoluteUrl(link: unknown, base: string): string | null {
  if (typeof link !== 'string' || !link.trim()) return null;
  try {
    return publishedLink(link, base);
  } catch {
    return null;
  }
}

/**
 * The address two links to one article share (tracking parameters, mobile host, http or https
 * aside: canonicalUrl), to read its page once when a listing or feed links it twice.
 */
export function sameArticle(url: string): string {
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

/**
 * What a page's relative links are relative to: its `<base href>` (itself resolved against the
 * page's address; a web address only), else the page's address, as a browser resolves them.
 */
export function documentBase($: cheerio.CheerioAPI, pageUrl: string): string {
  const declared = absoluteUrl($('base[href]').first().attr('href'), pageUrl);
  return declared && /^https?:/i.test(declared) ? declared : pageUrl;
}

/** The feeds a web page announces (`<link rel="alternate">` of an RSS, Atom or JSON Feed type), as absolute URLs. */
export function announcedFeeds(html: string, pageUrl: string): string[] {
  const $ = cheerio.load(html);
  const links = $('link[rel~="alternate"]').toArray().filter((link) => /^application\/((rss|atom)\+xml|feed\+json)$/i.test($(link).attr('type')?.trim() ?? ''));
  const base = documentBase($, pageUrl);
  return [...new Set(links.map((link) => absoluteUrl($(link).attr('href'), base)).filter((href): href is string => href !== null))];
}

export interface ArticleTarget {
  url: string;
  title?: string;
  publishedAt?: string | null;
  /** What the listing or feed already gave, used when the page cannot be read. */
  teaser?: string;
  /** When the listing says the page was last modified (a sitemap's lastmod). */
  modifiedAt?: string;
}

/**
 * Fetches the page of each new item (those the store already holds are skipped: their pages were
 * read before, unless `reread` names them) and extracts the article, a few pages at a time. A page that
 * fails or does not match keeps the listing's teaser; when no page of the batch matches the selectors,
 * that is the source's error, naming the selector.
 */
export async function fetchArticles(
  linked: readonly ArticleTarget[],
  selectors: ArticleSelectors | undefined,
  ctx: FetchContext,
  /** Of the dates the pages write without a zone (the source's `timeZone`). */
  timeZone?: string,
  /** Stored items' pages to read again (FetchContext.pagesToReread). */
  reread: ReadonlySet<string> = new Set(),
): Promise<FetchedItem[]> {
  // A page linked twice (a listing's lead story in its list too) is read once, for the first link.
  const seen = new Set<string>();
  const targets = linked.filter((target) => {
    const article = sameArticle(target.url);
    return !seen.has(article) && Boolean(seen.add(article));
  });
  const newPages = new Set(await ctx.filterNew(targets.map((t) => t.url)));
  const fresh = new Set([...newPages, ...targets.filter((t) => reread.has(t.url)).map((t) => t.url)]);
  const results: FetchedItem[] = [];
  // Each page not read, and why: the warning tells of new items' pages, whose items are stored with
  // less text; a stored page read again that fails leaves its item as it was.
  const problems = new Map<string, PageProblem>();
  let attempted = 0;
  let next = 0;
  let hostFailuresInARow = 0;
  const work = async () => {
    while (next < targets.length) {
      const target = targets[next++]!;
      const fallback: FetchedItem = { url: target.url, title: target.title ?? '', text: target.teaser ?? '', publishedAt: target.publishedAt ?? null };
      if (!fresh.has(target.url)) {
        results.push(fallback);
        continue;
      }
      if (hostFailuresInARow >= HOST_FAILURES_TO_STOP) {
        problems.set(target.url, { kind: 'unread' });
        ctx.unreadPages?.push(target.url);
        results.push(fallback);
        continue;
      }
      attempted++;
      try {
        const page = await ctx.http.get(target.url, { accept: 'text/html,application/xhtml+xml' });
        hostFailuresInARow = 0;
        const article = selectors ? readWithSelectors(page.text(), selectors) : extractArticle(page.text());
        if (!article) {
          problems.set(target.url, { kind: 'unmatched' });
          results.push(fallback);
          continue;
        }
        results.push({
          url: target.url,
          title: target.title || article.title || '',
          text: article.body,
          publishedAt: target.publishedAt ?? isoDate(article.date, { timeZone }),
        });
      } catch (err) {
        if (err instanceof FetchError && HOST_FAILURE_KINDS.has(err.kind)) hostFailuresInARow++;
        if (err instanceof FetchError && err.transient) ctx.unreadPages?.push(target.url);
        problems.set(target.url, { kind: 'failed', why: err instanceof FetchError ? `[${err.kind}] ${err.message}` : (err as Error).message });
        ctx.log.warn({ url: target.url, err: (err as Error).message }, 'article page not read; keeping the teaser');
        results.push(fallback);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAGES_AT_ONCE, targets.length) }, work));
  const count = (kind: PageProblem['kind']) => [...problems.values()].filter((problem) => problem.kind === kind).length;
  if (count('unread') > 0) ctx.log.warn({ unread: count('unread'), failuresInARow: hostFailuresInARow }, 'article pages not read: their host stopped answering; keeping the teasers');
  // Stored pages read again alone say nothing of the selectors: an article since removed, its address
  // now a "page not found", would fail the source at every poll.
  if (selectors && attempted > 0 && count('unmatched') === attempted && newPages.size > 0) {
    throw new FetchError('parse', `no article page matched the article.body selector "${selectors.body}" (${attempted} pages tried)`);
  }
  if (count('unmatched') > 0) ctx.log.warn({ unmatched: count('unmatched'), selector: selectors?.body }, 'article pages without a match for article.body');
  const warning = pagesWarning(newPages.size, [...problems].filter(([url]) => newPages.has(url)).map(([, problem]) => problem), selectors);
  if (warning) ctx.warnings?.push(warning);
  const order = new Map(targets.map((t, i) => [t.url, i]));
  return results.sort((a, b) => order.get(a.url)! - order.get(b.url)!);
}

/** Why a page was not read: it failed (`why`), was not asked after its host failed too often, or held no article. */
interface PageProblem {
  kind: 'failed' | 'unread' | 'unmatched';
  why?: string;
}

/**
 * The poll's page problems in one sentence, a warning for the run's summary and the source's health:
 * their items carry the feed's or listing's text only (weaker copy detection and tags). What becomes
 * of them is the caller's to say (the fetcher holds those whose pages may answer later: unreadPages).
 */
function pagesWarning(asked: number, problems: readonly PageProblem[], selectors: ArticleSelectors | undefined): string | undefined {
  if (problems.length === 0) return undefined;
  const failures = problems.flatMap((problem) => (problem.kind === 'failed' ? [problem.why!] : []));
  const unread = problems.filter((problem) => problem.kind === 'unread').length;
  const unmatched = problems.filter((problem) => problem.kind === 'unmatched').length;
  const why = [
    failures.length > 0 && `${failures.length} failed (${failures[0]}${failures.length > 1 ? `, and ${failures.length - 1} more` : ''})`,
    unread > 0 && `${unread} not asked after ${HOST_FAILURES_TO_STOP} failures in a row on their host`,
    unmatched > 0 && `${unmatched} without a match for ${selectors ? `the article.body selector "${selectors.body}"` : 'an article body'}`,
  ].filter(Boolean);
  return `${problems.length} of ${asked} article pages not read: ${why.join('; ')}`;
}

function readWithSelectors(html: string, selectors: ArticleSelectors): { title?: string; body: string; date?: string } | undefined {
  const $ = cheerio.load(html);
  const root = $.root();
  const body = select($, root, selectors.body);
  if (!body) return undefined;
  return {
    body,
    title: selectors.title ? select($, root, selectors.title) : undefined,
    // Without a date selector, or where it finds none, the date the page states for machines.
    date: (selectors.date ? select($, root, selectors.date) : undefined) || pageDate((selector) => $(selector).toArray().map((element) => ({ attr: (name) => $(element).attr(name), text: () => $(element).text() }))),
  };
}
