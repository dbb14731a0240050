import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis } from '@marsad/queues';
import { createHttpClient } from '@marsad/sources';
import { conditionalFeed, createTestRedis, rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, type FetchSourceDeps } from './handlers/fetch-source.js';
import { BACKOFF_CEILING_MS, OVERDUE_GRACE_MS, SourceHealthStore } from './source-health.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j1', attempt: 1 };
const http = createHttpClient({ totalTimeoutMs: 2_000 });
const redis = createTestRedis('health');
const connection = createRedis(redis.url);
const health = new SourceHealthStore(connection, redis.prefix);
const FEED = conditionalFeed(rssFeed('f', 'https://a.ma', [{ title: 'خبر', link: 'https://a.ma/1', description: 'نص الخبر' }]));
const MINUTE = 60_000;
let server: FixtureServer;

beforeAll(async () => {
  server = await serveFixtures({
    '/etag': FEED,
    '/down': { status: 500, body: 'oops' },
    '/busy-for-hours': { status: 429, body: 'slow down', headers: { 'retry-after': '7200' } },
    '/gone': { status: 410, body: '' },
    '/dead-page-feed': (req, res) => {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, [{ title: 'خبر', link: `${origin}/gone`, description: 'مقتطف' }]));
    },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
  connection.disconnect();
  await redis.cleanup();
});

function deps(id: string, path: string, now: Date, options: Record<string, unknown> = {}) {
  const source = SourceSchema.parse({ id, adapter: 'rss', url: server.url(path), interval: '10m', ...options });
  const sent: unknown[] = [];
  const d: FetchSourceDeps = {
    sources: new Map([[id, source]]),
    http,
    knownItemIds: async () => new Set(),
    sendToClassify: async (jobs) => void sent.push(...jobs),
    health,
    now: () => now,
  };
  return { d, sent };
}

describe('conditional GET', () => {
  it('asks with the last ETag and parses nothing when the source answers 304', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const first = deps('etag', '/etag', now);
    expect(await fetchSource({ sourceId: 'etag' }, first.d, ctx)).toMatchObject({ fetched: 1, queued: 1 });
    expect((await health.get('etag', now)).etag).toBe('"v1"');

    const second = deps('etag', '/etag', now);
    expect(await fetchSource({ sourceId: 'etag' }, second.d, ctx)).toEqual({ sourceId: 'etag', fetched: 0, queued: 0, notModified: true });
    expect(FEED.conditionalRequests()).toBe(1);
    expect(second.sent).toEqual([]);
    expect(await health.get('etag', now)).toMatchObject({ state: 'ok', consecutiveFailures: 0, itemsPerDay: 0.1 });
  });
});

describe('conditional GET in a run (marsad run --once)', () => {
  it('keeps no validators while the items it queued are on their way, and returns them to save once they are through', async () => {
    const now = new Date('2026-11-20T10:00:00Z');
    await health.recordValidators('run-etag', { etag: '"v0"' });
    const first = deps('run-etag', '/etag', now);
    expect(await fetchSource({ sourceId: 'run-etag', runId: 'r1' }, first.d, ctx)).toMatchObject({ queued: 1, pendingValidators: { etag: '"v1"' } });
    expect(await health.get('run-etag', now)).toMatchObject({ etag: null, lastModified: null, lastSuccessAt: now.toISOString() });

    // Nothing new to queue: nothing left on its way, so the validators are kept at once.
    const again = deps('run-etag', '/etag', now);
    again.d.knownItemIds = async (ids) => new Set(ids);
    const result = await fetchSource({ sourceId: 'run-etag', runId: 'r2' }, again.d, ctx);
    expect(result).toMatchObject({ queued: 0 });
    expect(result).not.toHaveProperty('pendingValidators');
    expect((await health.get('run-etag', now)).etag).toBe('"v1"');
  });
});

describe('a store whose database is down', () => {
  it("fails the poll with the store's error, not the source's: its health records no failure", async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const source = SourceSchema.parse({ id: 'pages', adapter: 'rss', url: server.url('/etag'), interval: '10m', fullText: true });
    const d: FetchSourceDeps = {
      sources: new Map([[source.id, source]]),
      http,
      // Asked by the adapter, before reading article pages, and again before queueing.
      knownItemIds: async () => {
        throw down;
      },
      storeUnavailable: (err) => err === down,
      sendToClassify: async () => {},
      health,
      now: () => now,
    };
    await expect(fetchSource({ sourceId: 'pages' }, d, ctx)).rejects.toBe(down);
    expect(await health.get('pages', now)).toMatchObject({ consecutiveFailures: 0, lastError: null });
  });
});

describe('source health and backoff', () => {
  it('records each failure, spaces out scheduled polls, and keeps trying at the ceiling', async () => {
    const start = new Date('2026-11-20T10:00:00Z');
    const at = (ms: number) => new Date(start.getTime() + ms);
    await expect(fetchSource({ sourceId: 'down' }, deps('down', '/down', start).d, ctx)).rejects.toThrow(/\[server\]/);
    expect(await health.get('down', start)).toMatchObject({
      state: 'backing-off', consecutiveFailures: 1, lastErrorKind: 'server', lastSuccessAt: null, nextAttemptAt: at(10 * MINUTE).toISOString(),
    });
    const hits = server.hits.get('/down');
    expect(await fetchSource({ sourceId: 'down' }, deps('down', '/down', at(5 * MINUTE)).d, ctx)).toMatchObject({ backingOff: true });
    expect(server.hits.get('/down')).toBe(hits);

    // `marsad run --once` (a job with a run id) always tries.
    await expect(fetchSource({ sourceId: 'down', runId: 'r' }, deps('down', '/down', at(5 * MINUTE)).d, ctx)).rejects.toThrow();
    expect((await health.get('down', at(5 * MINUTE))).nextAttemptAt).toBe(at(5 * MINUTE + 20 * MINUTE).toISOString());

    let now = at(5 * MINUTE);
    for (let i = 0; i < 10; i++) {
      now = new Date(Date.parse((await health.get('down', now)).nextAttemptAt!));
      await expect(fetchSource({ sourceId: 'down' }, deps('down', '/down', now).d, ctx)).rejects.toThrow();
    }
    const failing = await health.get('down', now);
    expect(failing).toMatchObject({ state: 'failing', consecutiveFailures: 12 });
    expect(Date.parse(failing.nextAttemptAt!) - now.getTime()).toBe(BACKOFF_CEILING_MS);
  });

  it('waits as long as a source asked (Retry-After) before its next poll, and does not call it overdue meanwhile', async () => {
    const start = new Date('2026-11-20T10:00:00Z');
    await expect(fetchSource({ sourceId: 'busy' }, deps('busy', '/busy-for-hours', start).d, ctx)).rejects.toThrow(/rate-limited/);
    expect(await health.get('busy', start)).toMatchObject({ state: 'backing-off', nextAttemptAt: '2026-11-20T12:00:00.000Z' });
    expect(await fetchSource({ sourceId: 'busy' }, deps('busy', '/busy-for-hours', new Date(start.getTime() + 90 * MINUTE)).d, ctx)).toMatchObject({ backingOff: true });
    expect((await health.get('busy', new Date(start.getTime() + 130 * MINUTE), 10 * MINUTE)).state).toBe('backing-off');
  });

  it("keeps the warnings of a poll that succeeded (pages not read) as the source's last warning, with when", async () => {
    const first = new Date('2026-11-22T10:00:00Z');
    const result = await fetchSource({ sourceId: 'pages' }, deps('pages', '/dead-page-feed', first, { fullText: true }).d, ctx);
    expect(result.warnings).toEqual([`1 of 1 article pages not read: 1 failed ([not-found] HTTP 410 from ${server.url('/gone')})`]);
    expect(await health.get('pages', first)).toMatchObject({ state: 'ok', lastWarning: result.warnings![0], lastWarningAt: first.toISOString() });
    // A later clean poll (its item stored: no page to read) leaves the warning, dated, as lastError is left.
    const later = new Date(first.getTime() + 10 * MINUTE);
    const clean = await fetchSource({ sourceId: 'pages' }, { ...deps('pages', '/dead-page-feed', later, { fullText: true }).d, knownItemIds: async (ids) => new Set(ids) }, ctx);
    expect(clean.warnings).toBeUndefined();
    expect(await health.get('pages', later)).toMatchObject({ lastWarningAt: first.toISOString(), lastSuccessAt: later.toISOString() });
    await health.remove('pages');
  });

  it('keeps a long warning to its first thousand characters', async () => {
    const at = new Date('2026-11-23T10:00:00Z');
    await health.recordSuccess('long-warning', at, 1, undefined, [`1 of 1 article pages not read: 1 failed ([network] https://a.ma/${'x'.repeat(3_000)})`]);
    const { lastWarning } = await health.get('long-warning', at);
    expect(lastWarning).toHaveLength(1_000);
    expect(lastWarning).toMatch(/^1 of 1 article pages not read: .*x…$/);
    await health.remove('long-warning');
  });

  it('a success resets the failures', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    await health.recordFailure('flaky', now, 10 * MINUTE, { kind: 'timeout', message: 'timeout' });
    await health.recordSuccess('flaky', now, 3);
    expect(await health.get('flaky', now)).toMatchObject({ state: 'ok', consecutiveFailures: 0, nextAttemptAt: null, lastError: 'timeout', lastSuccessAt: now.toISOString() });
  });
});

describe('a poll that does not come when due', () => {
  const at = new Date('2026-12-08T10:00:00Z');
  const later = (ms: number) => new Date(at.getTime() + ms);

  it('makes an enabled source overdue once it is late by its interval, ten minutes at least', async () => {
    await health.recordSuccess('late', at, 3);
    expect(await health.get('late', later(30 * MINUTE), 30 * MINUTE)).toMatchObject({ state: 'ok', pollDueAt: '2026-12-08T10:30:00.000Z' });
    expect((await health.get('late', later(60 * MINUTE), 30 * MINUTE)).state).toBe('ok');
    expect((await health.get('late', later(61 * MINUTE), 30 * MINUTE)).state).toBe('overdue');
    // A short interval still allows the grace: a fetcher restarting, a busy host.
    expect((await health.get('late', later(2 * MINUTE + OVERDUE_GRACE_MS), 2 * MINUTE)).state).toBe('ok');
    expect((await health.get('late', later(3 * MINUTE + OVERDUE_GRACE_MS), 2 * MINUTE)).state).toBe('overdue');
    // Without its interval (a disabled source), nothing is due.
    expect(await health.get('late', later(24 * 60 * MINUTE))).toMatchObject({ state: 'ok', pollDueAt: null });
    expect(await health.get('never-polled', later(24 * 60 * MINUTE), 30 * MINUTE)).toMatchObject({ state: 'never-fetched', pollDueAt: null });
  });

  it("counts a failing source's poll due after the time its failure set, not after its last attempt", async () => {
    await health.recordFailure('refusing', at, 10 * MINUTE, { kind: 'http', message: 'HTTP 503' });
    const failed = await health.recordFailure('refusing', later(10 * MINUTE), 10 * MINUTE, { kind: 'http', message: 'HTTP 503' });
    // Twice the interval after the second failure: the poll of 10:40 is the first taken.
    expect(failed).toMatchObject({ nextAttemptAt: '2026-12-08T10:30:00.000Z', pollDueAt: '2026-12-08T10:40:00.000Z', state: 'backing-off' });
    expect((await health.get('refusing', later(50 * MINUTE), 10 * MINUTE)).state).toBe('backing-off');
    expect(await health.get('refusing', later(51 * MINUTE), 10 * MINUTE)).toMatchObject({ state: 'overdue', consecutiveFailures: 2 });
  });
});
