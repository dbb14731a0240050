import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { z } from 'zod';
import { defineAdapter, type FetchContext } from '../adapter.js';
import { FetchError } from '../http/fetch-error.js';
import { decodeBody } from '../http/decode.js';
import { isoDate } from '../news-date.js';
import { absoluteUrl, ArticleSelectorsSchema, fetchArticles, type ArticleTarget } from '../pages.js';

const GZIP_MAGIC = [0x1f, 0x8b];
/** A gzipped sitemap may not expand beyond this (a gzip bomb otherwise). */
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

/** News sitemaps (and sitemap indexes, gzipped or not): newest entries first, then each new article's page. */
export const sitemap = defineAdapter({
  meta: {
    name: 'sitemap',
    description: 'News sitemap or sitemap index (gzip too); article pages read with selectors or the generic extractor',
    example: { id: 'le360-sitemap', adapter: 'sitemap', url: 'https://fr.le360.ma/sitemap-news.xml', interval: '15m' },
  },
  optionsSchema: z.strictObject({
    /** Newest entries read per poll. @defaultValue 30 */
    maxItems: z.number().int().min(1).max(1000).default(30),
    /** Child sitemaps of an index read per poll, newest first. @defaultValue 3 */
    maxSitemaps: z.number().int().min(1).max(50).default(3),
    /** Where the article is on its page; without it, a generic extractor finds it. */
    article: ArticleSelectorsSchema.optional(),
  }),
  async fetch(source, options, ctx) {
    const root = await readSitemap(source.url, ctx, source.timeZone);
    let entries = root.entries;
    let firstFailure: unknown;
    if (root.children.length > 0) {
      const newest = [...root.children].sort(byDateDesc).slice(0, options.maxSitemaps);
      for (const child of newest) {
        // One child that fails (a month's sitemap not generated yet) leaves the others theirs.
        try {
          entries = entries.concat((await readSitemap(child.url, ctx, source.timeZone)).entries);
        } catch (err) {
          firstFailure ??= err;
          ctx.log.warn({ url: child.url, err: (err as Error).message }, 'sitemap of the index not read');
        }
      }
    }
    if (entries.length === 0 && firstFailure !== undefined) throw firstFailure;
    if (entries.length === 0) throw new FetchError('empty', `sitemap ${source.url} lists no article`, { url: source.url });
    const targets = entries.sort(byDateDesc).slice(0, options.maxItems);
    return fetchArticles(targets, options.article, ctx, source.timeZone);
  },
});

interface Sitemap {
  entries: ArticleTarget[];
  children: ArticleTarget[];
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
  const entries = $('urlset > url').toArray().flatMap((node): ArticleTarget[] => {
    const entry = $(node);
    const loc = absoluteUrl(entry.children('loc').text(), url);
    if (!loc) return [];
    const news = entry.find('news\\:news, news');
    return [{
      url: loc,
      title: news.find('news\\:title, title').first().text().trim() || undefined,
      publishedAt: isoDate(news.find('news\\:publication_date, publication_date').first().text(), { timeZone }) ?? isoDate(entry.children('lastmod').text(), { timeZone }),
    }];
  });
  const children = $('sitemapindex > sitemap').toArray().flatMap((node): ArticleTarget[] => {
    const loc = absoluteUrl($(node).children('loc').text(), url);
    return loc ? [{ url: loc, publishedAt: isoDate($(node).children('lastmod').text(), { timeZone }) }] : [];
  });
  return { entries, children };
}

function byDateDesc(a: ArticleTarget, b: ArticleTarget): number {
  return (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '');
}
