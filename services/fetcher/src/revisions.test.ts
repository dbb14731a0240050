import type { ServerResponse } from 'node:http';
import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis, type Outgoing } from '@marsad/queues';
import { canonicalUrl, createHttpClient, itemIdFor } from '@marsad/sources';
import { createTestRedis, rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchSource, type FetchSourceDeps } from './handlers/fetch-source.js';
import { BRIEF_CHECKS_AFTER_MS, briefChecksDue, entriesToReread, MAX_REREADS_PER_POLL } from './page-rereads.js';
import { PAGE_READ_POLLS } from './held-items.js';
import { SourceHealthStore } from './source-health.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j1', attempt: 1 };
const http = createHttpClient({ totalTimeoutMs: 2_000 });
const redis = createTestRedis('revisions');
const connection = createRedis(redis.url);
const health = new SourceHealthStore(connection, redis.prefix);

const BRIEF = 'عاجل: توقيف شخص مبحوث عنه بموجب نشرة حمراء صادرة عن الأنتربول بمطار محمد الخامس الدولي.';
const ARTICLE = `${BRIEF} ${'وأوضح بلاغ للمديرية العامة للأمن الوطني أن المعني بالأمر كان موضوع مذكرة بحث دولية من أجل الاتجار في المخدرات. '.repeat(12)}`;
/** What the feed says of each article now: a brief's whole text, or a teaser cut from the article. */
const feedText = new Map<number, string>();
/** What each article's page holds now. */
const pageText = new Map<number, string>();
/** Each article's modification date, as the sitemap and the Atom feed give it (absent: none given). */
const modified = new Map<number, string>();
/** Articles whose page answers 503 for now. */
const pagesDown = new Set<number>();
/** Articles removed since: their address answers a page that holds no article. */
const pagesRemoved = new Set<number>();
/** What the sitemap and the Atom feed list. */
const sitemapped: number[] = [];
let server: FixtureServer;

function sitemapXml(origin: string): string {
  const urls = sitemapped.map((n) => `<url><loc>${origin}/a/${n}</loc>${modified.has(n) ? `<lastmod>${modified.get(n)}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`;
}

function atomXml(origin: string): string {
  const entries = sitemapped.map((n) => `<entry><id>${origin}/a/${n}</id><title>خبر ${n}</title><link href="${origin}/a/${n}"/><published>2026-12-07T08:00:00Z</published>${modified.has(n) ? `<updated>${modified.get(n)}</updated>` : ''}<summary>${feedText.get(n) ?? ''}</summary></entry>`);
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>f</title><id>${origin}/atom</id><updated>2026-12-07T08:00:00Z</updated>${entries.join('')}</feed>`;
}

beforeAll(async () => {
  const page = (n: number) => (_req: unknown, res: ServerResponse) =>
    pagesDown.has(n)
      ? void res.writeHead(503).end()
      : pagesRemoved.has(n)
        ? void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><div class="not-found">الصفحة المطلوبة غير موجودة</div></body></html>')
        : void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><article><h1>خبر ${n}</h1><p>${pageText.get(n)}</p></article></body></html>`);
  server = await serveFixtures({
    '/feed': (req, res) => {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, [...feedText].map(([n, description]) => ({ title: `خبر ${n}`, link: `${origin}/a/${n}`, description }))));
    },
    '/list': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${sitemapped.map((n) => `<div class="card"><a href="/a/${n}">خبر ${n}</a></div>`).join('')}</body></html>`),
    '/sitemap.xml': (req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(sitemapXml(`http://${req.headers.host}`)),
    '/atom': (req, res) => void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atomXml(`http://${req.headers.host}`)),
    ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`/a/${n}`, page(n)])),
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
  connection.disconnect();
  await redis.cleanup();
});

/**
 * A fetcher over a store that keeps each item's text length, as the store service would, and the ids
 * of those it dropped (`drop`: as not Arabic), known without a row.
 */
function poller(
  id: string,
  fullText: boolean | 'auto',
  adapter: { adapter: string; url: string; article?: { body: string }; list?: { item: string } } = { adapter: 'rss', url: server.url('/feed') },
  { clock, drop = () => false }: { clock?: { now: Date }; drop?: (url: string) => boolean } = {},
) {
  const source = SourceSchema.parse({ id, ...adapter, ...(adapter.adapter === 'rss' && { fullText }) });
  const stored = new Map<string, number>();
  const dropped = new Set<string>();
  const sent: Outgoing<'classify'>[] = [];
  /** The ids each question about stored lengths named. */
  const lengthsAsked: string[][] = [];
  const deps: FetchSourceDeps = {
    sources: new Map([[id, source]]),
    http,
    knownItemIds: async (ids) => new Set(ids.filter((itemId) => stored.has(itemId) || dropped.has(itemId))),
    storedTextLengths: async (ids) => {
      lengthsAsked.push([...ids]);
      return new Map(ids.flatMap((itemId) => (stored.has(itemId) ? [[itemId, stored.get(itemId)!] as const] : [])));
    },
    sendToClassify: async (jobs) => {
      sent.push(...jobs);
      // A run's items are left unstored: the run is cut short before they are through.
      for (const { payload } of jobs) {
        if (payload.runId) continue;
        if (drop(payload.item.url)) dropped.add(payload.item.id);
        else stored.set(payload.item.id, payload.item.text.length);
      }
    },
    health,
    ...(clock && { now: () => clock.now }),
  };
  const poll = (runId?: string) => fetchSource({ sourceId: id, ...(runId && { runId }) }, deps, ctx);
  return Object.assign(poll, { sent, lengthsAsked });
}

const pagesRead = (n: number) => server.hits.get(`/a/${n}`) ?? 0;
const item = (n: number) => itemIdFor(canonicalUrl(`${server.origin}/a/${n}`));

describe("a brief that its site completes, its feed's teaser then cut from the article", () => {
  it('has its page read again, and is sent as a revision with the article; not for a teaser that changes but does not grow', async () => {
    const poll = poller('teasers', 'auto');
    feedText.set(1, BRIEF).set(2, 'تفاصيل الخبر الثاني (3 تعليقات)');
    pageText.set(1, BRIEF).set(2, `تفاصيل الخبر الثاني ${'نص '.repeat(80)}`);
    expect(await poll()).toMatchObject({ fetched: 2, queued: 2 });
    const [read1, read2] = [pagesRead(1), pagesRead(2)];

    // Completed: the feed gives its first words, cut short; the page holds it whole. The other's counter moves.
    feedText.set(1, `${ARTICLE.slice(0, 400)}…`).set(2, 'تفاصيل الخبر الثاني (4 تعليقات)');
    pageText.set(1, ARTICLE);
    expect(await poll()).toMatchObject({ fetched: 2, queued: 1, revised: 1 });
    expect([pagesRead(1) - read1, pagesRead(2) - read2]).toEqual([1, 0]);
    const revision = poll.sent.at(-1)!.payload.item;
    expect(revision).toMatchObject({ id: item(1), revision: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(revision.text).toContain('مذكرة بحث دولية');

    // Listed again as it is: nothing read, nothing sent.
    expect(await poll()).toMatchObject({ fetched: 2, queued: 0 });
    expect([pagesRead(1) - read1, pagesRead(2) - read2]).toEqual([1, 0]);
  });
});

describe('which stored entries have their pages read again', () => {
  const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`;

  it('those whose text has grown or whose date has moved on, not those listed for the first time or dated as before', () => {
    const before = [{ chars: 100 }, { chars: 100 }, { modifiedAt: at(1) }, { modifiedAt: at(1) }, undefined];
    const now = [{ chars: 400 }, { chars: 120 }, { modifiedAt: at(5) }, { modifiedAt: at(1) }, { chars: 900, modifiedAt: at(9) }];
    expect(entriesToReread(before, now)).toEqual({ reread: [2, 0], deferred: [] });
  });

  it('none for its date when every dated entry has a new one: the dates are when the listing was made', () => {
    const before = [{ chars: 100, modifiedAt: at(1) }, { modifiedAt: at(1) }, { modifiedAt: at(2) }];
    const now = [{ chars: 400, modifiedAt: at(6) }, { modifiedAt: at(6) }, { modifiedAt: at(6) }];
    expect(entriesToReread(before, now)).toEqual({ reread: [0], deferred: [] });
  });

  it(`${MAX_REREADS_PER_POLL} a poll at most, the last modified first; the others wait`, () => {
    const count = MAX_REREADS_PER_POLL + 2;
    const before = Array.from({ length: count + 1 }, () => ({ modifiedAt: at(0) }));
    const now = [...Array.from({ length: count }, (_, i) => ({ modifiedAt: at(i + 1) })), { modifiedAt: at(0) }];
    const { reread, deferred } = entriesToReread(before, now);
    expect(reread).toEqual(Array.from({ length: MAX_REREADS_PER_POLL }, (_, i) => count - 1 - i));
    expect(deferred).toEqual([1, 0]);
  });
});

/** A sitemap source whose article `n` was stored as a brief, then completed and dated anew: its next poll reads it again. */
async function briefCompletedInSitemap(n: number, id: string) {
  sitemapped.splice(0, Infinity, n);
  modified.set(n, '2026-12-07T09:00:00Z');
  pageText.set(n, BRIEF);
  const poll = poller(id, false, { adapter: 'sitemap', url: server.url('/sitemap.xml') });
  expect(await poll()).toMatchObject({ queued: 1 });
  pageText.set(n, ARTICLE);
  modified.set(n, '2026-12-07T09:30:00Z');
  return poll;
}

describe('a brief completed at its address, which its sitemap dates anew', () => {
  it('has its page read again and is sent as a revision; the pages of entries dated as before are not read', async () => {
    sitemapped.splice(0, Infinity, 3, 4);
    modified.set(3, '2026-12-07T09:00:00Z').set(4, '2026-12-07T08:00:00Z');
    pageText.set(3, BRIEF).set(4, `تفاصيل الخبر الرابع ${'نص '.repeat(80)}`);
    const poll = poller('sitemap', false, { adapter: 'sitemap', url: server.url('/sitemap.xml') });
    expect(await poll()).toMatchObject({ fetched: 2, queued: 2 });
    const [read3, read4] = [pagesRead(3), pagesRead(4)];

    pageText.set(3, ARTICLE);
    modified.set(3, '2026-12-07T09:40:00Z');
    // Operators read in the poll's log line how many stored pages it read again.
    const info = vi.spyOn(ctx.log, 'info');
    const logged = () => info.mock.calls.filter(([, msg]) => msg === 'fetched').at(-1)?.[0];
    expect(await poll()).toMatchObject({ fetched: 2, queued: 1, revised: 1 });
    expect([pagesRead(3) - read3, pagesRead(4) - read4]).toEqual([1, 0]);
    expect(logged()).toMatchObject({ reread: 1, revised: 1 });
    expect(poll.sent.at(-1)!.payload.item).toMatchObject({ id: item(3), revision: expect.any(String), text: expect.stringContaining('مذكرة بحث دولية') });

    expect(await poll()).toMatchObject({ fetched: 2, queued: 0 });
    expect([pagesRead(3) - read3, pagesRead(4) - read4]).toEqual([1, 0]);
    expect(logged()).toMatchObject({ reread: 0, revised: 0 });
    info.mockRestore();
  });

  it('is read again at the next poll when its page cannot be read at the first', async () => {
    const poll = await briefCompletedInSitemap(5, 'sitemap-down');
    pagesDown.add(5);
    try {
      const polled = await poll();
      expect(polled).toMatchObject({ queued: 0 });
      // Its item stays as it was stored: no page problem of the source's to warn of.
      expect(polled.warnings).toBeUndefined();
    } finally {
      pagesDown.delete(5);
    }
    expect(await poll()).toMatchObject({ queued: 1, revised: 1 });
  });

  it(`is asked again at ${PAGE_READ_POLLS} polls in a row at most when its page keeps failing, as a new item's page is`, async () => {
    const poll = await briefCompletedInSitemap(2, 'sitemap-dead');
    pagesDown.add(2);
    const read = pagesRead(2);
    try {
      for (let n = 0; n < PAGE_READ_POLLS + 1; n++) expect(await poll()).toMatchObject({ queued: 0 });
    } finally {
      pagesDown.delete(2);
    }
    expect(pagesRead(2) - read).toBe(PAGE_READ_POLLS);
  });

  it("by a run, is read again by the next poll when the run's items were not all stored (what it saw is kept by the run)", async () => {
    const poll = await briefCompletedInSitemap(6, 'sitemap-run');
    const byRun = await poll('run-1');
    expect(byRun).toMatchObject({ queued: 1, revised: 1, pendingEntryMarks: { [item(6)]: expect.stringContaining('"modifiedAt":"2026-12-07T09:30:00.000Z"') } });
    // The run ended before its items were through: it kept nothing, and the next poll reads the page again.
    const read = pagesRead(6);
    expect(await poll()).toMatchObject({ queued: 1, revised: 1 });
    expect(pagesRead(6) - read).toBe(1);
  });

  it("a sitemap that dates today's entries by the day alone has none of them read again within the day", async () => {
    sitemapped.splice(0, Infinity, 8);
    modified.set(8, new Date().toISOString().slice(0, 10));
    pageText.set(8, BRIEF);
    const poll = poller('sitemap-days', false, { adapter: 'sitemap', url: server.url('/sitemap.xml') });
    expect(await poll()).toMatchObject({ queued: 1 });
    const read = pagesRead(8);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await poll()).toMatchObject({ queued: 0 });
    expect(pagesRead(8)).toBe(read);
  });

  it('does not fail its source when its page, read again, no longer holds an article (removed since), nor warn of it: its item stays as stored, and is not asked again', async () => {
    sitemapped.splice(0, Infinity, 1);
    modified.set(1, '2026-12-07T09:00:00Z');
    pageText.set(1, BRIEF);
    const poll = poller('sitemap-removed', false, { adapter: 'sitemap', url: server.url('/sitemap.xml'), article: { body: 'article p' } });
    expect(await poll()).toMatchObject({ queued: 1 });

    pagesRemoved.add(1);
    modified.set(1, '2026-12-07T09:30:00Z');
    try {
      const read = pagesRead(1);
      const polled = await poll();
      expect(polled).toMatchObject({ queued: 0 });
      expect(polled.warnings).toBeUndefined();
      expect(await poll()).toMatchObject({ queued: 0 });
      expect(pagesRead(1) - read).toBe(1);
    } finally {
      pagesRemoved.delete(1);
    }
  });

  it('a sitemap that dates every entry anew at each poll has none of its stored pages read again', async () => {
    sitemapped.splice(0, Infinity, 3, 4, 5);
    const poll = poller('sitemap-generated', false, { adapter: 'sitemap', url: server.url('/sitemap.xml') });
    for (const n of sitemapped) modified.set(n, '2026-12-07T11:00:00Z');
    await poll();
    const reads = () => sitemapped.map(pagesRead);
    const before = reads();
    for (const n of sitemapped) modified.set(n, '2026-12-07T11:10:00Z');
    expect(await poll()).toMatchObject({ fetched: 3, queued: 0 });
    expect(reads()).toEqual(before);
  });
});

describe("a teaser whose Atom entry says it was updated, its summary as before", () => {
  it('has its page read again with fullText, and is sent as a revision', async () => {
    sitemapped.splice(0, Infinity, 7);
    feedText.set(7, 'موجز الخبر السابع كما يعرضه الموقع في صفحته الأولى');
    modified.set(7, '2026-12-07T08:00:00Z');
    pageText.set(7, BRIEF);
    const poll = poller('atom', true, { adapter: 'rss', url: server.url('/atom') });
    expect(await poll()).toMatchObject({ fetched: 1, queued: 1 });

    pageText.set(7, ARTICLE);
    modified.set(7, '2026-12-07T08:45:00Z');
    const read = pagesRead(7);
    expect(await poll()).toMatchObject({ queued: 1, revised: 1 });
    expect(pagesRead(7) - read).toBe(1);
  });
});

describe("a stored brief whose listing says nothing of its completion", () => {
  it('has its checks due 15 minutes, an hour and 3 hours after it was first listed', () => {
    expect([14, 15, 59, 60, 179, 180, 600].map((minutes) => briefChecksDue(minutes * 60_000))).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(BRIEF_CHECKS_AFTER_MS).toHaveLength(3);
  });

  it('has its page read again at each check, and is sent as a revision once completed; a whole article is never read again', async () => {
    sitemapped.splice(0, Infinity, 4, 5);
    pageText.set(4, `تفاصيل الخبر الرابع ${'وأضاف المصدر ذاته أن الأبحاث متواصلة. '.repeat(20)}`).set(5, BRIEF);
    const start = Date.parse('2026-12-07T12:00:00Z');
    const clock = { now: new Date(start) };
    const at = (minutes: number) => (clock.now = new Date(start + minutes * 60_000));
    const poll = poller('listing-briefs', false, { adapter: 'html', url: server.url('/list'), list: { item: '.card' }, article: { body: 'article p' } }, { clock });
    expect(await poll()).toMatchObject({ fetched: 2, queued: 2 });
    const reads = () => [pagesRead(4), pagesRead(5)];
    const first = reads();
    const readSince = () => reads().map((n, i) => n - first[i]!);

    at(5);
    expect(await poll()).toMatchObject({ queued: 0 });
    expect(readSince()).toEqual([0, 0]);
    at(16);
    expect(await poll()).toMatchObject({ queued: 0 });
    expect(readSince()).toEqual([0, 1]);
    at(30);
    await poll();
    expect(readSince()).toEqual([0, 1]);

    pageText.set(5, ARTICLE);
    at(61);
    expect(await poll()).toMatchObject({ queued: 1, revised: 1 });
    expect(readSince()).toEqual([0, 2]);
    expect(poll.sent.at(-1)!.payload.item).toMatchObject({ id: item(5), text: expect.stringContaining('مذكرة بحث دولية') });
    // Completed, it is no brief any more: its last check reads nothing.
    at(240);
    expect(await poll()).toMatchObject({ queued: 0 });
    expect(readSince()).toEqual([0, 2]);
  });

  it('is not asked about again when it was not stored at its check (dropped as not Arabic)', async () => {
    sitemapped.splice(0, Infinity, 7);
    pageText.set(7, 'Breaking: a short brief in English.');
    const start = Date.parse('2026-12-07T12:00:00Z');
    const clock = { now: new Date(start) };
    const poll = poller('dropped-briefs', false, { adapter: 'html', url: server.url('/list'), list: { item: '.card' }, article: { body: 'article p' } }, { clock, drop: (url) => url.endsWith('/a/7') });
    expect(await poll()).toMatchObject({ queued: 1 });
    const askedAbout = () => poll.lengthsAsked.filter((ids) => ids.includes(item(7))).length;
    clock.now = new Date(start + 16 * 60_000);
    await poll();
    expect(askedAbout()).toBe(1);
    clock.now = new Date(start + 20 * 60_000);
    await poll();
    expect(askedAbout()).toBe(1);
  });

  it("is not checked when its feed gives it whole (fullText: auto): the feed's text tells of its completion", async () => {
    // A hundred words, as no feed cuts a teaser, in fewer characters than a brief's.
    const whole = 'وقال إنه سيعود. '.repeat(34).trim();
    feedText.clear();
    feedText.set(6, whole);
    pageText.set(6, whole);
    const start = Date.parse('2026-12-07T12:00:00Z');
    const clock = { now: new Date(start) };
    const poll = poller('whole-briefs', 'auto', { adapter: 'rss', url: server.url('/feed') }, { clock });
    expect(await poll()).toMatchObject({ fetched: 1, queued: 1 });
    const info = vi.spyOn(ctx.log, 'info');
    try {
      clock.now = new Date(start + 16 * 60_000);
      const read = pagesRead(6);
      expect(await poll()).toMatchObject({ queued: 0 });
      expect(pagesRead(6)).toBe(read);
      expect(info.mock.calls.filter(([, msg]) => msg === 'fetched').at(-1)?.[0]).toMatchObject({ reread: 0 });
    } finally {
      info.mockRestore();
    }
  });
});
