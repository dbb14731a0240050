/**
 * node --expose-gc bench/dist/load.js [--items 50000] [--batches 10]
 *
 * The load test of the reliability issue: N items through the real pipeline in successive batches of
 * new articles (local feeds, 20 % agency copies), printing after each batch: throughput, Redis memory
 * (the queues' keys and the whole server; the copy index grows by one entry per original by design),
 * finished jobs kept per queue (retention), and process RSS. Then the first and last batches' rates.
 * The store is PGlite in a temporary folder, or a throwaway database when DATABASE_URL is set.
 */
import { parseConfigText, parseEnv, type Config } from '@marsad/config';
import { openRuntime, runOnce } from '@marsad/cli';
import { createLogger } from '@marsad/logger';
import { deleteKeysWithPrefix } from '@marsad/queues';
import { adapterOptionChecks } from '@marsad/sources';
import { createTestDatabase, temporaryDir } from '@marsad/testing';
import { Queue } from 'bullmq';
import { serveBenchFeeds } from './fixtures.js';
import { interruption, runUnlessInterrupted } from './interruption.js';
import { numberArg } from './args.js';
import { heapUsed, mb, queueMemory, totalBytes } from './redis-memory.js';

const PER_FEED = 20;
const ITEMS = numberArg('items', 50_000);
const BATCHES = numberArg('batches', 10);
const FEEDS = Math.max(1, Math.round(ITEMS / BATCHES / PER_FEED));
const PREFIX = `{marsad-load-${process.pid}}`;
const interrupted = interruption();

function configFor(urls: string[], databaseUrl: string | undefined): Config {
  const yaml = `sources:\n${urls.map((url, i) => `  - { id: feed-${i}, adapter: rss, url: "${url}" }`).join('\n')}\nfetching: { perHost: 64, minDelayMs: 0 }\n`;
  const env = parseEnv({ ...process.env, DATABASE_URL: databaseUrl, MARSAD_QUEUE_PREFIX: PREFIX, MARSAD_DATA_DIR: temporaryDir('marsad-load-') });
  return { ...parseConfigText(yaml, 'load sources', adapterOptionChecks()), env, file: 'load sources' };
}

async function main() {
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const first = await serveBenchFeeds(FEEDS, PER_FEED, 100);
  const config = configFor(first.urls, database?.url);
  const runtime = await openRuntime(config, createLogger({ level: 'warn', format: 'json' }));
  const rates: number[] = [];
  let stored = 0;
  try {
    const used = async () => Number(/used_memory:(\d+)/.exec(await runtime.connection.info('memory'))?.[1]);
    const startMemory = await used();
    process.stdout.write(`marsad load test: ${BATCHES} batches of ${FEEDS * PER_FEED} new items, store: ${runtime.store.kind}\n`);
    process.stdout.write(`batch  items  items/s  queue keys  redis total  kept (completed per queue)  rss  heap${(globalThis as { gc?: unknown }).gc ? ' after gc' : ''}\n`);
    let queueKeys = new Map<string, number>();
    for (let batch = 0; batch < BATCHES; batch++) {
      const feeds = batch === 0 ? first : await serveBenchFeeds(FEEDS, PER_FEED, 100 + batch);
      const summary = await runOnce(runtime, { prefix: PREFIX, signal: interrupted, sources: configFor(feeds.urls, database?.url).sources });
      await feeds.server.close();
      stored += summary.new;
      rates.push(summary.new / (summary.processingMs / 1000));
      const kept = await Promise.all(['classify', 'store', 'alert'].map(async (name) => {
        const queue = new Queue(name, { connection: runtime.connection, prefix: PREFIX });
        const n = await queue.getCompletedCount();
        await queue.close();
        return n;
      }));
      process.stdout.write(
        `${String(batch + 1).padStart(5)}  ${String(stored).padStart(5)}  ${rates.at(-1)!.toFixed(0).padStart(7)}  ${mb(totalBytes((queueKeys = await queueMemory(runtime.connection, PREFIX)))).padStart(10)}` +
          `  ${mb((await used()) - startMemory).padStart(11)}  ${kept.join(' / ').padStart(26)}  ${mb(process.memoryUsage().rss)}  ${mb(heapUsed())}\n`,
      );
    }
    const firstHalf = rates.slice(0, Math.ceil(BATCHES / 2));
    const secondHalf = rates.slice(Math.ceil(BATCHES / 2));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const largest = [...queueKeys].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([kind, bytes]) => `${kind} ${mb(bytes)}`);
    process.stdout.write(`queue keys at the end, largest kinds: ${largest.join(', ')}\n`);
    process.stdout.write(`throughput, second half of the run / first half: ${(mean(secondHalf) / mean(firstHalf)).toFixed(2)} (${stored} items stored)\n`);
  } finally {
    await deleteKeysWithPrefix(runtime.connection, PREFIX);
    await runtime.close();
    await database?.drop();
  }
}

await runUnlessInterrupted(main, interrupted);
