import { createLogger } from '@marsad/logger';
import { rssFeed, serveFixtures, type FixtureRoute, type FixtureServer } from '@marsad/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverSources } from './discover.js';
import { createHttpClient } from './http/client.js';

const log = createLogger({ level: 'silent' });
const http = createHttpClient({ totalTimeoutMs: 2_000 });
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A route that writes its body knowing the server's own address (feeds and sitemaps hold absolute links). */
const at = (type: string, body: (origin: string) => string): FixtureRoute => (req, res) => void res.writeHead(200, { 'content-type': type }).end(body(`http://${req.headers.host}`));

describe('discoverSources', () => {
  it("finds a site's announced feeds, its usual feed, its WordPress API and its news sitemap, each tried once", async () => {
    const rss = (origin: string) => rssFeed('موقع', origin, [1, 2].map((n) => ({ title: `خبر ${n}`, link: `${origin}/a/${n}`, description: 'نص', pubDate: `Sat, 0${n} Nov 2026 10:00:00 +0000` })));
    const jsonFeed = (origin: string) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'موقع', items: [1, 2, 3].map((n) => ({ id: `${n}`, url: `${origin}/j/${n}`, title: `خبر ${n}`, content_text: 'نص' })) });
    const posts = (origin: string) => JSON.stringify([1, 2].map((n) => ({ link: `${origin}/w/${n}`, date_gmt: '2026-11-05T10:00:00', title: { rendered: `خبر ${n}` }, excerpt: { rendered: 'نص' } })));
    const sitemap = (origin: string) => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/s/1</loc><lastmod>2026-11-07</lastmod></url><url><loc>${origin}/s/2</loc></url></urlset>`;
    server = await serveFixtures({
      '/': { body: '<html><head><link rel="alternate" type="application/feed+json" href="/feed.json"><link rel="alternate" type="application/rss+xml" href="/feed/"><link rel="alternate" type="application/rss+xml" title="التعليقات" href="/comments/feed/"></head><body>الصفحة الرئيسية</body></html>', headers: { 'content-type': 'text/html; charset=utf-8' } },
      '/feed.json': at('application/feed+json', jsonFeed),
      '/feed/': at('application/rss+xml', rss),
      '/feed': at('application/rss+xml', rss), // the same feed at the usual address: found once
      '/comments/feed/': at('application/rss+xml', (origin) => rssFeed('تعليقات', origin, [{ title: 'تعليق', link: `${origin}/a/1#comment-1`, description: 'رأي' }])),
      '/wp-json/': { body: '{"namespaces":["oembed/1.0","wp/v2"]}', headers: { 'content-type': 'application/json' } },
      '/wp-json/wp/v2/posts?per_page=20&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt': at('application/json', posts),
      '/robots.txt': at('text/plain', (origin) => `User-agent: *\nDisallow: /admin\nSitemap: ${origin}/news-sitemap.xml\n`),
      '/news-sitemap.xml': at('application/xml', sitemap),
    });
    const found = await discoverSources(server.url('/'), { http, log });
    expect(found).toEqual([
      { adapter: 'rss', url: server.url('/feed.json'), items: 3, arabic: null, newest: null, foundBy: 'announced by the page' },
      { adapter: 'rss', url: server.url('/feed/'), items: 2, arabic: null, newest: '2026-11-02T10:00:00.000Z', foundBy: 'announced by the page' },
      { adapter: 'wordpress', url: server.origin, items: 2, arabic: null, newest: '2026-11-05T10:00:00.000Z', foundBy: 'its WordPress REST API' },
      { adapter: 'sitemap', url: server.url('/news-sitemap.xml'), items: 2, arabic: null, newest: '2026-11-07T23:59:59.000Z', foundBy: 'named by robots.txt' },
    ]);
    // No article page was read to try them.
    expect(server.unexpected.filter((path) => /^\/[ajws]\/\d/.test(path))).toEqual([]);
  });

  it('takes the address given for the feed when it is one, and finds nothing on a site that offers none', async () => {
    server = await serveFixtures({ '/rss.php': at('application/rss+xml', (origin) => rssFeed('x', origin, [{ title: 'خبر', link: `${origin}/a/1`, description: 'نص' }])) });
    const arabicTitle = (item: { title: string }) => /[\u0600-\u06FF]/.test(item.title);
    expect(await discoverSources(server.url('/rss.php'), { http, log }, arabicTitle)).toEqual([{ adapter: 'rss', url: server.url('/rss.php'), items: 1, arabic: 1, newest: null, foundBy: 'the address given' }]);
    await server.close();
    server = await serveFixtures({ '/': { body: '<html><body>لا شيء</body></html>', headers: { 'content-type': 'text/html' } } });
    expect(await discoverSources(server.url('/'), { http, log })).toEqual([]);
  });
});
