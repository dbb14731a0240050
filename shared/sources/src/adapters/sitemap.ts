import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { z } from 'zod';
import { defineAdapter, type FetchContext } from '../adapter.js';
import { headlineText } from '../html-text.js';
import { FetchError } from '../http/fetch-error.js';
import { decodeBody } from '../http/decode.js';
import { isFrontPage, isListingPage } from '../identity.js';
import { isoDate, modificationDate } from '../news-date.js';
import { newestCatchingUp } from '../catch-up.js';
import { absoluteUrl, ArticleSelectorsSchema, fetchArticles, type ArticleTarget } from '../pages.js';
import { sitemapsByLikelyNewest } from '../sitemap-index.js';

const GZIP_MAGIC = [0x1f, 0x8b];
/** A gzipped sitemap may not expand beyond this (a gzip bomb otherwise). */
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;
/** An index inside an index (a year's, listing its months) is read; one further down is not. */
const MAX_INDEX_DEPTH = 2;

/** News sitemaps (and sitemap indexes, gzipped or not): newest entries first, then each new article's page. */
export const sitemap = defineAdapter({
  meta: {
    name: 'sitemap',
    aliases: ['news-sitemap'],
    description: 'News sitemap or sitemap index (gzip too); article pages read with selectors or the generic extractor',
    example: { id: 'le360-sitemap', adapter: 'sitemap', url: 'https://fr.le360.ma/sitemap-news.xml', interval: '15m' },
  },
  optionsSchema: z.strictObject({
    /**
     * Newest entries read per poll; the next as many too while none of them was listed at the last
     * poll (the site published more since), CATCH_UP_BATCHES times at most. @defaultValue 30
     */
    maxItems: z.number().int().min(1).max(1000).default(30),
    /** Sitemaps of an index read per poll (those of an index inside it included), likeliest newest first. @defaultValue 3 */
    maxSitemaps: z.number().int().min(1).max(50).default(3),
    /** Where the article is on its page; without it, a generic extractor finds it. */
    article: ArticleSelectorsSchema.optional(),
  }),
  async fetch(source, options, ctx) {
    const root = await readSitemap(source.url, ctx, source.timeZone);
    const fromIndex = await readIndex(root.children, { left: options.maxSitemaps }, 1, ctx, source.timeZone);
    const entries = root.entries.concat(fromIndex.entries);
    if (entries.length === 0 && fromIndex.failure !== undefined) throw fromIndex.failure;
    if (entries.length === 0) {
      const only = root.listings > 0 ? `, only ${root.listings} listing pages (categories, tags, authors, dates), which are not articles` : '';
      throw new FetchError('empty', `sitemap ${source.url} lists no article${only}`, { url: source.url });
    }
    const targets = await newestCatchingUp(entries.sort(byDateDesc), options.maxItems, ctx);
    // A stored article completed since (its lastmod moved on, or a brief due for a check) is read again.
    const reread = new Set(ctx.pagesToReread ? await ctx.pagesToReread(targets.map(({ url, modifiedAt }) => ({ url, modifiedAt }))) : []);
    return fetchArticles(targets, options.article, ctx, source.timeZone, reread);
  },
});

/**
 * An index's sitemaps, those likeliest to hold the newest articles first, `budget` of them in all, and
 * likewise the sitemaps of an index it lists. One that fails (a month's sitemap not generated yet)
 * leaves the others theirs; the first failure is kept, to report should none give an entry.
 */
async function readIndex(children: readonly ArticleTarget[], budget: { left: number }, depth: number, ctx: FetchContext, timeZone: string | undefined): Promise<{ entries: ArticleTarget[]; failure?: unknown }> {
  const read: { entries: ArticleTarget[]; failure?: unknown } = { entries: [] };
  for (const child of sitemapsByLikelyNewest(children)) {
    if (budget.left <= 0) break;
    budget.left--;
    try {
      const sitemap = await readSitemap(child.url, ctx, timeZone);
      read.entries.push(...sitemap.entries);
      if (sitemap.children.length > 0 && depth < MAX_INDEX_DEPTH) {
        const inner = await readIndex(sitemap.children, budget, depth + 1, ctx, timeZone);
        read.entries.push(...inner.entries);
        read.failure ??= inner.failure;
      }
    } catch (err) {
      read.failure ??= err;
      ctx.log.warn({ url: child.url, err: (err as Error).message }, 'sitemap of the index not read');
    }
  }
  return read;
}

interface Sitemap {
  entries: ArticleTarget[];
  children: ArticleTarget[];
  /** Entries left out as a CMS's listing pages (isListingPage). */
  listings: number;
}

/** `timeZone` dates what W3C allows without a zone: a day alone (2026-12-06), and what sites write anyway. */
async function readSitemap(url: string, ctx: FetchContext, timeZone: string | undefined): Promise<Sitemap> {
  const response = await ctx.http.get(url, { accept: 'application/xml, text/xml;q=0.9, */*;q=0.8' });
  let body = response.body;
  if (body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1]) {
    try {
      body = gunzipSync(body, { maxOutputLength: MAX_SITEMAP_BYTES });
    } catch (err) {
      throw new FetchError('encoding', `sitemap ${url} is not readable gzip: ${(err as Error).message}`, { url }, { cause: err });
    }
  }
  const $ = cheerio.load(decodeBody(body, response.headers['content-type']), { xml: true });
  if ($('urlset, sitemapindex').length === 0) throw new FetchError('parse', `${url} is not a sitemap (no <urlset> or <sitemapindex>)`, { url });
  let listings = 0;
  const entries = $('urlset > url').toArray().flatMap((node): ArticleTarget[] => {
    const entry = $(node);
    const loc = absoluteUrl(entry.children('loc').text(), url);
    // A general sitemap lists the front page, categories, tags and authors beside the articles: read,
    // their lists of headlines were items. A news sitemap's entry is an article whatever its address.
    if (!loc || isFrontPage(loc)) return [];
    const news = entry.find('news\\:news, news');
    if (news.length === 0 && isListingPage(loc)) {
      listings++;
      return [];
    }
    const lastmod = entry.children('lastmod').text();
    return [{
      url: loc,
      title: headlineText(news.find('news\\:title, title').first().text()) || undefined,
      publishedAt: isoDate(news.find('news\\:publication_date, publication_date').first().text(), { timeZone }) ?? isoDate(lastmod, { timeZone }),
      modifiedAt: modificationDate(lastmod, timeZone),
    }];
  });
  const children = $('sitemapindex > sitemap').toArray().flatMap((node): ArticleTarget[] => {
    const loc = absoluteUrl($(node).children('loc').text(), url);
    return loc ? [{ url: loc, publishedAt: isoDate($(node).children('lastmod').text(), { timeZone }) }] : [];
  });
  return { entries, children, listings };
}

function byDateDesc(a: ArticleTarget, b: ArticleTarget): number {
  return (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '');
}
