import type { ServerResponse } from 'node:http';
import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis, type RawItem } from '@marsad/queues';
import { createHttpClient } from '@marsad/sources';
import { createTestRedis, rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, type FetchSourceDeps } from './handlers/fetch-source.js';
import { HeldItems, PAGE_READ_POLLS } from './held-items.js';
import { SourceHealthStore } from './source-health.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j1', attempt: 1 };
const http = createHttpClient({ totalTimeoutMs: 2_000 });
const redis = createTestRedis('held');
const connection = createRedis(redis.url);
const health = new SourceHealthStore(connection, redis.prefix);
const heldItems = new HeldItems(connection, redis.prefix);
const MINUTE = 60_000;
const page = (body: string) => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<html><body><div class="content">${body}</div></body></html>` });
/** The article as its page gives it, and as the feed gives its first lines. */
const fullText = (n: number) => `النص الكامل للمقال رقم ${n} كما نشره الموقع على صفحته`;
const teaser = (n: number) => `مقتطف من المقال رقم ${n}`;
let server: FixtureServer;
/** Answers 503 to the first request of each path in it, then the page. */
const failOnce = new Set(['/a/2']);
/** What /changing lists: its second poll no longer lists /a/6. */
let changingListsHeld = true;
/** Whether /failing answers with its feed, or with a 500. */
let failingFeedUp = true;

beforeAll(async () => {
  const entries = (origin: string, numbers: number[]) => numbers.map((n) => ({ title: `خبر ${n}`, link: `${origin}/a/${n}`, description: teaser(n) }));
  const feed = (numbers: () => number[]) => (req: { headers: { host?: string } }, res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', `http://${req.headers.host}`, entries(`http://${req.headers.host}`, numbers())));
  server = await serveFixtures({
    '/feed': feed(() => [1, 2, 3, 4]),
    '/changing': feed(() => (changingListsHeld ? [5, 6] : [5])),
    '/failing': (req, res) => (failingFeedUp ? feed(() => [7])(req, res) : res.writeHead(500).end('down')),
    '/a/7': { status: 503, body: 'down' },
    '/a/1': page(fullText(1)),
    '/a/2': (req, res) => {
      if (failOnce.delete('/a/2')) res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(fullText(2)).body);
    },
    '/a/3': { status: 503, body: 'down' },
    '/a/4': { status: 404, body: 'gone' },
    '/a/5': page(fullText(5)),
    '/a/6': { status: 503, body: 'down' },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
  connection.disconnect();
  await redis.cleanup();
});

/** A source on `path` whose store holds what was sent to the classifier. */
function pipeline(id: string, path: string) {
  const source = SourceSchema.parse({ id, adapter: 'rss', url: server.url(path), interval: '10m', fullText: true, article: { body: '.content' } });
  const stored = new Map<string, RawItem>();
  /** How many ids each question to the store asked about. */
  const asked: number[] = [];
  const poll = async (at: Date, runId?: string) => {
    const deps: FetchSourceDeps = {
      sources: new Map([[id, source]]),
      http,
      knownItemIds: async (ids) => {
        asked.push(ids.length);
        return new Set(ids.filter((itemId) => stored.has(itemId)));
      },
      sendToClassify: async (jobs) => {
        for (const job of jobs) stored.set(job.payload.item.id, job.payload.item);
      },
      health,
      heldItems,
      now: () => at,
    };
    return fetchSource({ sourceId: id, ...(runId ? { runId } : {}) }, deps, ctx);
  };
  const textOf = (n: number) => [...stored.values()].find((item) => item.url === server.url(`/a/${n}`))?.text;
  return { poll, stored, textOf, asked };
}

describe('items whose article page a poll could not read', () => {
  it('are held for the next poll, which stores them with their page read, or with the feed text when it fails again', async () => {
    const { poll, stored, textOf } = pipeline('flaky', '/feed');
    const first = new Date('2026-12-07T10:00:00Z');
    const result = await poll(first);
    // 1 read; 4 answered 404, which a later poll would not change: stored with its teaser at once.
    expect(result).toMatchObject({ fetched: 4, queued: 2, held: 2 });
    expect([textOf(1), textOf(4)]).toEqual([fullText(1), teaser(4)]);
    expect(result.warnings).toEqual([expect.stringMatching(/^3 of 4 article pages not read: 3 failed \(\[(server|not-found)\] HTTP/), '2 of their items held for the next poll, which asks their pages again']);
    expect([...(await heldItems.list('flaky')).values()].map((held) => [held.item.url, held.polls]).sort()).toEqual([
      [server.url('/a/2'), 1],
      [server.url('/a/3'), 1],
    ]);
    expect((await health.get('flaky', first)).lastWarning).toContain('held for the next poll');

    const second = await poll(new Date(first.getTime() + 10 * MINUTE));
    expect(second).toMatchObject({ fetched: 4, queued: 2 });
    expect(second.held).toBeUndefined();
    expect([textOf(2), textOf(3)]).toEqual([fullText(2), teaser(3)]);
    expect(second.warnings).toContain(`1 item stored with the feed's or listing's text alone, their pages not read at ${PAGE_READ_POLLS} polls`);
    expect((await heldItems.list('flaky')).size).toBe(0);
    expect(stored.size).toBe(4);
    // Every page was asked at most twice; nothing more is held or sent.
    expect(await poll(new Date(first.getTime() + 20 * MINUTE))).toMatchObject({ queued: 0 });
    expect(server.hits.get('/a/3')).toBe(2);
  });

  it('are sent as held when the source no longer lists them, and not held at all in a run, which polls once', async () => {
    const { poll, textOf } = pipeline('changing', '/changing');
    const first = new Date('2026-12-07T11:00:00Z');
    expect(await poll(first)).toMatchObject({ queued: 1, held: 1 });
    changingListsHeld = false;
    expect(await poll(new Date(first.getTime() + 10 * MINUTE))).toMatchObject({ fetched: 1, queued: 1 });
    expect(textOf(6)).toBe(teaser(6));
    expect((await heldItems.list('changing')).size).toBe(0);

    const run = pipeline('run', '/feed');
    const result = await run.poll(first, 'run-1');
    expect(result).toMatchObject({ fetched: 4, queued: 4 });
    expect(result.held).toBeUndefined();
    expect(run.textOf(3)).toBe(teaser(3));
    expect((await heldItems.list('run')).size).toBe(0);
  });

  it('are asked about once a poll when the store holds them, before their pages would be read', async () => {
    const { poll, stored, asked } = pipeline('asked', '/feed');
    const first = new Date('2026-12-07T13:00:00Z');
    await poll(first, 'run-1');
    expect(stored.size).toBe(4);
    // Not stored when the pages were chosen: asked again after they were read.
    expect(asked).toEqual([4, 4]);
    asked.length = 0;
    expect(await poll(new Date(first.getTime() + 10 * MINUTE), 'run-2')).toMatchObject({ fetched: 4, queued: 0 });
    expect(asked).toEqual([4]);
  });

  it('are sent as held when the source fails, which may not poll again for hours', async () => {
    const { poll, stored, textOf } = pipeline('failing', '/failing');
    const first = new Date('2026-12-07T12:00:00Z');
    failingFeedUp = true;
    expect(await poll(first)).toMatchObject({ queued: 0, held: 1 });
    failingFeedUp = false;
    await expect(poll(new Date(first.getTime() + 10 * MINUTE))).rejects.toThrow(/\[server\]/);
    expect(stored.size).toBe(1);
    expect(textOf(7)).toBe(teaser(7));
    expect((await heldItems.list('failing')).size).toBe(0);
  });

  it('drop what does not parse, as written by another version, rather than fail the poll', async () => {
    await connection.hset(`${redis.prefix}:source:odd:held`, { x: '{not json', y: JSON.stringify({ item: { id: 'y' }, polls: 1 }) });
    expect((await heldItems.list('odd')).size).toBe(0);
  });
});
