import type { Logger } from '@marsad/logger';
import { z } from 'zod';
import { defineAdapter, type FetchContext, type FetchedItem } from '../adapter.js';
import { headlineText, htmlToText } from '../html-text.js';
import { FetchError } from '../http/fetch-error.js';
import { isoDate } from '../news-date.js';
import { CATCH_UP_BATCHES, readOlderPages } from '../catch-up.js';

/** What the WordPress REST API returns per post, the fields we ask for. */
const PostSchema = z.object({
  link: z.string(),
  date_gmt: z.string().nullish(),
  date: z.string().nullish(),
  title: z.object({ rendered: z.string() }),
  content: z.object({ rendered: z.string() }).optional(),
  excerpt: z.object({ rendered: z.string() }).optional(),
});
type Post = z.infer<typeof PostSchema>;

const FIELDS = 'link,date_gmt,date,title,content,excerpt';

/**
 * The posts endpoint: /wp-json/wp/v2/posts, or ?rest_route=/wp/v2/posts on a site without pretty
 * permalinks, whose /wp-json/ path is a 404 while its REST API answers there.
 */
function postsEndpoint(base: string, perPage: number, form: 'path' | 'query', page = 1): string {
  const endpoint = form === 'path' ? new URL('wp-json/wp/v2/posts', base) : new URL(base);
  if (form === 'query') endpoint.searchParams.set('rest_route', '/wp/v2/posts');
  endpoint.searchParams.set('per_page', String(perPage));
  endpoint.searchParams.set('_fields', FIELDS);
  if (page > 1) endpoint.searchParams.set('page', String(page));
  return endpoint.toString();
}

/** Sites found answering at ?rest_route= only (this process): polled there first. */
const queryFormSites = new Set<string>();

/** A WordPress site through its REST API: full article text without scraping. */
export const wordpress = defineAdapter({
  meta: {
    name: 'wordpress',
    aliases: ['wp'],
    description: 'WordPress REST API (/wp-json/wp/v2/posts) of a site, given its base url',
    example: { id: 'alyaoum24', adapter: 'wordpress', url: 'https://alyaoum24.com', interval: '15m' },
  },
  optionsSchema: z.strictObject({
    /** Posts per poll, newest first. @defaultValue 20 */
    perPage: z.number().int().min(1).max(100).default(20),
    /**
     * Older pages read, one after another, while none of a page's posts was in the last poll's
     * listing: a site that published more than perPage posts since then loses none of them (a
     * source's first poll reads one page). @defaultValue 5
     */
    catchUpPages: z.number().int().min(0).max(50).default(CATCH_UP_BATCHES),
  }),
  async fetch(source, options, ctx) {
    const { http, log } = ctx;
    const base = source.url.endsWith('/') ? source.url : `${source.url}/`;
    const read = async (form: 'path' | 'query', page = 1) => {
      const endpoint = postsEndpoint(base, options.perPage, form, page);
      const response = await http.get(endpoint, { accept: 'application/json' });
      return { endpoint, body: parseJson(response.text(), endpoint, log) };
    };
    let answer: Awaited<ReturnType<typeof read>>;
    if (queryFormSites.has(base)) answer = await read('query');
    else {
      try {
        answer = await read('path');
      } catch (err) {
        if (!(err instanceof FetchError && err.kind === 'not-found')) throw err;
        // A site that is no WordPress answers ?rest_route= with its home page, or not at all: the
        // /wp-json/ path's 404 says more than the fallback's own failure would.
        const fallback = await read('query').catch(() => undefined);
        if (!Array.isArray(fallback?.body)) throw err;
        answer = fallback;
        queryFormSites.add(base);
        log.info({ endpoint: answer.endpoint }, 'WordPress REST API found at ?rest_route= (the site has no pretty permalinks)');
      }
    }
    const form = queryFormSites.has(base) ? 'query' : 'path';
    const posts = readPosts(answer, ctx);
    const older = await readOlderPages(
      posts,
      {
        read: async (n) => readPosts(await read(form, n), ctx),
        link: (post) => post.link,
        // WordPress answers 400 past its last page.
        isPastLast: (err) => err instanceof FetchError && err.details.status === 400,
        size: options.perPage,
        max: options.catchUpPages,
        name: (n) => `older page ${n} of posts`,
      },
      ctx,
    );
    return [...posts, ...older].map((post) => toItem(post, source.timeZone));
  },
});

/** The posts of one answer of the API; those it cannot read are skipped with a warning, and an answer of none fails. */
function readPosts({ endpoint, body }: { endpoint: string; body: unknown }, ctx: FetchContext): Post[] {
  if (!Array.isArray(body)) throw new FetchError('parse', `${endpoint} did not answer a list of WordPress posts`, { url: endpoint });
  const posts = body.map((post) => PostSchema.safeParse(post));
  const valid = posts.flatMap((post) => (post.success ? [post.data] : []));
  if (valid.length < posts.length) {
    const issue = posts.find((post) => !post.success)?.error?.issues[0];
    const why = issue ? `${issue.path.join('.')}: ${issue.message}` : '';
    if (valid.length === 0) throw new FetchError('parse', `${endpoint} did not answer WordPress posts: ${why}`, { url: endpoint });
    ctx.log.warn({ skipped: posts.length - valid.length, why }, 'WordPress posts without a link or title skipped');
    ctx.warnings?.push(`${posts.length - valid.length} of ${posts.length} WordPress posts skipped (${why})`);
  }
  return valid;
}

function toItem(post: Post, timeZone: string | undefined): FetchedItem {
  return {
    url: post.link,
    title: headlineText(post.title.rendered),
    text: htmlToText(post.content?.rendered || post.excerpt?.rendered || ''),
    // date_gmt has no zone designator: it is UTC; date is the site's local time.
    publishedAt: post.date_gmt ? isoDate(`${post.date_gmt}Z`) : isoDate(post.date, { timeZone }),
  };
}

/**
 * The body as JSON. A PHP notice or warning a plugin prints before the API's answer ("Deprecated: …
 * in /var/www/… on line 12") is passed over, with a warning: the list of posts after it is whole.
 */
function parseJson(text: string, endpoint: string, log: Logger): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const start = text.search(/\[\s*(\{|\])/);
    if (start > 0) {
      try {
        const body: unknown = JSON.parse(text.slice(start));
        log.warn({ endpoint, before: text.slice(0, Math.min(start, 200)).trim() }, 'text before the WordPress API\'s JSON passed over');
        return body;
      } catch {
        // not a list after all: the first error says what is wrong
      }
    }
    throw new FetchError('parse', `${endpoint} did not answer JSON: ${(err as Error).message}`, { url: endpoint }, { cause: err });
  }
}
