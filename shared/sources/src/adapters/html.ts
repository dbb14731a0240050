import * as cheerio from 'cheerio';
import { z } from 'zod';
import type { AnyNode } from 'domhandler';
import { defineAdapter } from '../adapter.js';
import { FetchError } from '../http/fetch-error.js';
import { isFrontPage, isListingPage } from '../identity.js';
import { isoDate } from '../news-date.js';
import { newestCatchingUp } from '../catch-up.js';
import { absoluteUrl, ArticleSelectorsSchema, documentBase, fetchArticles, parseSelector, sameArticle, select, SelectorSchema, type ArticleTarget } from '../pages.js';

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
      const link = articleLink($, item, options.list.link, base);
      if (!link) continue;
      const { url } = link;
      const article = sameArticle(url);
      if (listed.has(article)) continue;
      listed.add(article);
      const title = options.list.title ? select($, item, options.list.title) : link.text;
      targets.push({ url, title, publishedAt: options.list.date ? isoDate(select($, item, options.list.date), { timeZone: source.timeZone }) : null });
    }
    if (targets.length === 0) {
      throw new FetchError('parse', `no list.item at ${source.url} has a link matching "${options.list.link}"`, { url: source.url });
    }
    const newest = await newestCatchingUp(targets, options.maxItems, ctx);
    // A listing says nothing of an article completed since: its stored briefs are read again, a few times.
    const reread = new Set(ctx.pagesToReread ? await ctx.pagesToReread(newest.map(({ url }) => ({ url }))) : []);
    return fetchArticles(newest, options.article, ctx, source.timeZone, reread);
  },
});

/**
 * The first link the selector finds in a listing's item that addresses an article, with its text: a
 * card that links its section or tag before its story (`<a href="/category/politique">سياسة</a>`)
 * made every story of a section one item, titled with the section's name.
 */
function articleLink($: cheerio.CheerioAPI, item: cheerio.Cheerio<AnyNode>, selector: string, base: string): { url: string; text: string } | undefined {
  const { css, attribute } = parseSelector(selector);
  for (const node of (css ? item.find(css) : item).toArray()) {
    const found = $(node);
    const url = absoluteUrl(attribute ? found.attr(attribute) : found.text(), base);
    // Only a link's own text is a headline: an item's attribute (`@data-url`) would make the card's whole text one.
    if (url && !isFrontPage(url) && !isListingPage(url)) return { url, text: (found.is('a') ? found.text().trim() : '') || linkText($, item, url, base) };
  }
  return undefined;
}

/**
 * The text of the item's first link to `url` that has some (a card's image link comes before its
 * headline's), else of its first link with text to no listing or front page.
 */
function linkText($: cheerio.CheerioAPI, item: cheerio.Cheerio<AnyNode>, url: string, base: string): string {
  const links = item.find('a').toArray().filter((a) => $(a).text().trim());
  const href = (a: AnyNode) => absoluteUrl($(a).attr('href'), base);
  const titled = links.find((a) => href(a) === url) ?? links.find((a) => {
    const other = href(a);
    return !other || (!isFrontPage(other) && !isListingPage(other));
  });
  return titled ? $(titled).text().trim() : '';
}
