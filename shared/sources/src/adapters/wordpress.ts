import { z } from 'zod';
import { defineAdapter, type FetchedItem } from '../adapter.js';
import { htmlToText } from '../html-text.js';
import { FetchError } from '../http/fetch-error.js';
import { isoDate } from '../news-date.js';

/** What the WordPress REST API returns per post, the fields we ask for. */
const PostSchema = z.object({
  link: z.string(),
  date_gmt: z.string().nullish(),
  date: z.string().nullish(),
  title: z.object({ rendered: z.string() }),
  content: z.object({ rendered: z.string() }).optional(),
  excerpt: z.object({ rendered: z.string() }).optional(),
});
const PostsSchema = z.array(PostSchema);

/** A WordPress site through its REST API: full article text without scraping. */
export const wordpress = defineAdapter({
  meta: {
    name: 'wordpress',
    description: 'WordPress REST API (/wp-json/wp/v2/posts) of a site, given its base url',
    example: { id: 'alyaoum24', adapter: 'wordpress', url: 'https://alyaoum24.com', interval: '15m' },
  },
  optionsSchema: z.strictObject({
    /** Posts per poll, newest first. @defaultValue 20 */
    perPage: z.number().int().min(1).max(100).default(20),
  }),
  async fetch(source, options, { http }) {
    const endpoint = new URL('wp-json/wp/v2/posts', source.url.endsWith('/') ? source.url : `${source.url}/`);
    endpoint.searchParams.set('per_page', String(options.perPage));
    endpoint.searchParams.set('_fields', 'link,date_gmt,date,title,content,excerpt');
    const response = await http.get(endpoint.toString(), { accept: 'application/json' });
    let body: unknown;
    try {
      body = JSON.parse(response.text());
    } catch (err) {
      throw new FetchError('parse', `${endpoint} did not answer JSON: ${(err as Error).message}`, { url: endpoint.toString() }, { cause: err });
    }
    const posts = PostsSchema.safeParse(body);
    if (!posts.success) {
      throw new FetchError('parse', `${endpoint} did not answer a list of WordPress posts: ${posts.error.issues[0]?.message}`, { url: endpoint.toString() });
    }
    return posts.data.map((post): FetchedItem => ({
      url: post.link,
      title: htmlToText(post.title.rendered),
      text: htmlToText(post.content?.rendered || post.excerpt?.rendered || ''),
      // date_gmt has no zone designator: it is UTC; date is the site's local time.
      publishedAt: post.date_gmt ? isoDate(`${post.date_gmt}Z`) : isoDate(post.date, { timeZone: source.timeZone }),
    }));
  },
});
