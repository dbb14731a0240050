import { join } from 'node:path';
import { checkRedis, createRedis } from '@marsad/queues';
import { SourceHealthStore, type SourceHealth } from '@marsad/service-fetcher';
import {
  createHttpClient,
  everythingIsNew,
  FetchError,
  fetchWithAdapter,
  getAdapter,
  recordingHttpClient,
  writeRecording,
  type FetchedItem,
} from '@marsad/sources';
import type { Config, SourceConfig } from '@marsad/config';
import { loggerFor, readConfig } from '../runtime.js';
import { UsageError } from '../usage-error.js';

/** `marsad sources [--json]`: every configured source with its health, read from Redis. */
export async function sourcesCommand(options: { config?: string; json?: boolean }): Promise<number> {
  const config = readConfig(options.config);
  await checkRedis(config.env.REDIS_URL);
  const redis = createRedis(config.env.REDIS_URL);
  try {
    const store = new SourceHealthStore(redis, config.env.MARSAD_QUEUE_PREFIX);
    for (const source of config.sources) {
      const health = await store.get(source.id);
      const row = { ...health, adapter: source.adapter, url: source.url, enabled: source.enabled };
      process.stdout.write(options.json ? `${JSON.stringify(row)}\n` : formatHealth(health, source));
    }
    return 0;
  } finally {
    redis.disconnect();
  }
}

/** `marsad sources check FILE`: validates a sources file; every problem with its line, exit 2 when any. */
export async function sourcesCheckCommand(file: string): Promise<number> {
  const config = readConfig(file);
  process.stdout.write(`${file}: ${config.sources.length} source(s), all valid\n`);
  return 0;
}

/** `marsad sources test ID`: one fetch of one source, its items printed as JSON lines; nothing stored. */
export async function sourcesTestCommand(id: string, options: { config?: string }): Promise<number> {
  const config = readConfig(options.config);
  const items = await fetchOnce(config, sourceById(config, id));
  if (!items) return 1;
  for (const item of items) process.stdout.write(`${JSON.stringify(item)}\n`);
  process.stderr.write(`${items.length} item(s) from ${id}\n`);
  return 0;
}

/** `marsad fixtures record ID`: fetches the source live and saves every response for its offline test. */
export async function fixturesRecordCommand(id: string, options: { config?: string; out?: string }): Promise<number> {
  const config = readConfig(options.config);
  const source = sourceById(config, id);
  const recorder = recordingHttpClient(createHttpClient());
  const items = await fetchOnce(config, source, recorder.http);
  if (!items) return 1;
  const out = options.out ?? join(process.cwd(), `${source.id}.fixture.json`);
  const { id: sourceId, adapter, url, ...rest } = source;
  writeRecording(out, { source: { id: sourceId, adapter, url, ...rest }, recordedAt: new Date().toISOString(), responses: recorder.responses });
  process.stderr.write(`${out}: ${recorder.responses.length} response(s), ${items.length} item(s)\n`);
  return 0;
}

function sourceById(config: Config, id: string): SourceConfig {
  const source = config.sources.find((s) => s.id === id);
  if (!source) throw new UsageError(`no source "${id}" in ${config.file} (sources: ${config.sources.map((s) => s.id).join(', ')})`);
  return source;
}

/**
 * One fetch of the source, or undefined when it failed: the source's answer is what the person asked
 * for, so its failure is one line with its kind (as `marsad sources` and the run summary write it), no trace.
 */
async function fetchOnce(config: Config, source: SourceConfig, http = createHttpClient()): Promise<FetchedItem[] | undefined> {
  const adapter = getAdapter(source.adapter)!;
  try {
    return await fetchWithAdapter(adapter, source, { http, log: loggerFor(config, { sourceId: source.id }), filterNew: everythingIsNew });
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    process.stderr.write(`marsad: ${source.id}: [${err.kind}] ${err.message}\n`);
    return undefined;
  } finally {
    await http.close();
  }
}

function formatHealth(health: SourceHealth, source: SourceConfig): string {
  const last = health.lastSuccessAt ? `last success ${health.lastSuccessAt.slice(0, 16).replace('T', ' ')}` : 'never succeeded';
  const failing = health.consecutiveFailures > 0 ? `, ${health.consecutiveFailures} failure(s), last: [${health.lastErrorKind}] ${health.lastError}, next try ${health.nextAttemptAt}` : '';
  return `${source.id.padEnd(20)} ${health.state.padEnd(14)} ${last}, ${health.itemsPerDay} items/day${failing}\n`;
}
