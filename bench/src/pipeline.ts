/**
 * npm run bench [-- --items N]
 *
 * End-to-end items/s through the real pipeline (local feeds -> fetch -> classify -> store -> alert)
 * against, in the same run, the same BullMQ topology with empty processors, and their ratio; Redis
 * memory after one and after two batches of N new items (retention should keep it flat); process RSS.
 * The store is PGlite in a temporary folder, or, when DATABASE_URL is set, a throwaway database on
 * that PostgreSQL server (created and dropped by the run).
 */
import { parseConfigText, parseEnv, type Config } from '@marsad/config';
import { openRuntime, runOnce, type RunSummary } from '@marsad/cli';
import { createLogger } from '@marsad/logger';
import { deleteKeysWithPrefix, QUEUE_NAMES, readJobTimings } from '@marsad/queues';
import { adapterOptionChecks } from '@marsad/sources';
import { createTestDatabase, temporaryDir } from '@marsad/testing';
import { isPlantedCopyUrl, serveBenchFeeds } from './fixtures.js';
import { interruption, runUnlessInterrupted } from './interruption.js';
import { cpuNow, cpuPerItem } from './cpu.js';
import { numberArg } from './args.js';
import { mb } from './redis-memory.js';
import { runEmptyTopology, type EmptyTopologyOptions } from './empty-topology.js';

const PER_FEED = 20;
const ITEMS = numberArg('items', Number(process.env.BENCH_ITEMS ?? 5_000));
const FEEDS = Math.max(1, Math.round(ITEMS / PER_FEED));
const PREFIX = `{marsad-bench-${process.pid}}`;
const interrupted = interruption();

function configFor(urls: string[], databaseUrl: string | undefined): Config {
  // Every feed is on one local host: politeness would serialise them. The gate still runs (its Redis
  // calls are part of the cost measured), with room for every fetch at once.
  const yaml = `sources:\n${urls.map((url, i) => `  - { id: feed-${i}, adapter: rss, url: "${url}" }`).join('\n')}\nfetching: { perHost: 64, minDelayMs: 0 }\n`;
  const env = parseEnv({
    ...process.env,
    DATABASE_URL: databaseUrl,
    MARSAD_QUEUE_PREFIX: PREFIX,
    MARSAD_DATA_DIR: temporaryDir('marsad-bench-'),
  });
  return { ...parseConfigText(yaml, 'bench sources', adapterOptionChecks()), env, file: 'bench sources' };
}

const usedMemory = async (redis: { info(section: string): Promise<string> }) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
const rate = (summary: RunSummary) => summary.new / (summary.processingMs / 1000);

async function main() {
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const batch1 = await serveBenchFeeds(FEEDS, PER_FEED, 1);
  const batch2 = await serveBenchFeeds(FEEDS, PER_FEED, 2);
  const config = configFor(batch1.urls, database?.url);
  const runtime = await openRuntime(config, createLogger({ level: 'warn', format: 'json' }));
  try {
    await deleteKeysWithPrefix(runtime.connection, PREFIX);
    const before = await usedMemory(runtime.connection);
    let runs = 0;
    const emptyRun = async (options: EmptyTopologyOptions) => {
      interrupted.throwIfAborted();
      return runEmptyTopology(runtime.connection, `{marsad-bench-empty-${process.pid}-${++runs}}`, config.pipeline, FEEDS, PER_FEED, options);
    };
    const carrying = { text: batch1.typicalText };
    // Baselines and pipeline runs alternate, best of each: the machine is shared, and one slow moment
    // should not decide the ratio.
    // CPU per item of the first baseline carrying text and of the first pipeline run: where the time goes.
    const cpu = () => cpuNow(runtime.connection, runtime.store.kind === 'postgres');
    const cpuBaseline = await cpu();
    const baselines = [await emptyRun(carrying)];
    const cpuBaselineEnd = await cpu();
    baselines.push(await emptyRun({}));
    // Redis holds two things: the queues (bounded by retention) and the copy index (one entry per
    // original, kept for the copy window). Each is measured by deleting the index after a batch.
    const indexPrefix = config.env.MARSAD_INDEX_PREFIX.replace(/:index$/, '');
    const measure = async () => {
      const total = await usedMemory(runtime.connection);
      await deleteKeysWithPrefix(runtime.connection, indexPrefix);
      const queues = await usedMemory(runtime.connection);
      return { queues: queues - before, index: total - queues };
    };
    // Each stage's handler time, as the workers report it (read before measure() clears the prefix).
    const handlerTimes = async () => (await readJobTimings(runtime.connection, PREFIX, [...QUEUE_NAMES])).filter((h) => h.outcome === 'completed');
    const cpuFirst = await cpu();
    const first = await runOnce(runtime, { prefix: PREFIX, signal: interrupted });
    const cpuFirstEnd = await cpu();
    const firstTimes = await handlerTimes();
    const afterFirst = await measure();
    baselines.push(await emptyRun(carrying), await emptyRun({}));
    const second = await runOnce(runtime, { prefix: PREFIX, signal: interrupted, sources: configFor(batch2.urls, database?.url).sources });
    const afterSecond = await measure();
    // Every planted copy found, and nothing else called one. Feeds are fetched at once, so a copy is
    // now and then classified before its original, which then is the copy: the pair is swapped.
    const stored = await runtime.store.listItems({ limit: 100_000 });
    const byId = new Map(stored.map((item) => [item.id, item]));
    const planted = stored.filter((item) => isPlantedCopyUrl(item.url));
    const copiesFound = planted.filter((item) => item.duplicateOf !== null).length;
    const otherCopies = stored.filter((item) => item.duplicateOf !== null && !isPlantedCopyUrl(item.url));
    const swapped = otherCopies.filter((item) => isPlantedCopyUrl(byId.get(item.duplicateOf!)?.url ?? '')).length;
    const perItem = Math.max(await emptyRun({ ...carrying, fetchPerItem: true }), await emptyRun({ ...carrying, fetchPerItem: true }));

    const withText = Math.max(baselines[0]!, baselines[2]!);
    const idsOnly = Math.max(baselines[1]!, baselines[3]!);
    const pipelineRate = Math.max(rate(first), rate(second));
    const figures = (label: string, a: number, b: number) => `${label}: ${a.toFixed(0)} and ${b.toFixed(0)} items/s`;
    const lines = [
      `marsad pipeline benchmark: 2 x ${batch1.items} new items in ${FEEDS} local feeds of ${PER_FEED}, store: ${runtime.store.kind}`,
      `  ${figures('empty topology, jobs carrying the article text as the pipeline\'s do', baselines[0]!, baselines[2]!)}`,
      `  ${figures('empty topology, jobs carrying only an id', baselines[1]!, baselines[3]!)}`,
      `  ${figures('real pipeline, fetch -> classify -> store -> alert', rate(first), rate(second))} ` +
        `(${first.new + second.new} stored, ${first.errors.length + second.errors.length} errors; copies: ${copiesFound} of the ${planted.length} the feeds hold found, ` +
        `${otherCopies.length} other items called copies, ${swapped} of them an original whose copy was classified first)`,
      `  ratio pipeline / empty topology carrying the text, best of each: ${(pipelineRate / withText).toFixed(2)} (target >= 0.50)`,
      `  ratio pipeline / empty topology carrying ids: ${(pipelineRate / idsOnly).toFixed(2)}`,
      `  empty topology with one fetch job per item too: ${perItem.toFixed(0)} items/s, ratio ${(pipelineRate / perItem).toFixed(2)}`,
      `  CPU per item, in ms: empty topology carrying the text: ${cpuPerItem(cpuBaseline, cpuBaselineEnd, batch1.items)}; ` +
        `pipeline: ${cpuPerItem(cpuFirst, cpuFirstEnd, first.new)} (2 cores: a rate needs what all of them add up to)`,
      `  Redis memory of the queues above the start: ${mb(afterFirst.queues)} after ${first.new} items, ${mb(afterSecond.queues)} after ${first.new + second.new} ` +
        `(retention keeps ${config.pipeline.retention.completedCount} finished jobs per queue)`,
      `  Redis memory of the copy index: ${(afterFirst.index / (first.new - first.duplicates)).toFixed(0)} bytes per original (kept ${config.pipeline.copyWindowDays} days)`,
      `  process RSS at the end: ${mb(process.memoryUsage().rss)}`,
      `  handler time per job in the first run (each stage's work, awaits included): ${firstTimes.map((h) => `${h.queue} ${((h.sumSeconds / h.count) * 1000).toFixed(2)} ms`).join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await deleteKeysWithPrefix(runtime.connection, PREFIX);
    await runtime.close();
    await batch1.server.close();
    await batch2.server.close();
    await database?.drop();
  }
}

await runUnlessInterrupted(main, interrupted);
