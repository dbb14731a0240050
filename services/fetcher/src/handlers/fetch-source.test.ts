import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { PermanentError, RetryLaterError, RUN_MAX_RETRY_AFTER_MS, type Outgoing } from '@marsad/queues';
import { canonicalUrl, createHttpClient, FetchError, itemIdFor } from '@marsad/sources';
import { rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, foldedByTheirLink, toRawItems, type FetchSourceDeps } from './fetch-source.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j1', attempt: 1 };
const http = createHttpClient({ totalTimeoutMs: 2_000 });
const NOW = new Date('2024-11-10T12:00:00Z');
let server: FixtureServer;

const FEED = rssFeed('هسبريس', 'https://www.hespress.com', [
  { title: 'خبر أول', link: 'https://www.hespress.com/1.html?utm_source=rss', description: 'نص أول', pubDate: 'Sat, 09 Nov 2024 16:45:00 +0000' },
  { title: 'خبر ثان', link: 'https://www.hespress.com/2.html', description: 'نص ثان' },
  { title: 'خبر أول مكرر', link: 'https://hespress.com/1.html#comments', description: 'نص أول' },
]);

/** An article of some 900 characters, as a brief of two lines becomes once completed. */
const COMPLETED = 'صوتت الجمعية العامة للأنتربول بأغلبية كبيرة لصالح مرشح المملكة المغربية لشغل منصب نائب رئيس المنظمة. '.repeat(9);

beforeAll(async () => {
  server = await serveFixtures({
    '/feed': { body: FEED, headers: { 'content-type': 'application/rss+xml' } },
    '/section': {
      body: rssFeed('x', 'https://a.ma', ['أول', 'ثان', 'ثالث'].map((title, i) => ({ title, link: 'https://a.ma/ar/news', guid: `n${i}`, description: `نص ${title}` }))),
      headers: { 'content-type': 'application/rss+xml' },
    },
    '/completed': {
      body: rssFeed('هسبريس', 'https://www.hespress.com', [
        { title: 'الأنتربول ينتخب المغرب نائبا لرئيسه', link: 'https://www.hespress.com/1.html', description: COMPLETED },
        { title: 'خبر ثان', link: 'https://www.hespress.com/2.html', description: COMPLETED.slice(0, 350) },
        { title: 'خبر ثالث', link: 'https://www.hespress.com/3.html', description: COMPLETED },
        { title: 'خبر رابع', link: 'https://www.hespress.com/4.html', description: COMPLETED },
      ]),
      headers: { 'content-type': 'application/rss+xml' },
    },
    '/missing': { status: 404, body: '' },
    '/down': { status: 503, body: '' },
    '/busy': { status: 429, body: '', headers: { 'retry-after': '90' } },
    '/busy-briefly': { status: 429, body: '', headers: { 'retry-after': '5' } },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

function deps(path: string, known: string[] = []) {
  const sent: Outgoing<'classify'>[] = [];
  const source = SourceSchema.parse({ id: 'hespress', adapter: 'rss', url: server.url(path) });
  const d: FetchSourceDeps = {
    sources: new Map([[source.id, source]]),
    http,
    knownItemIds: async (ids) => new Set(ids.filter((id) => known.includes(id))),
    sendToClassify: async (jobs) => void sent.push(...jobs),
    now: () => NOW,
  };
  return { d, sent };
}

describe('fetchSource', () => {
  it('queues each new item once, with a job id derived from its canonical URL and the link as published', async () => {
    const { d, sent } = deps('/feed');
    const result = await fetchSource({ sourceId: 'hespress', runId: 'r1' }, d, ctx);
    expect(result).toEqual({ sourceId: 'hespress', fetched: 2, queued: 2 });
    expect(sent.map((j) => [j.payload.item.url, j.payload.item.title, j.payload.runId])).toEqual([
      ['https://www.hespress.com/1.html?utm_source=rss', 'خبر أول', 'r1'],
      ['https://www.hespress.com/2.html', 'خبر ثان', 'r1'],
    ]);
    expect(sent.map((j) => j.payload.item.id)).toEqual([itemIdFor('https://hespress.com/1.html'), itemIdFor('https://hespress.com/2.html')]);
    expect(sent[0]!.jobId).toBe(`item-${sent[0]!.payload.item.id}`);
    expect(sent[0]!.payload.item).toMatchObject({ sourceId: 'hespress', publishedAt: '2024-11-09T16:45:00.000Z', fetchedAt: NOW.toISOString(), text: 'نص أول' });
  });

  it('skips items the store already holds', async () => {
    const first = deps('/feed');
    await fetchSource({ sourceId: 'hespress' }, first.d, ctx);
    const knownId = first.sent[0]!.payload.item.id;
    const { d, sent } = deps('/feed', [knownId]);
    expect(await fetchSource({ sourceId: 'hespress' }, d, ctx)).toEqual({ sourceId: 'hespress', fetched: 2, queued: 1 });
    expect(sent.map((j) => j.payload.item.id)).not.toContain(knownId);
  });

  it('sends a stored item again, as a revision, when its feed now gives a text at least twice as long', async () => {
    const id = (n: number) => itemIdFor(`https://hespress.com/${n}.html`);
    // Stored: 1 as a brief of two lines; 2 at 100 characters, now 350 (a few words more); 3 at 500,
    // now 900 (a paragraph more, short of twice as long).
    const stored = new Map([[id(1), 120], [id(2), 100], [id(3), 500]]);
    const poll = async () => {
      const { d, sent } = deps('/completed', [...stored.keys()]);
      d.storedTextLengths = async (ids) => new Map(ids.flatMap((i) => (stored.has(i) ? [[i, stored.get(i)!] as const] : [])));
      return { result: await fetchSource({ sourceId: 'hespress' }, d, ctx), sent };
    };
    const { result, sent } = await poll();
    expect(result).toEqual({ sourceId: 'hespress', fetched: 4, queued: 2, revised: 1 });
    expect(sent.map((j) => j.payload.item.id)).toEqual([id(4), id(1)]);
    const revision = sent[1]!;
    expect(revision.payload.item).toMatchObject({ title: 'الأنتربول ينتخب المغرب نائبا لرئيسه', text: COMPLETED.trim(), revision: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(revision.jobId).toBe(`item-${id(1)}-r${revision.payload.item.revision}`);
    expect(sent[0]!.payload.item.revision).toBeUndefined();
    // Listed again before it is stored: the same job, which the queue holds once.
    expect((await poll()).sent[1]!.jobId).toBe(revision.jobId);
  });

  it('fails permanently for a source that is not in the sources file', async () => {
    const { d } = deps('/feed');
    await expect(fetchSource({ sourceId: 'nope' }, d, ctx)).rejects.toThrow(PermanentError);
  });

  it('fails permanently, with the error kind, when the feed is gone', async () => {
    const { d } = deps('/missing');
    await expect(fetchSource({ sourceId: 'hespress' }, d, ctx)).rejects.toThrow(/^\[not-found\] HTTP 404/);
    await expect(fetchSource({ sourceId: 'hespress' }, d, ctx)).rejects.toBeInstanceOf(PermanentError);
  });

  it('leaves a server error to be retried with backoff', async () => {
    const { d } = deps('/down');
    const err = await fetchSource({ sourceId: 'hespress' }, d, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err).not.toBeInstanceOf(PermanentError);
    expect((err as Error).message).toMatch(/^\[server\]/);
  });

  it('retries when the server says, for a 429 with Retry-After', async () => {
    const { d } = deps('/busy');
    const err = await fetchSource({ sourceId: 'hespress' }, d, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect((err as RetryLaterError).retryAfterMs).toBe(90_000);
  });

  it('in a run, fails a source that asks to wait longer than a run waits, saying so, and retries one that asks for less', async () => {
    expect(RUN_MAX_RETRY_AFTER_MS).toBeLessThan(90_000);
    const long = await fetchSource({ sourceId: 'hespress', runId: 'r1' }, deps('/busy').d, ctx).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(PermanentError);
    expect((long as Error).message).toMatch(/^\[rate-limited\] HTTP 429 from .*: it asks to be left alone for 90 s \(Retry-After\), longer than a run waits/);
    const brief = await fetchSource({ sourceId: 'hespress', runId: 'r1' }, deps('/busy-briefly').d, ctx).catch((e: unknown) => e);
    expect(brief).toBeInstanceOf(FetchError);
    expect(brief).not.toBeInstanceOf(RetryLaterError);
  });
});

describe('fetchSource, a feed giving many entries one link', () => {
  it('queues each entry as an item of its own, addressed in the feed by its id, without a warning', async () => {
    const { d, sent } = deps('/section');
    const result = await fetchSource({ sourceId: 'hespress', runId: 'r1' }, d, ctx);
    expect(sent.map((j) => [j.payload.item.title, j.payload.item.url])).toEqual(['أول', 'ثان', 'ثالث'].map((title, i) => [title, `${server.url('/section')}#entry=n${i}`]));
    expect(result.warnings).toBeUndefined();
  });
});

describe('toRawItems', () => {
  it('removes control characters that would make an item unstorable', () => {
    const [item] = toRawItems([{ url: 'https://a.ma/1', title: 'عنوان\u0000', text: 'نص\u0007 المقال\nسطر', publishedAt: null }], 's', NOW);
    expect([item?.title, item?.text]).toEqual(['عنوان', 'نص المقال\nسطر']);
  });

  it('drops links that are not http(s) or not URLs at all', () => {
    const items = toRawItems(
      [
        { url: 'javascript:alert(1)', title: 'x', text: '', publishedAt: null },
        { url: 'not a url', title: 'y', text: '', publishedAt: null },
        { url: 'https://a.ma/1', title: 'z', text: '', publishedAt: null },
      ],
      's',
      NOW,
    );
    expect(items.map((i) => i.url)).toEqual(['https://a.ma/1']);
  });

  it("keeps a live blog's entries that differ by their fragment alone, and not an article's link to its comments", () => {
    const entry = (url: string, title: string) => ({ url, title, text: '', publishedAt: null });
    const items = toRawItems(
      [entry('https://example.ma/live/12#update-1', 'أولا'), entry('https://example.ma/live/12#update-2', 'ثانيا'), entry('https://example.ma/a.html', 'مقال'), entry('https://example.ma/a.html#comments', 'مقال')],
      's',
      NOW,
    );
    expect(items.map((i) => i.title)).toEqual(['أولا', 'ثانيا', 'مقال']);
  });

  it('counts the entries a link shared by three titles or more folds into one, as a poll says', async () => {
    const entry = (url: string, title: string) => ({ url, title, text: '', publishedAt: null });
    const section = [entry('https://a.ma/news', 'أول'), entry('https://a.ma/news?utm_source=rss', 'ثان'), entry('https://a.ma/news#top', 'ثالث')];
    // A headline updated between two listings, and an untitled image link: one article each.
    const relisted = [entry('https://a.ma/1.html', 'عنوان'), entry('https://a.ma/1.html', 'عنوان محين'), entry('https://a.ma/1.html', '')];
    expect(foldedByTheirLink([...section, ...relisted])).toEqual({ entries: 2, link: 'https://a.ma/news' });
    expect(foldedByTheirLink(relisted)).toBeUndefined();
  });

  it('keeps the link as the source wrote it, and one item per canonical form', () => {
    const slug = 'https://www.hespress.com/توقيف-مشتبه-فيه-1.html';
    const items = toRawItems(
      [
        { url: ` ${slug} `, title: 'x', text: '', publishedAt: null },
        { url: 'https://hespress.com/%D8%AA%D9%88%D9%82%D9%8A%D9%81-%D9%85%D8%B4%D8%AA%D8%A8%D9%87-%D9%81%D9%8A%D9%87-1.html?utm_medium=rss', title: 'x', text: '', publishedAt: null },
      ],
      's',
      NOW,
    );
    expect(items.map((i) => [i.url, i.id])).toEqual([[slug, itemIdFor(canonicalUrl(slug))]]);
  });
});

/** 127.0.0.2 plays a public outlet and 127.0.0.1 the network Marsad runs on (see the sources' address tests). */
describe('fetchSource and private addresses', () => {
  const ARTICLE = '<html><body><article><p>النص الكامل للمقال المنشور على الموقع العام.</p></article></body></html>';
  let outlet: FixtureServer;
  let internal: FixtureServer;
  const isPublicAddress = (address: string) => address === '127.0.0.2';
  const publicOnly = createHttpClient({ totalTimeoutMs: 2_000, privateAddresses: 'refuse', isPublicAddress });

  beforeAll(async () => {
    internal = await serveFixtures({
      '/admin': { body: '<html><body><article><p>سر داخلي لا ينبغي أن يُقرأ أبداً.</p></article></body></html>', headers: { 'content-type': 'text/html; charset=utf-8' } },
      '/feed': { body: FEED, headers: { 'content-type': 'application/rss+xml' } },
    });
    outlet = await serveFixtures(
      {
        '/article': { body: ARTICLE, headers: { 'content-type': 'text/html; charset=utf-8' } },
        '/moved-feed': { status: 302, body: '', headers: { location: `${internal.origin}/feed` } },
        '/feed': (req, res) => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(rssFeed('منبر عام', `http://${req.headers.host}`, [
            { title: 'مقال عام', link: `http://${req.headers.host}/article`, description: 'مقتطف عام' },
            { title: 'رابط داخلي', link: `${internal.origin}/admin`, description: 'مقتطف الرابط الداخلي' },
          ]));
        },
      },
      '127.0.0.2',
    );
  });
  afterAll(async () => {
    await publicOnly.close();
    await outlet.close();
    await internal.close();
  });

  function policyDeps(url: string, options: Record<string, unknown> = {}) {
    const sent: Outgoing<'classify'>[] = [];
    const source = SourceSchema.parse({ id: 'outlet', adapter: 'rss', url, ...options });
    const d: FetchSourceDeps = {
      sources: new Map([[source.id, source]]),
      http: publicOnly,
      privateSourceHttp: http,
      isPublicAddress,
      knownItemIds: async () => new Set(),
      sendToClassify: async (jobs) => void sent.push(...jobs),
      now: () => NOW,
    };
    return { d, sent };
  }

  it("reads a public source's own article pages, but not a page its feed links on a private address", async () => {
    const { d, sent } = policyDeps(outlet.url('/feed'), { fullText: true });
    const result = await fetchSource({ sourceId: 'outlet', runId: 'r' }, d, ctx);
    expect(result.warnings).toEqual([expect.stringMatching(/^1 of 2 article pages not read: 1 failed \(\[private-address\] .*\/admin/)]);
    const texts = Object.fromEntries(sent.map((j) => [j.payload.item.title, j.payload.item.text]));
    expect(texts['مقال عام']).toContain('النص الكامل للمقال');
    expect(texts['رابط داخلي']).toBe('مقتطف الرابط الداخلي'); // the teaser: the page was refused
    expect(internal.hits.get('/admin') ?? 0).toBe(0);
  });

  it('fails the poll of a public source whose feed redirects to a private address, with the reason', async () => {
    const { d } = policyDeps(outlet.url('/moved-feed'));
    const err = await fetchSource({ sourceId: 'outlet', runId: 'r' }, d, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toMatch(/private-address/);
    expect(internal.hits.get('/feed') ?? 0).toBe(0);
  });

  it("lets a source on a private network (the operator's choice) be read", async () => {
    const { d, sent } = policyDeps(internal.url('/feed'));
    expect((await fetchSource({ sourceId: 'outlet', runId: 'r' }, d, ctx)).queued).toBe(2);
    expect(sent).toHaveLength(2);
  });
});

