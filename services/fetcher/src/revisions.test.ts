import type { ServerResponse } from 'node:http';
import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis, type Outgoing } from '@marsad/queues';
import { canonicalUrl, createHttpClient, itemIdFor } from '@marsad/sources';
import { createTestRedis, rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, type FetchSourceDeps } from './handlers/fetch-source.js';
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
let server: FixtureServer;

beforeAll(async () => {
  const page = (n: number) => (_req: unknown, res: ServerResponse) =>
    void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><article><h1>خبر ${n}</h1><p>${pageText.get(n)}</p></article></body></html>`);
  server = await serveFixtures({
    '/feed': (req, res) => {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, [...feedText].map(([n, description]) => ({ title: `خبر ${n}`, link: `${origin}/a/${n}`, description }))));
    },
    '/a/1': page(1),
    '/a/2': page(2),
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
  connection.disconnect();
  await redis.cleanup();
});

/** A fetcher over a store that keeps each item's text length, as the store service would. */
function poller(id: string, fullText: boolean | 'auto') {
  const source = SourceSchema.parse({ id, adapter: 'rss', url: server.url('/feed'), fullText });
  const stored = new Map<string, number>();
  const sent: Outgoing<'classify'>[] = [];
  const deps: FetchSourceDeps = {
    sources: new Map([[id, source]]),
    http,
    knownItemIds: async (ids) => new Set(ids.filter((itemId) => stored.has(itemId))),
    storedTextLengths: async (ids) => new Map(ids.flatMap((itemId) => (stored.has(itemId) ? [[itemId, stored.get(itemId)!] as const] : []))),
    sendToClassify: async (jobs) => {
      sent.push(...jobs);
      for (const { payload } of jobs) stored.set(payload.item.id, payload.item.text.length);
    },
    health,
  };
  const poll = () => fetchSource({ sourceId: id }, deps, ctx);
  return Object.assign(poll, { sent });
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
