/**
 * node bench/dist/fetch.js [--feeds N]
 *
 * The fetcher alone: N local RSS feeds (default 1,000) of 20 items, fetched through the real handler
 * (HTTP client, rss adapter, source health and conditional GET in Redis, per-host gate), 8 at a time as
 * the fetch worker does. First pass: items/s and bytes parsed. Second pass: every feed answers 304 to
 * the validators of the first, so the bytes parsed should be none.
 */
import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis, deleteKeysWithPrefix } from '@marsad/queues';
import { fetchSource, HostGate, SourceHealthStore, type FetchSourceDeps } from '@marsad/service-fetcher';
import { createHttpClient, type HttpClient } from '@marsad/sources';
import { rssFeed, serveFixtures, TEST_REDIS_URL, type FixtureRoute } from '@marsad/testing';
import { interruption, runUnlessInterrupted } from './interruption.js';
import { numberArg } from './args.js';

const FEEDS = numberArg('feeds', 1_000);
const PER_FEED = 20;
const CONCURRENCY = 8;
const PREFIX = `{marsad-bench-fetch-${process.pid}}`;
const interrupted = interruption();

function routes(): Record<string, FixtureRoute> {
  const table: Record<string, FixtureRoute> = {};
  for (let f = 0; f < FEEDS; f++) {
    const body = rssFeed(`feed ${f}`, `https://site-${f}.example.ma`, Array.from({ length: PER_FEED }, (_, i) => ({
      title: `خبر رقم ${i} من الموقع ${f}`,
      link: `https://site-${f}.example.ma/article-${i}.html`,
      description: `<p>نص الخبر رقم ${i} كما نشره الموقع ${f}، في فقرة تشبه ما تنشره المواقع الإخبارية عادة.</p>`,
      pubDate: new Date(Date.UTC(2026, 10, 1, 0, i)).toUTCString(),
    })));
    const etag = `"feed-${f}-v1"`;
    table[`/feed-${f}.xml`] = (req, res) => {
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
      else res.writeHead(200, { etag, 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
    };
  }
  return table;
}

/** The HTTP client, counting the body bytes handed to the adapters. */
function counting(http: HttpClient): { http: HttpClient; bytes: () => number; notModified: () => number } {
  let bytes = 0;
  let notModified = 0;
  return {
    bytes: () => bytes,
    notModified: () => notModified,
    http: {
      async get(url, headers) {
        const response = await http.get(url, headers);
        if (response.status === 304) notModified++;
        else bytes += response.body.length;
        return response;
      },
      close: () => http.close(),
    },
  };
}

async function main(): Promise<void> {
  const server = await serveFixtures(routes());
  const redis = createRedis(TEST_REDIS_URL, 'marsad-bench');
  const log = createLogger({ level: 'silent' });
  try {
    const sources = new Map(Array.from({ length: FEEDS }, (_, f) => {
      const source = SourceSchema.parse({ id: `feed-${f}`, adapter: 'rss', url: server.url(`/feed-${f}.xml`) });
      return [source.id, source] as const;
    }));
    const pass = async () => {
      const client = counting(createHttpClient());
      let queued = 0;
      const deps: FetchSourceDeps = {
        sources,
        http: client.http,
        knownItemIds: async () => new Set(),
        sendToClassify: async (jobs) => void (queued += jobs.length),
        health: new SourceHealthStore(redis, PREFIX),
        hostGate: new HostGate(redis, PREFIX, { perHost: 64, minDelayMs: 0 }),
      };
      const ids = [...sources.keys()];
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let id = ids.pop(); id; id = ids.pop()) {
          interrupted.throwIfAborted();
          // Scheduled polls, as under `marsad start`: a run's (with a runId) keeps the validators only
          // once its items are stored, which this bench, queueing nowhere, never sees.
          await fetchSource({ sourceId: id }, deps, { log, jobId: id, attempt: 1 });
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      await client.http.close();
      return { seconds, queued, bytes: client.bytes(), notModified: client.notModified() };
    };
    const first = await pass();
    const second = await pass();
    process.stdout.write(
      [
        `marsad fetch benchmark: ${FEEDS} local feeds of ${PER_FEED} items, ${CONCURRENCY} at a time`,
        `  first pass:  ${(first.queued / first.seconds).toFixed(0)} items/s (${first.queued} items, ${(FEEDS / first.seconds).toFixed(0)} feeds/s), ${(first.bytes / 1024 / 1024).toFixed(1)} MB parsed`,
        `  second pass: ${(FEEDS / second.seconds).toFixed(0)} feeds/s, ${second.notModified} answered 304, ${second.queued} items, ${second.bytes} bytes parsed`,
        `  second pass / first pass, feeds per second: ${(first.seconds / second.seconds).toFixed(1)}x`,
        '',
      ].join('\n'),
    );
  } finally {
    await deleteKeysWithPrefix(redis, PREFIX);
    redis.disconnect();
    await server.close();
  }
}

await runUnlessInterrupted(main, interrupted);
