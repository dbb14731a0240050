/**
 * node --expose-gc bench/dist/soak.js [--minutes 10] [--feeds 60] [--new 2]
 *
 * `marsad start` left running: every service in this process, as `npm start` runs them, polling local
 * feeds that each publish `--new` articles between two polls (every 10 s, the shortest interval a
 * source may have). Every 30 s it prints what is stored, the jobs waiting per queue (whether the
 * pipeline keeps up), the queues' Redis memory, RSS, the heap after a collection and the event loop's
 * delay; at the end, how heap and RSS moved per 10,000 items after the first minute: a leak grows with
 * the items handled, a cache or pool levels off. The store is PGlite in a temporary folder, or a
 * throwaway database when DATABASE_URL is set.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseConfigText, parseEnv, type Config } from '@marsad/config';
import { openRuntime, SERVICES, SERVICE_NAMES } from '@marsad/cli';
import { createLogger } from '@marsad/logger';
import { deleteKeysWithPrefix, QUEUE_NAMES } from '@marsad/queues';
import { adapterOptionChecks } from '@marsad/sources';
import { createTestDatabase, rssFeed, serveFixtures, temporaryDir, type FeedEntry, type FixtureRoute } from '@marsad/testing';
import { articleWriter } from './fixtures.js';
import { interruption, runUnlessInterrupted } from './interruption.js';
import { numberArg } from './args.js';
import { heapUsed, mb, queueMemory, totalBytes } from './redis-memory.js';

const MINUTES = numberArg('minutes', 10);
const FEEDS = numberArg('feeds', 60);
const NEW_PER_POLL = numberArg('new', 2);
const PER_FEED = 20;
const SAMPLE_MS = 30_000;
const PREFIX = `{marsad-soak-${process.pid}}`;
const interrupted = interruption();

/**
 * A feed that publishes: each request finds NEW_PER_POLL more articles, the newest PER_FEED listed.
 * Only the listed ones are kept, so the bench itself holds the same memory throughout.
 */
function publishingFeed(f: number, write: () => string): FixtureRoute {
  let listed: FeedEntry[] = [];
  let published = 0;
  return (_req, res) => {
    const fresh = published === 0 ? PER_FEED : NEW_PER_POLL;
    for (let i = 0; i < fresh; i++, published++) {
      const body = write();
      listed.unshift({
        title: `${body.slice(0, 60)} ${published}`,
        link: `https://soak-${f}.example.ma/article-${published}.html`,
        description: `<p>${body.replaceAll('\n', '</p><p>')}</p>`,
        pubDate: new Date().toUTCString(),
      });
    }
    listed = listed.slice(0, PER_FEED);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFeed(`soak ${f}`, `https://soak-${f}.example.ma`, listed));
  };
}

function configFor(urls: string[], databaseUrl: string | undefined): Config {
  const yaml = `sources:\n${urls.map((url, i) => `  - { id: soak-${i}, adapter: rss, url: "${url}", interval: 10s }`).join('\n')}\nfetching: { perHost: 64, minDelayMs: 0 }\n`;
  const env = parseEnv({ ...process.env, DATABASE_URL: databaseUrl, MARSAD_QUEUE_PREFIX: PREFIX, MARSAD_DATA_DIR: temporaryDir('marsad-soak-'), MARSAD_HTTP_PORT: '0' });
  return { ...parseConfigText(yaml, 'soak sources', adapterOptionChecks()), env, file: 'soak sources' };
}

interface Sample {
  minutes: number;
  stored: number;
  rss: number;
  heap: number;
}

/** Least-squares slope of y against x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / n;
  const [mx, my] = [mean(points.map((p) => p.x)), mean(points.map((p) => p.y))];
  const spread = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  return spread === 0 ? 0 : points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0) / spread;
}

async function main() {
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const write = articleWriter(7);
  const routes = Object.fromEntries(Array.from({ length: FEEDS }, (_, f) => [`/feed-${f}.xml`, publishingFeed(f, write)]));
  const server = await serveFixtures(routes);
  const config = configFor(Object.keys(routes).map((path) => server.url(path)), database?.url);
  const runtime = await openRuntime(config, createLogger({ level: 'warn', format: 'json' }));
  const running: { close(): Promise<void> }[] = [];
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    for (const name of SERVICE_NAMES) running.push(await SERVICES[name].start(runtime));
    delay.enable();
    const started = Date.now();
    process.stdout.write(`marsad soak: every service, ${FEEDS} feeds polled every 10 s, ${NEW_PER_POLL} new articles each per poll, ${MINUTES} min, store: ${runtime.store.kind}\n`);
    process.stdout.write(`  min   stored  waiting (${QUEUE_NAMES.join(' / ')})  queue keys   rss       heap${(globalThis as { gc?: unknown }).gc ? ' after gc' : ''}  loop delay p99\n`);
    const samples: Sample[] = [];
    while (Date.now() - started < MINUTES * 60_000) {
      await sleep(SAMPLE_MS, undefined, { signal: interrupted });
      const waiting = await Promise.all(QUEUE_NAMES.map((name) => runtime.queues[name].getWaitingCount()));
      const sample = { minutes: (Date.now() - started) / 60_000, stored: await runtime.store.countItems(), rss: process.memoryUsage().rss, heap: heapUsed() };
      samples.push(sample);
      const queues = totalBytes(await queueMemory(runtime.connection, PREFIX));
      process.stdout.write(
        `${sample.minutes.toFixed(1).padStart(5)}  ${String(sample.stored).padStart(7)}  ${waiting.join(' / ').padStart(27)}  ${mb(queues).padStart(9)}  ${mb(sample.rss).padStart(8)}  ${mb(sample.heap).padStart(13)}  ${(delay.percentile(99) / 1e6).toFixed(0).padStart(10)} ms\n`,
      );
      delay.reset();
    }
    const settled = samples.filter((s) => s.minutes >= 1);
    if (settled.length >= 2) {
      const [first, last] = [settled[0]!, settled.at(-1)!];
      const rate = (last.stored - first.stored) / ((last.minutes - first.minutes) * 60);
      const heapPer10k = slope(settled.map((s) => ({ x: s.stored, y: s.heap }))) * 10_000;
      process.stdout.write(
        `after the first minute: ${rate.toFixed(1)} items/s stored; heap after gc ${mb(first.heap)} -> ${mb(last.heap)} (trend ${mb(heapPer10k)} per 10,000 items), ` +
          `RSS ${mb(first.rss)} -> ${mb(last.rss)}\n`,
      );
    }
  } finally {
    delay.disable();
    for (const service of running.reverse()) await service.close();
    await deleteKeysWithPrefix(runtime.connection, PREFIX);
    await runtime.close();
    await server.close();
    await database?.drop();
  }
}

await runUnlessInterrupted(main, interrupted);
