import * as cheerio from 'cheerio';
import { z } from 'zod';
import { defineAdapter } from '../adapter.js';
import { FetchError } from '../http/fetch-error.js';
import { isoDate } from '../news-date.js';
import { absoluteUrl, ArticleSelectorsSchema, documentBase, fetchArticles, newestCatchingUp, sameArticle, select, SelectorSchema, type ArticleTarget } from '../pages.js';

/** A news site without a feed: its listing page, read with CSS selectors, then each new article's page. */
export const html = defineAdapter({
  meta: {
    name: 'html',
    description: 'HTML listing page and article pages, read with CSS selectors (css or css@attribute)',
    example: {
      id: 'dgsn-news',
      adapter: 'html',
      url: 'https://www.dgsn.gov.ma/ar/actualites',
      interval: '30m',
      list: { item: '.news-list article', link: 'a@href', title: 'h3', date: 'time@datetime' },
      article: { body: '.article-body' },
    },
  },
  optionsSchema: z.strictObject({
    list: z.strictObject({
      /** One element per article on the listing page. */
      item: SelectorSchema,
      /** The article's link inside the item. @defaultValue "a@href" */
      link: SelectorSchema.default('a@href'),
      title: SelectorSchema.optional(),
      date: SelectorSchema.optional(),
    }),
    article: ArticleSelectorsSchema,
    /**
     * Newest items read per poll (the listing's first); the next as many too while none of them was
     * listed at the last poll (the site published more since), CATCH_UP_BATCHES times at most. @defaultValue 30
     */
    maxItems: z.number().int().min(1).max(500).default(30),
  }),
  async fetch(source, options, ctx) {
    const listing = await ctx.http.get(source.url, { accept: 'text/html,application/xhtml+xml' });
    const $ = cheerio.load(listing.text());
    const elements = $(options.list.item);
    if (elements.length === 0) {
      throw new FetchError('parse', `no element matches the list.item selector "${options.list.item}" at ${source.url}`, { url: source.url });
    }
    const targets: ArticleTarget[] = [];
    const base = documentBase($, listing.url);
    // maxItems counts articles: a listing that links one twice (its lead story in the list too) gives it once.
    const listed = new Set<string>();
    for (const element of elements.toArray()) {
      const item = $(element);
      const url = absoluteUrl(select($, item, options.list.link), base);
      if (!url) continue;
      const article = sameArticle(url);
      if (listed.has(article)) continue;
      listed.add(article);
      const title = options.list.title ? select($, item, options.list.title) : item.find('a').first().text().trim();
      targets.push({ url, title, publishedAt: options.list.date ? isoDate(select($, item, options.list.date), { timeZone: source.timeZone }) : null });
    }
    if (targets.length === 0) {
      throw new FetchError('parse', `no list.item at ${source.url} has a link matching "${options.list.link}"`, { url: source.url });
    }
    return fetchArticles(await newestCatchingUp(targets, options.maxItems, ctx), options.article, ctx, source.timeZone);
  },
});
