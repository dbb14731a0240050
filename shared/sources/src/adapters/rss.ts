import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import FeedParser from 'rss-parser';
import { z } from 'zod';
import type { SourceConfig } from '@marsad/config';
import { defineAdapter, type FetchContext, type FetchedItem } from '../adapter.js';
import { headlineText, htmlToText } from '../html-text.js';
import { FetchError } from '../http/fetch-error.js';
import { type FeedEntry } from '../feed-entry.js';
import { isFrontPage } from '../identity.js';
import { looksLikeJson, readJsonFeed } from '../json-feed.js';
import { isoDate, modificationDate } from '../news-date.js';
import { readOlderPages } from '../catch-up.js';
import { absoluteUrl, announcedFeeds, ArticleSelectorsSchema, fetchArticles, sameArticle } from '../pages.js';

type FeedItem = FeedParser.Item & {
  'content:encoded'?: string;
  description?: string;
  'media:description'?: string;
  /** An Atom entry's <id>. */
  id?: string;
  /** An Atom entry's <published> and <updated>, as written (see RENAMED). */
  atomPublished?: unknown;
  atomUpdated?: unknown;
  /** RSS 1.0's <dc:date>. */
  date?: unknown;
  /** Every <link> of the entry, as xml2js reads them (see RENAMED). */
  entryLinks?: unknown;
};

/**
 * Elements that reach rss-parser renamed, so that it leaves them to this adapter. It converts an
 * Atom entry's <published> and <updated> with `new Date(…).toISOString()`, which throws on a date it
 * cannot read ("٦ دجنبر ٢٠٢٦") and so loses the whole feed: their text is read like RSS's <pubDate>,
 * by isoDate. Of an Atom entry's links it takes the first when none says rel="alternate" (a Blogger
 * entry's comments feed, where the article's link has no rel, as the spec allows), and throws on a
 * <link> written as text: entryLink reads them all.
 */
const RENAMED: Record<string, string> = { published: 'atomPublished', updated: 'atomUpdated', link: 'entryLinks' };

const parser: FeedParser<Record<string, unknown>, FeedItem> = new FeedParser({
  customFields: { item: ['content:encoded', 'description', 'media:description', 'atomPublished', 'atomUpdated', ['entryLinks', 'entryLinks', { keepArray: true }]] },
  xml2js: { tagNameProcessors: [(name: string) => RENAMED[name] ?? name] },
});

/** RSS 0.9x/2.0, RDF and Atom feeds, read with rss-parser, and JSON Feed. */
export const rss = defineAdapter({
  meta: {
    name: 'rss',
    aliases: ['atom', 'rdf', 'feed', 'jsonfeed', 'json-feed'],
    description: 'RSS 0.9x/2.0, RDF, Atom or JSON Feed',
    example: { id: 'hespress', adapter: 'rss', url: 'https://www.hespress.com/feed', interval: '10m' },
  },
  optionsSchema: z.strictObject({
    /**
     * Fetch each new item's page for the whole article: `true` for every item (a feed of teasers),
     * `"auto"` for the items whose feed text looks cut short (see looksLikeTeaser), whose page then
     * replaces it only when it holds more. @defaultValue false
     */
    fullText: z.union([z.boolean(), z.literal('auto')], { error: 'true (every item\'s page), false or auto (the pages of items the feed cuts short)' }).default(false),
    /** Where the article is on its page (with fullText); without it, a generic extractor finds it. */
    article: ArticleSelectorsSchema.optional(),
  }),
  async fetch(source, options, ctx) {
    const inFeed = addressesInFeed(source.url);
    const first = await readFeedPage(source.url, source, ctx);
    const skipped = first.entries - first.items.length;
    if (skipped > 0) {
      ctx.log.warn({ skipped, entries: first.entries }, 'feed entries with neither a link, an id nor any text skipped');
      ctx.warnings?.push(`${skipped} of ${first.entries} feed entries skipped: neither a link, an id nor any text`);
    }
    const items = first.wordpress ? first.items.concat(await olderWordPressPages(source, first.items, ctx)) : first.items;
    const withoutPage = items.filter((item) => item.url.startsWith(inFeed));
    if (withoutPage.length > 0) ctx.log.info({ entries: withoutPage.length }, 'feed entries without a link of their own, addressed by their id in the feed');
    if (!options.fullText) return items;
    // An entry without a link has no page to read: its text is the feed's.
    const always = options.fullText === true;
    const withPage = items.filter((item) => !item.url.startsWith(inFeed) && (always || looksLikeTeaser(item.text)));
    // Every entry is told, a complete brief too: completed, its teaser or its date says so.
    const pageRead = new Set(withPage.map((item) => item.url));
    const listed = items.filter((item) => !item.url.startsWith(inFeed)).map((item) => ({ url: item.url, chars: item.text.length, modifiedAt: first.modifiedAt.get(item.url), pageRead: pageRead.has(item.url) }));
    const reread = new Set(ctx.pagesToReread ? await ctx.pagesToReread(listed) : []);
    if (withPage.length === 0) return items;
    const articles = await fetchArticles(withPage.map((item) => ({ url: item.url, title: item.title, publishedAt: item.publishedAt, teaser: item.text })), options.article, ctx, source.timeZone, reread);
    // An entry linking a page another entry links too gets the page read for the first.
    const pages = new Map(articles.map((article) => [sameArticle(article.url), article]));
    return items.map((item) => {
      const article = pages.get(sameArticle(item.url));
      // "auto" guesses: a page whose extracted text is shorter than the feed's was not the article.
      return article && (always || article.text.length > item.text.length) ? article : item;
    });
  },
});

/** One feed document's items (entries without a link are addressed in the source's own feed), and whether WordPress wrote it. */
async function readFeedPage(url: string, source: SourceConfig, ctx: FetchContext): Promise<{ items: FetchedItem[]; entries: number; wordpress: boolean; modifiedAt: Map<string, string> }> {
  const response = await ctx.http.get(url, { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8' });
  const body = response.text();
  if (!body.trim()) throw new FetchError('empty', `empty feed at ${url}`, { url });
  const entries = looksLikeJson(body) ? readJsonFeed(body, response.headers['content-type'], url) : await readXmlFeed(body, response.headers['content-type'], url);
  const at = { inFeed: addressesInFeed(source.url), feed: sameArticle(source.url), shared: linksOfSeveralEntries(entries) };
  const modifiedAt = new Map<string, string>();
  const items = entries.flatMap((entry) => {
    const item = toItem(entry, at, source.timeZone);
    const modified = modificationDate(entry.modified, source.timeZone);
    if (item[0] && modified) modifiedAt.set(item[0].url, modified);
    return item;
  });
  return { items, entries: entries.length, wordpress: WORDPRESS_GENERATOR.test(body), modifiedAt };
}

/** The <generator> WordPress writes in its feeds (RSS and Atom). */
const WORDPRESS_GENERATOR = /<generator[^>]*>\s*https?:\/\/wordpress\.org\//i;

/**
 * A WordPress feed lists its latest 10 posts (the site's setting): while none of a page was listed at
 * the source's last poll, the next older one (?paged=2, …) is read too (readOlderPages), so that a site
 * publishing more than that between two polls loses none. A site that answers its first page again
 * ends it, as does its 404 past the last page.
 */
function olderWordPressPages(source: SourceConfig, newest: readonly FetchedItem[], ctx: FetchContext): Promise<FetchedItem[]> {
  const paged = (n: number) => {
    const url = new URL(source.url);
    url.searchParams.set('paged', String(n));
    return url.toString();
  };
  return readOlderPages(
    newest,
    {
      read: async (n) => (await readFeedPage(paged(n), source, ctx)).items,
      link: (item) => item.url,
      isPastLast: (err) => err instanceof FetchError && err.kind === 'not-found',
      name: (n) => `older page ${n} of the feed`,
    },
    ctx,
  );
}

/**
 * What the source answered instead of a feed, when it is plainly something else: a web page (the
 * site's home page, the feed moved, a consent or error page), naming the feeds the page itself
 * announces; or no XML at all (JSON, text). Undefined for broken XML, which the parser's own message
 * describes better.
 */
function notAFeed(body: string, contentType: string | undefined, url: string): string | undefined {
  const start = body.replace(/^\uFEFF/, '').trimStart();
  const type = contentType ? ` (${contentType.split(';')[0]!.trim()})` : '';
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(start)) {
    const feeds = announcedFeeds(body, url);
    return feeds.length
      ? `it answered a web page${type}, not a feed; the page names its feed at ${feeds.slice(0, 3).join(', ')}: make that the source's url`
      : `it answered a web page${type}, not a feed: has the feed moved?`;
  }
  if (!start.startsWith('<')) return `it answered no XML${type}, starting ${JSON.stringify(start.slice(0, 40))}`;
  return undefined;
}

/** Fewer words than this in a feed's text make it a teaser to "auto": news articles run to hundreds. */
const TEASER_WORDS = 100;
/**
 * How feeds end a text they cut: an ellipsis (…, ..., […]), a "read more" link's words, or the
 * footer WordPress feeds add to an excerpt ("The post … appeared first on …", in Arabic "ظهرت
 * المقالة … أولاً على …", in French "L’article … est apparu en premier sur …").
 */
const CUT_ENDINGS = [
  /(?:…|\.\.\.)\s*[\])»"”]?$/u,
  /(?:اقرأ|اقرا|إقرأ|قراءة|تابع|أكمل|اكمل)\s+(?:المزيد|القراءة|الخبر|التفاصيل)[\s\p{P}]*$/u,
  /(?:read more|continue reading|lire la suite|lire plus|leer más|seguir leyendo)[\s\p{P}]*$/iu,
  /appeared first on|est apparu en premier sur|ظهرت المقالة .+ (?:أولاً|أولا|اولا) على/iu,
];

/** A feed text that is likely a cut of the article: short, or ended the way feeds end a cut. */
export function looksLikeTeaser(text: string): boolean {
  const trimmed = text.trim();
  const tail = trimmed.slice(-400);
  if (CUT_ENDINGS.some((ending) => ending.test(tail))) return true;
  return trimmed.split(/\s+/, TEASER_WORDS).length < TEASER_WORDS;
}

/** A broken feed can put elements where text belongs; rss-parser then gives objects, which count as absent. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * What each entry's relative link is relative to, in document order: the xml:base it declares or
 * inherits from the feed's root or channel (an Atom feed served from one path may address its
 * articles from another), each resolved against the one around it, and at the top against the feed's
 * address. rss-parser keeps no attributes, so they are read here, by htmlparser2, and only from a
 * feed that declares one (undefined when it declares none). Should the entries counted here not be the
 * `entries` rss-parser read, every one is given the root's.
 */
function entryBases(xml: string, feedUrl: string, entries: number): string[] | undefined {
  if (!xml.includes('xml:base')) return undefined;
  const bases: string[] = [];
  const open: string[] = [feedUrl];
  let rootBase: string | undefined;
  const reader = new Parser(
    {
      onopentag(name, attributes) {
        const around = open[open.length - 1]!;
        // Only a web address: a javascript: or data: base would make every link under it unusable.
        const declared = absoluteUrl(attributes['xml:base'], around);
        const base = declared && /^https?:/i.test(declared) ? declared : around;
        open.push(base);
        rootBase ??= base;
        if (ENTRY_ELEMENTS.has(name.slice(name.indexOf(':') + 1))) bases.push(base);
      },
      onclosetag() {
        open.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  reader.end(xml);
  return bases.length === entries ? bases : new Array<string>(entries).fill(rootBase ?? feedUrl);
}

/** An RSS or RDF item, an Atom entry (with or without a namespace prefix). */
const ENTRY_ELEMENTS = new Set(['item', 'entry']);

/** RSS 0.9x/2.0, RDF and Atom, read by rss-parser (attributes it drops read by entryBases). */
async function readXmlFeed(xml: string, contentType: string | undefined, url: string): Promise<FeedEntry[]> {
  let feed: FeedParser.Output<FeedItem>;
  try {
    feed = await parser.parseString(xml);
  } catch (err) {
    const why = notAFeed(xml, contentType, url) ?? (err as Error).message.split('\n')[0];
    throw new FetchError('parse', `feed at ${url} is not valid RSS/Atom: ${why}`, { url }, { cause: err });
  }
  const bases = entryBases(xml, url, feed.items.length);
  return feed.items.map((entry, i) => {
    // The first of its texts that holds any: an empty <content:encoded> (a feed set to excerpts)
    // leaves the <description> its text.
    const texts = [entry['content:encoded'], entry.content, entry.description, entry.summary, entry['media:description']];
    const body = texts.reduce<string>((found, html) => found || htmlToText(text(html) ?? ''), '');
    const dates = [entry.pubDate, entry.date, entry.atomPublished, entry.atomUpdated];
    return {
      guid: text(entry.guid)?.trim() || text(entry.id)?.trim() || undefined,
      link: entryLink(entry.entryLinks),
      base: bases?.[i] ?? url,
      title: headlineText(text(entry.title) ?? ''),
      text: body,
      // As written: rss-parser's isoDate is Date.parse's reading, which takes 06/12/2026 for June.
      written: dates.map((date) => text(date)?.trim()).find(Boolean),
      modified: text(entry.atomUpdated)?.trim() || undefined,
    };
  });
}

/**
 * An entry's link among its <link> elements: RSS's text, or the href of Atom's rel="alternate" (the
 * rel a link without one has), or Atom's written as text as some feeds do; not its comments, edit,
 * self or enclosure links.
 */
function entryLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  for (const link of links as unknown[]) {
    if (typeof link === 'string') {
      if (link.trim()) return link;
      continue;
    }
    const { $: attributes, _: content } = (link ?? {}) as { $?: Record<string, unknown>; _?: unknown };
    const rel = text(attributes?.rel)?.trim().toLowerCase();
    const href = text(attributes?.href) ?? text(content);
    if (href?.trim() && (!rel || rel === 'alternate')) return href;
  }
  return undefined;
}

/**
 * The links (canonical) that several entries of the feed give, other entries by their titles and ids (or
 * three titles or more, without ids): a section page, or the one script some CMSs link every entry to.
 * A link is one item, so such entries are addressed in the feed by their ids, each an item of its own,
 * as entries without a link are. Two entries of one id, or one title, are one article listed twice.
 */
function linksOfSeveralEntries(entries: readonly FeedEntry[]): Set<string> {
  // Most feeds give every entry a link of its own: only links that may be one (the same but for their
  // query, fragment or www.) are canonicalised, which costs a feed of 20 entries a tenth of its reading.
  const roughly = (link: string) => link.replace(/[?#].*$/s, '').replace(/^(https?:\/\/)www\./i, '$1').toLowerCase();
  const rough = new Map<string, number>();
  for (const { link } of entries) {
    const key = link && roughly(link);
    if (key) rough.set(key, (rough.get(key) ?? 0) + 1);
  }
  const byLink = new Map<string, { titles: Set<string>; ids: Set<string> }>();
  for (const entry of entries) {
    if (!entry.link || rough.get(roughly(entry.link))! < 2) continue;
    const link = absoluteUrl(entry.link, entry.base);
    if (!link || !entry.title.trim()) continue;
    const key = sameArticle(link);
    let seen = byLink.get(key);
    if (!seen) byLink.set(key, (seen = { titles: new Set(), ids: new Set() }));
    seen.titles.add(entry.title.trim());
    // A permalink id is the article's address: two that differ by a tracking parameter are one.
    if (entry.guid) seen.ids.add(/^https?:\/\//i.test(entry.guid) ? sameArticle(entry.guid) : entry.guid);
  }
  const shared = [...byLink].filter(([, { titles, ids }]) => titles.size >= 3 || (titles.size >= 2 && ids.size >= 2));
  return new Set(shared.map(([link]) => link));
}

/**
 * `inFeed`: the addresses of entries without a link of their own (addressesInFeed); `feed`: the feed's
 * own, canonical; `shared`: links that are no entry's own (linksOfSeveralEntries).
 */
function toItem(entry: FeedEntry, { inFeed, feed, shared }: { inFeed: string; feed: string; shared: ReadonlySet<string> }, timeZone: string | undefined): FetchedItem[] {
  const { guid } = entry;
  const item = { title: entry.title, text: entry.text, publishedAt: isoDate(entry.written, { timeZone }) };
  // The link, else an id that is a web address (a permalink guid, WordPress's ?p=123), unless either
  // is only the site's front page or the feed itself.
  const candidates = [entry.link, guid && /^https?:\/\//i.test(guid) ? guid : undefined].map((written) => absoluteUrl(written, entry.base));
  const isOwn = (link: string | null): link is string => {
    if (!link || isFrontPage(link)) return false;
    const article = sameArticle(link);
    return article !== feed && !shared.has(article);
  };
  const url = candidates.find(isOwn) ?? addressInFeed(inFeed, guid, item);
  return url ? [{ url, ...item }] : [];
}

/**
 * An entry without a link is still an item (a wire's brief, a bridge's post): its address is the feed's
 * with its id, or the digest of its words, as the fragment (`#entry=…`), so that every fetch gives it the same one.
 */
function addressesInFeed(feedUrl: string): string {
  const url = new URL(feedUrl);
  url.hash = '';
  return `${url.toString()}#entry=`;
}

function addressInFeed(inFeed: string, guid: string | undefined, { title, text }: { title: string; text: string }): string | null {
  const key = guid ?? (title || text ? createHash('sha256').update(`${title}\n${text}`).digest('hex').slice(0, 24) : undefined);
  return key ? `${inFeed}${encodeURIComponent(key)}` : null;
}
