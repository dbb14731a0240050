import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { rssFeed, serveFixtures, type FixtureRoute, type FixtureServer } from '@marsad/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { everythingIsNew, type FetchContext } from '../adapter.js';
import { createHttpClient } from '../http/client.js';
import { FetchError } from '../http/fetch-error.js';
import { adapterOptionChecks, fetchWithAdapter, getAdapter } from '../registry.js';
import { extractArticle } from '../article.js';
import { CATCH_UP_BATCHES } from '../catch-up.js';
import { parseSelector } from '../pages.js';

const log = createLogger({ level: 'silent' });
const http = createHttpClient({ totalTimeoutMs: 2_000 });
let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PARAGRAPHS = [
  'أعلنت المديرية العامة للأمن الوطني عن توقيف ثلاثة أشخاص للاشتباه في تورطهم في قضية تتعلق بالسرقة بالعنف.',
  'وأوضح المصدر ذاته أن العملية جاءت بعد أبحاث ميدانية دقيقة مكنت من تحديد هوية المشتبه فيهم وتوقيفهم.',
  'وقد تم وضع الموقوفين تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي تشرف عليه النيابة العامة.',
];
const articlePage = (bodyClass: string) => `<html><head><meta charset="utf-8"><title>عنوان الصفحة</title></head><body>
<nav>القائمة الرئيسية</nav><div class="${bodyClass}">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div>
<aside>مقالات ذات صلة</aside><script>steal()</script></body></html>`;
const page = (body: string): FixtureRoute => ({ body, headers: { 'content-type': 'text/html; charset=utf-8' } });

async function run(entry: Record<string, unknown>, routes: Record<string, FixtureRoute>, ctx: Partial<FetchContext> = {}) {
  server = await serveFixtures(routes);
  const source = SourceSchema.parse({ id: 'test', ...entry, url: server.url(String(entry.url)) });
  const problems = adapterOptionChecks()[source.adapter]!(source);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  return fetchWithAdapter(getAdapter(source.adapter)!, source, { http, log, filterNew: everythingIsNew, ...ctx });
}

describe('selectors', () => {
  it('reads css@attribute as an attribute and plain css as text', () => {
    expect(parseSelector('time@datetime')).toEqual({ css: 'time', attribute: 'datetime' });
    expect(parseSelector('@href')).toEqual({ css: '', attribute: 'href' });
    expect(parseSelector('a[href^="/ar"] h3')).toEqual({ css: 'a[href^="/ar"] h3' });
  });

  it('rejects an invalid selector in the sources file', () => {
    const check = adapterOptionChecks().html!;
    const problems = check(SourceSchema.parse({ id: 'x', adapter: 'html', url: 'https://x.ma', list: { item: 'div[[' }, article: { body: 'p' } }));
    expect(problems.map((p) => p.message).join()).toMatch(/not a valid CSS selector/);
  });
});

describe('generic article extractor', () => {
  it('finds the article text without selectors and leaves navigation and scripts out', () => {
    const { body } = extractArticle(articlePage('story'));
    expect(body.split('\n')).toEqual(PARAGRAPHS);
  });

  // A WordPress page as news sites serve it: the share buttons and the related posts inside the
  // article's own container, a "read also" link between its paragraphs, a sidebar and comments.
  const wordpressPage = `<html lang="ar" dir="rtl"><head><meta property="og:title" content="ارتفاع أسعار الخضر">
<meta property="article:published_time" content="2026-11-20T10:00:00+01:00"></head><body>
<div class="ticker"><a href="/1">حموشي يستقبل سفير فرنسا بالرباط</a> <a href="/2">الأنتربول يشيد بالمغرب</a></div>
<div class="main-col"><h1 class="entry-title">ارتفاع أسعار الخضر</h1><div class="entry-content">
<p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p>
<p><strong>اقرأ أيضا:</strong> <a href="/x">حموشي يترأس حفل تخرج فوج جديد من ضباط الشرطة بالقنيطرة</a></p>
<p>${PARAGRAPHS[2]}</p>
<p><a href="/y">الإنتربول يعقد جمعيته العامة بمراكش بمشاركة 196 دولة</a></p>
<div class="sharedaddy"><h3>شارك هذا:</h3><ul><li><a href="#">فيسبوك</a></li><li><a href="#">تويتر</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>ذات صلة</h3><div class="jp-relatedposts-items">
<div class="jp-relatedposts-post"><h4><a href="/a">توقيف مبحوث عنه بموجب نشرة حمراء للإنتربول بطنجة</a></h4><p>أوقفت عناصر الشرطة بطنجة مواطنا فرنسيا مبحوثا عنه دوليا</p></div>
<div class="jp-relatedposts-post"><h4><a href="/b">المديرية العامة للأمن الوطني تطلق حملة توظيف</a></h4><p>أعلنت المديرية العامة للأمن الوطني عن مباراة لولوج سلك الشرطة</p></div>
</div></div></div>
<div class="yarpp-related"><h3>مقالات مشابهة</h3><ol><li><a href="/c">الأمن الوطني يفكك شبكة للهجرة السرية بالناظور</a></li></ol></div>
<div id="comments" class="comments-area"><ol class="comment-list"><li><p>البوليس خاصهم يراقبو الأسواق ديال الرباط</p></li></ol></div>
</div><div class="sidebar"><div class="widget"><h3>الأكثر قراءة</h3><ul><li><a href="/e">حموشي يعين ولاة أمن جدد</a></li></ul></div></div>
</body></html>`;

  it("leaves out share buttons, related posts and \"read also\" links, also inside the article's container", () => {
    const article = extractArticle(wordpressPage);
    expect(article.body.split('\n')).toEqual(PARAGRAPHS);
    expect(article.title).toBe('ارتفاع أسعار الخضر');
    expect(article.date).toBe('2026-11-20T10:00:00+01:00');
  });

  it('reads an article written as lines between <br>, without its menu', () => {
    const html = `<html><body><div id="menu"><a href="/">الرئيسية</a> | <a href="/s">رياضة</a></div>
<div class="content">${PARAGRAPHS.join('<br><br>')}</div></body></html>`;
    expect(extractArticle(html).body.split('\n')).toEqual(PARAGRAPHS);
  });

  it('reads the publication time a page states for machines: meta tags, JSON-LD (also in @graph), itemprop', () => {
    const withHead = (head: string, body = '') => `<html><head>${head}</head><body>${body}<div class="story">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
    const dates = [
      withHead('<meta property="article:published_time" content="2026-12-05T10:00:00+01:00">'),
      withHead(ld({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', datePublished: '2020-01-01' }, { '@type': 'NewsArticle', datePublished: '2026-12-05T09:00:00Z' }] })),
      withHead(`${ld('{broken')}${ld([{ '@type': ['ReportageNews'], datePublished: '2026-12-04T08:00:00Z' }])}`),
      withHead('', '<span itemprop="datePublished" content="2026-12-03T07:00:00Z">3 دجنبر</span>'),
      withHead('<meta name="pubdate" content="2026-12-02">'),
      withHead(''),
    ].map((page) => extractArticle(page).date);
    expect(dates).toEqual(['2026-12-05T10:00:00+01:00', '2026-12-05T09:00:00Z', '2026-12-04T08:00:00Z', '2026-12-03T07:00:00Z', '2026-12-02', undefined]);
  });

  it('gives what text there is of a fragment, an empty page or broken markup', () => {
    expect(extractArticle(`<p>${PARAGRAPHS[0]}</p>`).body).toBe(PARAGRAPHS[0]);
    expect(extractArticle('').body).toBe('');
    expect(extractArticle(`<<<>>><div><p>${PARAGRAPHS[1]}`).body).toBe(PARAGRAPHS[1]);
  });
});

describe('html adapter', () => {
  const entry = { adapter: 'html', url: '/news', list: { item: 'li.news', link: 'a@href', title: 'a', date: 'time@datetime' }, article: { body: '.content' } };
  const listing = `<ul><li class="news"><a href="/a/1">خبر أول</a><time datetime="2026-11-01T10:00:00Z"></time></li>
    <li class="news"><a href="a/2">خبر ثان</a></li></ul>`;

  it('reads the listing, then each new article page with its selectors', async () => {
    const items = await run(entry, { '/news': page(listing), '/a/1': page(articlePage('content')), '/a/2': page(articlePage('content')) });
    expect(items.map((i) => [new URL(i.url).pathname, i.title, i.publishedAt])).toEqual([
      ['/a/1', 'خبر أول', '2026-11-01T10:00:00.000Z'],
      ['/a/2', 'خبر ثان', null],
    ]);
    expect(items[0]!.text.split('\n')).toEqual(PARAGRAPHS);
  });

  it("resolves the listing's relative links against its <base href>, as a browser does", async () => {
    const withBase = `<html><head><base href="/archive/2026/"></head><body>${listing}</body></html>`;
    const items = await run(entry, { '/news': page(withBase), '/a/1': page(articlePage('content')), '/archive/2026/a/2': page(articlePage('content')) });
    expect(items.map((i) => new URL(i.url).pathname)).toEqual(['/a/1', '/archive/2026/a/2']);
    expect(items[1]!.text.split('\n')).toEqual(PARAGRAPHS);
  });

  it('reads a page the listing links twice once, and counts it once toward maxItems', async () => {
    const twice = `<ul>${['/a/1', '/a/1?utm_source=home', '/a/2', '/a/3'].map((link) => `<li class="news"><a href="${link}">خبر</a></li>`).join('')}</ul>`;
    let pagesRead = 0;
    const article: FixtureRoute = (_req, res) => void (pagesRead++, res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('content')));
    const items = await run({ ...entry, maxItems: 2 }, { '/news': page(twice), '/a/1': article, '/a/2': article, '/a/3': article });
    expect(items.map((i) => new URL(i.url).pathname)).toEqual(['/a/1', '/a/2']);
    expect(pagesRead).toBe(2);
  });

  it('reads maxItems more while none of the newest was listed at the last poll, and maxItems at a first poll', async () => {
    const seven = `<ul>${[7, 6, 5, 4, 3, 2, 1].map((n) => `<li class="news"><a href="/a/${n}">خبر ${n}</a></li>`).join('')}</ul>`;
    const articles = Object.fromEntries([7, 6, 5, 4, 3, 2, 1].map((n) => [`/a/${n}`, page(articlePage('content'))]));
    const paths = (items: { url: string }[]) => items.map((i) => new URL(i.url).pathname);
    // The last poll listed /a/3: the first two and the next two share none with it, the two after do.
    const lastListing = (urls: readonly string[]) => Promise.resolve(urls.some((url) => url.endsWith('/a/3')));
    expect(paths(await run({ ...entry, maxItems: 2 }, { '/news': page(seven), ...articles }, { sharesLastListing: lastListing }))).toEqual(['/a/7', '/a/6', '/a/5', '/a/4', '/a/3', '/a/2']);
    await server!.close();
    expect(paths(await run({ ...entry, maxItems: 2 }, { '/news': page(seven), ...articles }, { sharesLastListing: () => Promise.resolve(undefined) }))).toEqual(['/a/7', '/a/6']);
  });

  it("takes each card's story link, not the section or tag it links first, and the headline of an image link's story", async () => {
    const cards = `<ul>
      <li class="news"><a href="/category/politique/">سياسة</a><a href="/a/1">خبر أول</a></li>
      <li class="news"><a href="/tag/dgsn">الأمن</a><a href="/a/2"><img src="x.jpg"></a><h3><a href="/a/2">خبر ثان</a></h3></li>
      <li class="news"><a href="/">الرئيسية</a><a href="/category/politique/">سياسة</a></li></ul>`;
    const items = await run({ ...entry, list: { item: 'li.news' } }, { '/news': page(cards), '/a/1': page(articlePage('content')), '/a/2': page(articlePage('content')) });
    expect(items.map((i) => [new URL(i.url).pathname, i.title])).toEqual([['/a/1', 'خبر أول'], ['/a/2', 'خبر ثان']]);
    expect(server!.hits.has('/category/politique/')).toBe(false);
    await server!.close();
    // A link read from the item's own attribute: the title is its link's text, not the whole card's.
    const byAttribute = `<ul><li class="news" data-url="/a/1"><span>سياسة</span><a href="/a/1">خبر أول</a><p>مقتطف</p></li></ul>`;
    const titled = await run({ ...entry, list: { item: 'li.news', link: '@data-url' } }, { '/news': page(byAttribute), '/a/1': page(articlePage('content')) });
    expect(titled.map((i) => i.title)).toEqual(['خبر أول']);
  });

  it("reads the listing's dates as its readers read them, day first, month names, in the source's zone", async () => {
    const dated = { ...entry, timeZone: 'Africa/Cairo', list: { ...entry.list, date: 'span.date' } };
    const dates = ['06/12/2026 - 10:30', 'الأحد 7 ديسمبر 2025', '6 كانون الأول 2026 10:30 م'];
    const listingWithDates = `<ul>${dates.map((date, i) => `<li class="news"><a href="/a/${i}">خبر ${i}</a><span class="date">${date}</span></li>`).join('')}</ul>`;
    const articles = Object.fromEntries(dates.map((_, i) => [`/a/${i}`, page(articlePage('content'))]));
    const items = await run(dated, { '/news': page(listingWithDates), ...articles });
    // Cairo is two hours ahead of UTC in December; a day without a time is dated at its end.
    expect(items.map((i) => i.publishedAt)).toEqual(['2026-12-06T08:30:00.000Z', '2025-12-07T21:59:59.000Z', '2026-12-06T20:30:00.000Z']);
  });

  it("dates an article its listing leaves undated by what its page states, when no date selector is given", async () => {
    const dated = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-12-05T09:30:00Z"}</script></head><body>${articlePage('content')}</body></html>`;
    const items = await run({ ...entry, list: { item: 'li.news', link: 'a@href', title: 'a' } }, { '/news': page(listing), '/a/1': page(dated), '/a/2': page(articlePage('content')) });
    expect(items.map((i) => i.publishedAt)).toEqual(['2026-12-05T09:30:00.000Z', null]);
  });

  it('does not fetch the pages of items the store already holds', async () => {
    const items = await run(entry, { '/news': page(listing), '/a/2': page(articlePage('content')) }, { filterNew: async (urls) => urls.filter((u) => u.endsWith('/a/2')) });
    expect(items).toHaveLength(2);
    expect(server!.unexpected).toEqual([]);
  });

  it('names the selector when the listing has no match', async () => {
    const error = await run(entry, { '/news': page('<div>redesigned</div>') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).kind).toBe('parse');
    expect((error as FetchError).message).toContain('list.item selector "li.news"');
  });

  it("reports the pages it could not read or match as one problem of the poll, their items kept with the listing's text", async () => {
    const three = `<ul>${[1, 2, 3].map((i) => `<li class="news"><a href="/a/${i}">خبر ${i}</a></li>`).join('')}</ul>`;
    const warnings: string[] = [];
    const unreadPages: string[] = [];
    const items = await run(entry, { '/news': page(three), '/a/1': page(articlePage('content')), '/a/3': page(articlePage('other')) }, { warnings, unreadPages });
    expect(items.map((i) => i.text.length > 0)).toEqual([true, false, false]);
    expect(warnings).toEqual([
      `2 of 3 article pages not read: 1 failed ([not-found] HTTP 404 from ${server!.url('/a/2')}); 1 without a match for the article.body selector ".content"`,
    ]);
    // Neither a 404 nor a page without a match is worth asking again at the next poll.
    expect(unreadPages).toEqual([]);
    const clean: string[] = [];
    await server!.close();
    await run(entry, { '/news': page(listing), '/a/1': page(articlePage('content')), '/a/2': page(articlePage('content')) }, { warnings: clean });
    expect(clean).toEqual([]);
  });

  it('names the selector when no article page matches it', async () => {
    const error = await run(entry, { '/news': page(listing), '/a/1': page(articlePage('other')), '/a/2': page(articlePage('other')) }).catch((e: unknown) => e);
    expect((error as FetchError).message).toContain('article.body selector ".content"');
  });
});

describe('rss adapter with fullText', () => {
  it('replaces each teaser with the article from its page, found by the generic extractor', async () => {
    const feed = (origin: string) => rssFeed('f', origin, [{ title: 'خبر', link: `${origin}/a/1`, description: 'مقتطف قصير…' }]);
    server = await serveFixtures({});
    const routes = { '/feed': page(feed(server.origin)), '/a/1': page(articlePage('entry-content')) };
    await server.close();
    const items = await run({ adapter: 'rss', url: '/feed', fullText: true }, routes);
    expect(items).toHaveLength(1);
    // The feed served by `run` links to the first server's origin, which is closed: the page cannot be
    // read, so the teaser is kept (and the failure logged) rather than the item lost.
    expect(items[0]!.text).toBe('مقتطف قصير…');
  });

  it('reads a page two entries link once, and gives both entries its article', async () => {
    let pagesRead = 0;
    const routes: Record<string, FixtureRoute> = { '/a/1': (_req, res) => void (pagesRead++, res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('entry-content'))) };
    routes['/feed'] = (req, res) => {
      const origin = `http://${req.headers.host}`;
      const entries = [`${origin}/a/1`, `${origin}/a/1?utm_medium=rss`].map((link) => ({ title: 'خبر', link, description: 'مقتطف' }));
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, entries));
    };
    const items = await run({ adapter: 'rss', url: '/feed', fullText: true }, routes);
    expect(items.map((i) => i.text.split('\n'))).toEqual([PARAGRAPHS, PARAGRAPHS]);
    expect(pagesRead).toBe(1);
  });

  it("stops reading a poll's pages once their host stops answering, keeping the teasers of the rest", async () => {
    const routes: Record<string, FixtureRoute> = {};
    routes['/feed'] = (req, res) => {
      const origin = `http://${req.headers.host}`;
      const entries = Array.from({ length: 12 }, (_, i) => ({ title: `خبر ${i}`, link: `${origin}/hangs/${i}`, description: `مقتطف ${i}` }));
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, entries));
    };
    // Pages that start answering and never finish: each costs the client's whole timeout (2 s here).
    for (let i = 0; i < 12; i++) routes[`/hangs/${i}`] = (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).write('<html><body>');
    const warnings: string[] = [];
    const unreadPages: string[] = [];
    const items = await run({ adapter: 'rss', url: '/feed', fullText: true }, routes, { warnings, unreadPages });
    expect(items.map((i) => i.text)).toEqual(Array.from({ length: 12 }, (_, i) => `مقتطف ${i}`));
    // Timed out or not asked: every page may answer at the next poll.
    expect(unreadPages.map((url) => new URL(url).pathname).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `/hangs/${i}`).sort());
    // One sentence for the run's summary and the source's health, not a line per page.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^12 of 12 article pages not read: [4-7] failed \(\[timeout\] .*\/hangs\/\d+.*, and [3-6] more\); [5-8] not asked after 4 failures in a row on their host$/);
    const pagesAsked = [...server!.hits].filter(([path]) => path.startsWith('/hangs/')).length;
    // Four at a time: after the fourth failure in a row, none is asked; the three asked as the first
    // three failed were in flight by then. Without the limit, all twelve (a timeout each).
    expect(pagesAsked).toBeLessThanOrEqual(7);
  });

  it('uses the page when it answers', async () => {
    const routes: Record<string, FixtureRoute> = { '/a/1': page(articlePage('entry-content')) };
    routes['/feed'] = (req, res) => {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, [{ title: 'خبر', link: `${origin}/a/1`, description: 'مقتطف' }]));
    };
    const items = await run({ adapter: 'rss', url: '/feed', fullText: true }, routes);
    expect(items[0]!.text.split('\n')).toEqual(PARAGRAPHS);
  });
});

describe('rss adapter with fullText "auto"', () => {
  const longText = Array.from({ length: 8 }, () => PARAGRAPHS.join(' ')).join(' ');
  const entries = (origin: string) => [
    { title: 'كامل', link: `${origin}/a/full`, description: longText },
    { title: 'مقتطف', link: `${origin}/a/teaser`, description: 'أعلنت المديرية العامة للأمن الوطني عن توقيف ثلاثة أشخاص' },
    { title: 'مقطوع', link: `${origin}/a/cut`, description: `${longText} اقرأ المزيد` },
    { title: 'ووردبريس', link: `${origin}/a/wp`, description: `${longText} The post ووردبريس appeared first on Example.` },
    { title: 'صفحة فارغة', link: `${origin}/a/empty-page`, description: 'مقتطف لا تحمل صفحته نصا أطول منه' },
  ];
  const routes = (): Record<string, FixtureRoute> => ({
    '/feed': (req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', `http://${req.headers.host}`, entries(`http://${req.headers.host}`))),
    '/a/teaser': page(articlePage('entry-content')),
    '/a/cut': page(`<html><body><div class="entry-content">${Array.from({ length: 10 }, () => PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')).join('')}</div></body></html>`),
    '/a/wp': page(articlePage('entry-content')),
    '/a/empty-page': page('<html><body><p>خطأ</p></body></html>'),
  });

  it('reads the pages of the items whose feed text looks cut short, and only theirs, keeping the feed order', async () => {
    const items = await run({ adapter: 'rss', url: '/feed', fullText: 'auto' }, routes());
    expect(items.map((i) => new URL(i.url).pathname)).toEqual(['/a/full', '/a/teaser', '/a/cut', '/a/wp', '/a/empty-page']);
    expect(server!.hits.get('/a/full')).toBeUndefined();
    expect(server!.unexpected).toEqual([]);
    expect(items[0]!.text).toBe(longText);
    expect(items.slice(1).map((i) => server!.hits.get(new URL(i.url).pathname))).toEqual([1, 1, 1, 1]);
    expect(items[1]!.text.split('\n')).toEqual(PARAGRAPHS);
    expect(items[2]!.text.split('\n')).toHaveLength(30);
    // A page holding less than the feed gave was not the article (or the extractor missed it): the feed's text stays.
    expect(items[3]!.text).toContain('appeared first on');
    expect(items[4]!.text).toBe('مقتطف لا تحمل صفحته نصا أطول منه');
  });

  it('is accepted by the sources file beside true and false, and nothing else', () => {
    const check = adapterOptionChecks().rss!;
    const entry = (fullText: unknown) => ({ id: 'x', adapter: 'rss', url: 'https://x.ma/feed', fullText });
    expect([true, false, 'auto'].map((value) => check(entry(value)))).toEqual([[], [], []]);
    expect(check(entry('sometimes'))).not.toEqual([]);
  });
});

describe('sitemap adapter', () => {
  const urlset = (origin: string, n: number) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    ${Array.from({ length: n }, (_, i) => `<url><loc>${origin}/a/${i}</loc><news:news><news:publication_date>2026-11-${String(10 + i).padStart(2, '0')}T10:00:00Z</news:publication_date><news:title>خبر ${i}</news:title></news:news></url>`).join('')}</urlset>`;

  it('reads the newest entries of a gzipped index first', async () => {
    const routes: Record<string, FixtureRoute> = {};
    routes['/index.xml.gz'] = (req, res) => {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/news.xml</loc></sitemap></sitemapindex>`));
    };
    routes['/news.xml'] = (req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset(`http://${req.headers.host}`, 5));
    for (const i of [4, 3]) routes[`/a/${i}`] = page(articlePage('article-body'));
    const items = await run({ adapter: 'sitemap', url: '/index.xml.gz', maxItems: 2 }, routes);
    expect(items.map((i) => [new URL(i.url).pathname, i.title])).toEqual([['/a/4', 'خبر 4'], ['/a/3', 'خبر 3']]);
    expect(items[0]!.text.split('\n')).toEqual(PARAGRAPHS);
  });

  it('reads further entries, maxItems at a time, while none was listed at the last poll, up to CATCH_UP_BATCHES more', async () => {
    const routes: Record<string, FixtureRoute> = { '/news.xml': (req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset(`http://${req.headers.host}`, 20)) };
    for (let i = 0; i < 20; i++) routes[`/a/${i}`] = page(articlePage('article-body'));
    const items = await run({ adapter: 'sitemap', url: '/news.xml', maxItems: 2 }, routes, { sharesLastListing: () => Promise.resolve(false) });
    expect(items).toHaveLength(2 * (1 + CATCH_UP_BATCHES));
    expect(items.map((i) => new URL(i.url).pathname).slice(0, 3)).toEqual(['/a/19', '/a/18', '/a/17']);
  });

  it('reads a news title escaped twice as its readers read it', async () => {
    const routes: Record<string, FixtureRoute> = {
      '/news.xml': (req, res) =>
        void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://${req.headers.host}/a/1</loc><news:news><news:title>حموشي &amp;amp; الأنتربول: &amp;quot;شراكة&amp;quot;</news:title></news:news></url></urlset>`),
    };
    expect((await run({ adapter: 'sitemap', url: '/news.xml' }, routes)).map((i) => i.title)).toEqual(['حموشي & الأنتربول: "شراكة"']);
  });

  it('leaves out the front page a general sitemap lists beside its articles', async () => {
    const routes: Record<string, FixtureRoute> = {
      '/sitemap.xml': (req, res) => {
        const origin = `http://${req.headers.host}`;
        const url = (path: string, lastmod: string) => `<url><loc>${origin}${path}</loc><lastmod>${lastmod}</lastmod></url>`;
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${url('/', '2026-11-12T10:00:00Z')}${url('/a/1', '2026-11-11T10:00:00Z')}</urlset>`);
      },
      '/': page(articlePage('article-body')),
      '/a/1': page(articlePage('article-body')),
    };
    expect((await run({ adapter: 'sitemap', url: '/sitemap.xml' }, routes)).map((i) => new URL(i.url).pathname)).toEqual(['/a/1']);
    expect(server!.hits.has('/')).toBe(false);
  });

  it('leaves out the category, tag, author, date and further listing pages a general sitemap lists, but no news entry', async () => {
    const listings = ['/category/politique/', '/ar/tag/%D8%A7%D9%84%D8%A3%D9%85%D9%86/', '/author/redaction', '/2026/12/', '/politique/page/2/', '/taxonomy/term/12', `/${encodeURIComponent('تصنيف')}/${encodeURIComponent('أمن')}/`];
    const articles = ['/2026/12/07/dgsn-campagne', '/ar/%D8%AA%D9%88%D9%82%D9%8A%D9%81-%D9%85%D8%B4%D8%AA%D8%A8%D9%87', '/tags-and-trends-of-2026.html'];
    const routes: Record<string, FixtureRoute> = {
      '/sitemap.xml': (req, res) => {
        const origin = `http://${req.headers.host}`;
        const url = (path: string) => `<url><loc>${origin}${path}</loc><lastmod>2026-12-07T10:00:00Z</lastmod></url>`;
        const news = `<url><loc>${origin}/category/une-news</loc><news:news><news:publication_date>2026-12-07T09:00:00Z</news:publication_date><news:title>خبر</news:title></news:news></url>`;
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${[...listings, ...articles].map(url).join('')}${news}</urlset>`);
      },
    };
    const items = await run({ adapter: 'sitemap', url: '/sitemap.xml', maxItems: 20 }, routes);
    expect(items.map((i) => new URL(i.url).pathname).sort()).toEqual([...articles, '/category/une-news'].sort());
    await server!.close();
    const categories = (req: { headers: { host?: string } }, res: ServerResponse) =>
      void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${listings.map((path) => `<url><loc>http://${req.headers.host}${path}</loc></url>`).join('')}</urlset>`);
    const error = (await run({ adapter: 'sitemap', url: '/category-sitemap.xml' }, { '/category-sitemap.xml': categories }).catch((e: unknown) => e)) as FetchError;
    expect([error.kind, error.message]).toEqual(['empty', `sitemap ${server!.url('/category-sitemap.xml')} lists no article, only 7 listing pages (categories, tags, authors, dates), which are not articles`]);
  });

  it("reads the index's other sitemaps when one fails, and fails only when every one does", async () => {
    const index = (origin: string, paths: string[]) => `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((path, i) => `<sitemap><loc>${origin}${path}</loc><lastmod>2026-11-0${9 - i}</lastmod></sitemap>`).join('')}</sitemapindex>`;
    const routes: Record<string, FixtureRoute> = {
      '/index.xml': (req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(index(`http://${req.headers.host}`, ['/missing.xml', '/posts.xml'])),
      '/posts.xml': (req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset(`http://${req.headers.host}`, 1)),
      '/a/0': page(articlePage('article-body')),
    };
    expect((await run({ adapter: 'sitemap', url: '/index.xml' }, routes)).map((i) => new URL(i.url).pathname)).toEqual(['/a/0']);
    await server!.close();
    const error = (await run({ adapter: 'sitemap', url: '/index.xml' }, { '/index.xml': routes['/index.xml']! }).catch((e: unknown) => e)) as FetchError;
    expect([error.kind, error.message]).toEqual(['not-found', `HTTP 404 from ${server!.url('/missing.xml')}`]);
  });

  it("reads WordPress's newest page of posts, not its categories, and the newest month of an index inside the index", async () => {
    const xml = (body: (origin: string) => string): FixtureRoute => (req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(body(`http://${req.headers.host}`));
    const index = (paths: string[]) => xml((origin) => `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((path) => `<sitemap><loc>${origin}${path}</loc></sitemap>`).join('')}</sitemapindex>`);
    const articles = (month: string, days: number[]) => xml((origin) => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${days.map((day) => `<url><loc>${origin}/a/${month}-${day}</loc><lastmod>2026-${month}-${String(day).padStart(2, '0')}T10:00:00Z</lastmod></url>`).join('')}</urlset>`);
    const routes: Record<string, FixtureRoute> = {
      '/wp-sitemap.xml': index(['/wp-sitemap-posts-post-1.xml', '/wp-sitemap-posts-post-2.xml', '/wp-sitemap-taxonomies-category-1.xml', '/wp-sitemap-users-1.xml']),
      '/wp-sitemap-posts-post-1.xml': articles('10', [1, 2]),
      '/wp-sitemap-posts-post-2.xml': articles('11', [3, 4]),
      '/sitemap.xml': index(['/sitemap-2025.xml', '/sitemap-2026.xml']),
      '/sitemap-2026.xml': index(['/sitemap-2026-11.xml', '/sitemap-2026-12.xml']),
      '/sitemap-2026-11.xml': articles('11', [20]),
      '/sitemap-2026-12.xml': articles('12', [5, 6]),
    };
    for (const path of ['/a/10-2', '/a/11-3', '/a/11-4', '/a/12-5', '/a/12-6']) routes[path] = page(articlePage('article-body'));
    const wordpress = await run({ adapter: 'sitemap', url: '/wp-sitemap.xml', maxItems: 3 }, routes);
    expect(wordpress.map((i) => new URL(i.url).pathname)).toEqual(['/a/11-4', '/a/11-3', '/a/10-2']);
    expect([...server!.hits.keys()].filter((path) => path.startsWith('/wp-'))).toEqual(['/wp-sitemap.xml', '/wp-sitemap-posts-post-2.xml', '/wp-sitemap-posts-post-1.xml']);
    await server!.close();
    const yearly = await run({ adapter: 'sitemap', url: '/sitemap.xml', maxItems: 2, maxSitemaps: 2 }, routes);
    expect(yearly.map((i) => new URL(i.url).pathname)).toEqual(['/a/12-6', '/a/12-5']);
    expect([...server!.hits.keys()].filter((path) => path.startsWith('/sitemap'))).toEqual(['/sitemap.xml', '/sitemap-2026.xml', '/sitemap-2026-12.xml']);
  });

  it("dates entries written without a zone in the source's time zone", async () => {
    const entry = (origin: string, path: string, date: string) => `<url><loc>${origin}${path}</loc><news:news><news:publication_date>${date}</news:publication_date><news:title>خبر</news:title></news:news></url>`;
    const routes: Record<string, FixtureRoute> = {
      '/news.xml': (req, res) => {
        const origin = `http://${req.headers.host}`;
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${entry(origin, '/timed', '2026-11-20T10:00:00')}${entry(origin, '/day', '2026-11-19')}</urlset>`);
      },
      '/timed': page(articlePage('article-body')),
      '/day': page(articlePage('article-body')),
    };
    const items = await run({ adapter: 'sitemap', url: '/news.xml', timeZone: 'Asia/Beirut' }, routes);
    // Beirut is two hours ahead of UTC in November; a day alone is dated at its end there.
    expect(items.map((i) => [new URL(i.url).pathname, i.publishedAt])).toEqual([
      ['/timed', '2026-11-20T08:00:00.000Z'],
      ['/day', '2026-11-19T21:59:59.000Z'],
    ]);
  });

  it('says so when the document is not a sitemap', async () => {
    const error = await run({ adapter: 'sitemap', url: '/s.xml' }, { '/s.xml': page('<html><body>moved</body></html>') }).catch((e: unknown) => e);
    expect((error as FetchError).kind).toBe('parse');
    expect((error as FetchError).message).toMatch(/not a sitemap/);
  });
});

describe('wordpress adapter', () => {
  it('reads posts from the REST API with their full content and UTC dates', async () => {
    const posts = [{ link: 'https://site.ma/1.html', date_gmt: '2026-11-01T09:00:00', title: { rendered: 'عنوان &#8211; أول' }, content: { rendered: PARAGRAPHS.map((p) => `<p>${p}</p>`).join('') } }];
    const items = await run({ adapter: 'wordpress', url: '/', perPage: 5 }, {
      '/wp-json/wp/v2/posts?per_page=5&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt': { body: JSON.stringify(posts), headers: { 'content-type': 'application/json' } },
    });
    expect(items).toEqual([{ url: 'https://site.ma/1.html', title: 'عنوان – أول', text: PARAGRAPHS.join('\n'), publishedAt: '2026-11-01T09:00:00.000Z' }]);
  });

  const QUERY = 'per_page=20&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt';
  const post = (n: number) => ({ link: `https://site.ma/${n}.html`, date_gmt: '2026-11-01T09:00:00', title: { rendered: `عنوان ${n}` }, excerpt: { rendered: `<p>مقتطف ${n}</p>` } });
  const json = (body: unknown): FixtureRoute => ({ body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it('finds the REST API at ?rest_route= on a site without pretty permalinks, and polls it there after', async () => {
    const routes = { [`/?rest_route=%2Fwp%2Fv2%2Fposts&${QUERY}`]: json([post(1)]) };
    expect((await run({ adapter: 'wordpress', url: '/' }, routes)).map((i) => i.url)).toEqual(['https://site.ma/1.html']);
    expect(server!.unexpected).toEqual([`/wp-json/wp/v2/posts?${QUERY}`]);
    const source = SourceSchema.parse({ id: 'test', adapter: 'wordpress', url: server!.url('/') });
    await fetchWithAdapter(getAdapter('wordpress')!, source, { http, log, filterNew: everythingIsNew });
    expect(server!.unexpected).toHaveLength(1);
  });

  it('says a site whose REST API answers at neither address (its home page at ?rest_route=) is not found at /wp-json/', async () => {
    const error = (await run({ adapter: 'wordpress', url: '/' }, { [`/?rest_route=%2Fwp%2Fv2%2Fposts&${QUERY}`]: page('<html><body>الصفحة الرئيسية</body></html>') }).catch((e: unknown) => e)) as FetchError;
    expect([error.kind, error.message]).toEqual(['not-found', `HTTP 404 from ${server!.url(`/wp-json/wp/v2/posts?${QUERY}`)}`]);
  });

  it("passes over a PHP notice printed before the API's JSON, and skips a post it cannot read", async () => {
    const notice = '<br />\n<b>Deprecated</b>: Function create_function() is deprecated in <b>/var/www/wp-content/plugins/x.php</b> on line <b>12</b><br />\n';
    const warnings: string[] = [];
    const items = await run({ adapter: 'wordpress', url: '/' }, { [`/wp-json/wp/v2/posts?${QUERY}`]: json(`${notice}${JSON.stringify([post(1), { link: 'https://site.ma/2.html' }, post(3)])}`) }, { warnings });
    expect(items.map((i) => [i.url, i.text])).toEqual([['https://site.ma/1.html', 'مقتطف 1'], ['https://site.ma/3.html', 'مقتطف 3']]);
    expect(warnings).toEqual(['1 of 3 WordPress posts skipped (title: Invalid input: expected object, received undefined)']);
    await server!.close();
    const none = (await run({ adapter: 'wordpress', url: '/' }, { [`/wp-json/wp/v2/posts?${QUERY}`]: json([{ id: 1 }]) }).catch((e: unknown) => e)) as FetchError;
    expect([none.kind, none.message]).toEqual(['parse', `${server!.url(`/wp-json/wp/v2/posts?${QUERY}`)} did not answer WordPress posts: link: Invalid input: expected string, received undefined`]);
  });

  it('reads older pages while none of a page was listed at the last poll, up to catchUpPages, and one page at a first poll', async () => {
    const PAGE_OF_2 = 'per_page=2&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt';
    const routes = {
      [`/wp-json/wp/v2/posts?${PAGE_OF_2}`]: json([post(9), post(8)]),
      [`/wp-json/wp/v2/posts?${PAGE_OF_2}&page=2`]: json([post(7), post(6)]),
      [`/wp-json/wp/v2/posts?${PAGE_OF_2}&page=3`]: json([post(5), post(4)]),
      [`/wp-json/wp/v2/posts?${PAGE_OF_2}&page=4`]: { status: 400, body: '{"code":"rest_post_invalid_page_number"}', headers: { 'content-type': 'application/json' } },
    };
    // The last poll listed post 5: pages 1 and 2 share none with it, page 3 does.
    const lastListing = (links: readonly string[]) => Promise.resolve(links.some((link) => link.endsWith('/5.html')));
    const numbers = (items: { url: string }[]) => items.map((i) => Number(/(\d+)\.html/.exec(i.url)![1]));
    expect(numbers(await run({ adapter: 'wordpress', url: '/', perPage: 2 }, routes, { sharesLastListing: lastListing }))).toEqual([9, 8, 7, 6, 5, 4]);
    await server!.close();
    expect(numbers(await run({ adapter: 'wordpress', url: '/', perPage: 2, catchUpPages: 1 }, routes, { sharesLastListing: lastListing }))).toEqual([9, 8, 7, 6]);
    await server!.close();
    expect(numbers(await run({ adapter: 'wordpress', url: '/', perPage: 2 }, routes, { sharesLastListing: () => Promise.resolve(undefined) }))).toEqual([9, 8]);
    await server!.close();
    // Past its last page WordPress answers 400: the pages read are the poll's, without a warning.
    const warnings: string[] = [];
    expect(numbers(await run({ adapter: 'wordpress', url: '/', perPage: 2 }, routes, { sharesLastListing: () => Promise.resolve(false), warnings }))).toEqual([9, 8, 7, 6, 5, 4]);
    expect(warnings).toEqual([]);
    expect(server!.unexpected).toEqual([]);
  });

  it('keeps the pages read when an older one fails, saying what may be missed', async () => {
    const PAGE_OF_1 = 'per_page=1&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt';
    const warnings: string[] = [];
    const items = await run({ adapter: 'wordpress', url: '/', perPage: 1 }, { [`/wp-json/wp/v2/posts?${PAGE_OF_1}`]: json([post(3)]), [`/wp-json/wp/v2/posts?${PAGE_OF_1}&page=2`]: { status: 503, body: 'busy' } }, { sharesLastListing: () => Promise.resolve(false), warnings });
    expect(items.map((i) => i.url)).toEqual(['https://site.ma/3.html']);
    expect(warnings).toEqual([`older page 2 of posts not read, what was published between the two polls may be missed: HTTP 503 from ${server!.url(`/wp-json/wp/v2/posts?${PAGE_OF_1}&page=2`)}`]);
  });

  it('reports a site that answers something else than posts as a parse error', async () => {
    const error = await run({ adapter: 'wordpress', url: '/' }, {
      '/wp-json/wp/v2/posts?per_page=20&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt': page('<html>maintenance</html>'),
    }).catch((e: unknown) => e);
    expect((error as FetchError).kind).toBe('parse');
    expect((error as FetchError).message).toMatch(/did not answer JSON/);
  });
});
