import type { IncomingMessage, ServerResponse } from 'node:http';
import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis } from '@marsad/queues';
import { createHttpClient } from '@marsad/sources';
import { createTestRedis, rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, type FetchSourceDeps } from './handlers/fetch-source.js';
import { SourceHealthStore } from './source-health.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j1', attempt: 1 };
const http = createHttpClient({ totalTimeoutMs: 2_000 });
const redis = createTestRedis('missed');
const connection = createRedis(redis.url);
const health = new SourceHealthStore(connection, redis.prefix);
const MINUTE = 60_000;
/** The article numbers the feed lists now, newest first. */
let listed: number[] = [];
let server: FixtureServer;

/** The post numbers the WordPress site has, newest first, served perPage at a time. */
let posts: number[] = [];

/** The site's answer for one page of three posts, as its REST API pages them. */
const postsPage = (page: number) => (req: IncomingMessage, res: ServerResponse) => {
  const slice = posts.slice((page - 1) * 3, page * 3);
  if (page > 1 && slice.length === 0) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"rest_post_invalid_page_number"}');
  const origin = `http://${req.headers.host}`;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(slice.map((n) => ({ link: `${origin}/p/${n}`, date_gmt: '2026-12-07T09:00:00', title: { rendered: `خبر ${n}` }, content: { rendered: `<p>نص الخبر ${n}</p>` } }))));
};
const POSTS = '/wp-json/wp/v2/posts?per_page=3&_fields=link%2Cdate_gmt%2Cdate%2Ctitle%2Ccontent%2Cexcerpt';

beforeAll(async () => {
  server = await serveFixtures({
    [POSTS]: postsPage(1),
    ...Object.fromEntries([2, 3, 4, 5, 6].map((page) => [`${POSTS}&page=${page}`, postsPage(page)])),
    '/feed': (req, res) => {
      const origin = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('f', origin, listed.map((n) => ({ title: `خبر ${n}`, link: `${origin}/a/${n}`, description: `نص الخبر ${n}` }))));
    },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
  connection.disconnect();
  await redis.cleanup();
});

function poller(id: string, entry: Record<string, unknown> = { adapter: 'rss', url: server.url('/feed') }) {
  const source = SourceSchema.parse({ id, interval: '30m', ...entry });
  const stored = new Set<string>();
  const deps: FetchSourceDeps = {
    sources: new Map([[id, source]]),
    http,
    knownItemIds: async (ids) => new Set(ids.filter((itemId) => stored.has(itemId))),
    sendToClassify: async (jobs) => void jobs.forEach((job) => stored.add(job.payload.item.id)),
    health,
  };
  const poll = (at: Date, runId?: string) => fetchSource({ sourceId: id, ...(runId && { runId }) }, { ...deps, now: () => at }, ctx);
  return Object.assign(poll, { stored });
}

describe('a poll whose every item is new since the last one', () => {
  const first = new Date('2026-12-07T10:00:00Z');
  const later = (minutes: number) => new Date(first.getTime() + minutes * MINUTE);

  it('says that items published between the two polls may have been missed, in its warnings and the source health', async () => {
    const poll = poller('busy');
    listed = [5, 4, 3, 2, 1];
    expect((await poll(first)).warnings).toBeUndefined(); // a first poll has nothing to compare with
    listed = [7, 6, 5, 4, 3];
    expect((await poll(later(30))).warnings).toBeUndefined(); // overlaps: nothing missed
    listed = [12, 11, 10, 9, 8];
    const result = await poll(later(60));
    const warning = 'all 5 of its items are new since its last poll (2026-12-07 10:30 UTC): it may have published more in between than it lists, and those were missed; poll it more often than every 30 min, or read a listing that holds more';
    expect(result).toMatchObject({ fetched: 5, queued: 5, warnings: [warning] });
    expect((await health.get('busy', later(60))).lastWarning).toBe(warning);
    listed = [13, 12, 11, 10, 9];
    expect((await poll(later(90))).warnings).toBeUndefined();
  });

  it('is not said of a listing too short to tell, nor after an empty answer', async () => {
    const poll = poller('short');
    listed = [2, 1];
    await poll(first);
    listed = [4, 3];
    expect((await poll(later(30))).warnings).toBeUndefined();
    listed = [9, 8, 7, 6, 5];
    await poll(later(60));
    listed = [];
    await poll(later(90)); // a feed's bad moment: the listing before it stays the one compared with
    listed = [10, 9, 8, 7, 6];
    expect((await poll(later(120))).warnings).toBeUndefined();
  });

  it('is not said of a WordPress site whose older pages hold the rest: they are read until one overlaps the last poll', async () => {
    const poll = poller('wp', { adapter: 'wordpress', url: server.url('/'), perPage: 3 });
    posts = [5, 4, 3, 2, 1];
    expect(await poll(first)).toMatchObject({ fetched: 3, queued: 3 }); // a first poll reads one page
    posts = [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const result = await poll(later(30));
    // Pages 1 to 3 (13 to 5) are read: page 3 holds 5, listed at the last poll; 4 is not read again.
    expect(result).toMatchObject({ fetched: 9, queued: 8 });
    expect(result.warnings).toBeUndefined();
    expect(poll.stored.size).toBe(11);
  });

  it("in a run, keeps the listing only once the run's items are through: it returns it to keep", async () => {
    const poll = poller('run');
    listed = [5, 4, 3, 2, 1];
    const firstRun = await poll(later(0), 'r1');
    expect(firstRun.pendingListing).toHaveLength(5);
    expect(await health.lastListing('run', [])).toEqual({ listed: 0, shared: 0 }); // not kept yet
    await health.replaceListing('run', firstRun.pendingListing!); // as runOnce does once every item is stored
    listed = [10, 9, 8, 7, 6];
    const second = await poll(later(30), 'r2');
    expect(second.warnings).toEqual([expect.stringMatching(/^all 5 of its items are new since its last poll/)]);
    // Cut short before it was through: the next run compares with the listing before it again.
    expect((await poll(later(60), 'r3')).warnings).toEqual([expect.stringMatching(/^all 5 of its items are new/)]);
    // A run's poll that queues nothing has nothing on its way: its listing is kept at once.
    const known = poller('run-known');
    listed = [3, 2, 1];
    await known(later(0));
    const again = await known(later(30), 'r4');
    expect(again).toMatchObject({ queued: 0 });
    expect(again.pendingListing).toBeUndefined();
  });
});
