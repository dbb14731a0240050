import { join } from 'node:path';
import { checkRedis, closeQueues, createRedis, openQueues } from '@marsad/queues';
import { fetchingOf, healthOfSources, pollsStopped, SourceHealthStore, type SourceState } from '@marsad/service-fetcher';
import {
  createHttpClient,
  discoverSources,
  everythingIsNew,
  FetchError,
  fetchWithAdapter,
  getAdapter,
  recordingHttpClient,
  writeRecording,
  type DiscoveredSource,
  type FetchedItem,
} from '@marsad/sources';
import { parseEnv, type Config, type SourceConfig } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { detectLanguage } from '@marsad/text';
import { loggerFor, readConfig } from '../runtime.js';
import { UsageError } from '../usage-error.js';

/** `marsad sources [--json]`: every configured source with its health, read from Redis. */
export async function sourcesCommand(options: { config?: string; json?: boolean }): Promise<number> {
  const config = readConfig(options.config);
  await checkRedis(config.env.REDIS_URL);
  const redis = createRedis(config.env.REDIS_URL);
  const queues = openQueues({ connection: redis, prefix: config.env.MARSAD_QUEUE_PREFIX, pipeline: config.pipeline, inspectOnly: true });
  try {
    // Said first, on stderr (JSON lines stay JSON): no source is polled, whatever each one's health says.
    const fetching = await fetchingOf(queues.fetch);
    const stopped = pollsStopped(fetching);
    if (stopped) process.stderr.write(`marsad: ${stopped}\n`);
    for (const state of await healthOfSources(new SourceHealthStore(redis, config.env.MARSAD_QUEUE_PREFIX), queues.fetch, config.sources, { fetching })) {
      const { source, health, scheduledEvery, nextPollAt, scheduleNote } = state;
      const row = { ...health, adapter: source.adapter, url: source.url, enabled: source.enabled, scheduledEvery, nextPollAt, scheduleNote };
      process.stdout.write(options.json ? `${JSON.stringify(row)}\n` : formatHealth(state));
    }
    return 0;
  } finally {
    await closeQueues(queues);
    redis.disconnect();
  }
}

/** `marsad sources check FILE`: validates a sources file; every problem with its line, exit 2 when any (a warning: 0). */
export async function sourcesCheckCommand(file: string): Promise<number> {
  const config = readConfig(file);
  for (const warning of config.warnings ?? []) process.stderr.write(`marsad: warning: ${warning}\n`);
  process.stdout.write(`${file}: ${config.sources.length} source(s), all valid${config.warnings?.length ? `, ${config.warnings.length} warning(s)` : ''}\n`);
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

/**
 * `marsad sources discover URL`: the feeds, WordPress API and news sitemaps a site offers, each
 * tried once, printed as sources-file entries to paste (most items first). Exit 1 when none answers.
 */
export async function sourcesDiscoverCommand(url: string, options: { json?: boolean }): Promise<number> {
  let site: URL;
  try {
    site = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    throw new UsageError(`"${url}" is not a web address`);
  }
  // A short timeout: most of the addresses tried are guesses, and a guess that hangs should not hold the rest.
  const http = createHttpClient({ totalTimeoutMs: 10_000 });
  try {
    // The guesses that fail are expected: their logs are for LOG_LEVEL=debug.
    const env = parseEnv(process.env);
    const log = createLogger({ level: process.env.LOG_LEVEL ? env.LOG_LEVEL : 'error', format: env.LOG_FORMAT });
    const found = await discoverSources(site.toString(), { http, log }, (item) => detectLanguage(`${item.title}\n${item.text}`).arabic);
    if (options.json) for (const source of found) process.stdout.write(`${JSON.stringify(source)}\n`);
    else process.stdout.write(discoveredEntries(site, found));
    if (found.length === 0) {
      process.stderr.write(`marsad: ${site.origin} offers no feed, WordPress API or news sitemap that answered; a listing page is read by the html adapter with selectors (docs/ADAPTERS.md)\n`);
      return 1;
    }
    return 0;
  } finally {
    await http.close();
  }
}

/** Sources-file entries for what was found, ids made from the site's name. */
function discoveredEntries(site: URL, found: DiscoveredSource[]): string {
  // hespress.com -> hespress, fr.le360.ma -> fr-le360; an address by number has no name to take.
  const labels = site.hostname.replace(/^(www|m)\./, '').split('.');
  const named = !/^[\d.]+$|^\[/.test(site.hostname);
  const base = (named ? (labels.length > 1 ? labels.slice(0, -1) : labels).join('-').toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^[^a-z0-9]+/, '') : '') || 'site';
  const used = new Set<string>();
  const idFor = (adapter: string) => {
    const stem = adapter === 'rss' ? base : `${base}-${adapter === 'wordpress' ? 'wp' : adapter}`;
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
    used.add(id);
    return id;
  };
  const lines = found.map((source) => {
    const newest = source.newest ? `, newest ${source.newest.slice(0, 16).replace('T', ' ')}` : '';
    const arabic = source.arabic === null ? '' : ` (${source.arabic} in Arabic)`;
    return `  - { id: ${idFor(source.adapter)}, adapter: ${source.adapter}, url: "${source.url}" }   # ${source.items} item(s)${arabic}${newest}; ${source.foundBy}`;
  });
  return `# ${site.origin}: ${found.length} source(s), most items first\n${lines.map((line) => `${line}\n`).join('')}`;
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
  const warnings: string[] = [];
  try {
    const items = await fetchWithAdapter(adapter, source, { http, log: loggerFor(config, { sourceId: source.id }), filterNew: everythingIsNew, warnings });
    for (const warning of warnings) process.stderr.write(`marsad: ${source.id}: warning: ${warning}\n`);
    return items;
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    process.stderr.write(`marsad: ${source.id}: [${err.kind}] ${err.message}\n`);
    return undefined;
  } finally {
    await http.close();
  }
}

function formatHealth({ source, health, nextPollAt, scheduleNote }: SourceState): string {
  const last = health.lastSuccessAt ? `last success ${health.lastSuccessAt.slice(0, 16).replace('T', ' ')}` : 'never succeeded';
  const failing = health.consecutiveFailures > 0 ? `, ${health.consecutiveFailures} failure(s), last: [${health.lastErrorKind}] ${health.lastError}, next try ${health.nextAttemptAt}` : '';
  const warning = health.lastWarning ? `, last warning ${health.lastWarningAt?.slice(0, 16).replace('T', ' ')}: ${health.lastWarning}` : '';
  const overdue = health.state === 'overdue' ? `, poll due ${health.pollDueAt?.slice(0, 16).replace('T', ' ')} not made (fetcher down, fetch queue paused or backed up, or its next poll lost: set again within five minutes while a fetcher runs)` : '';
  // A failing source says its next try instead (the polls before it are skipped), an overdue one when its poll was due.
  const next = nextPollAt && health.consecutiveFailures === 0 && health.state !== 'overdue' ? `, next poll ${nextPollAt.slice(0, 16).replace('T', ' ')}` : '';
  const schedule = scheduleNote ? `, ${scheduleNote}` : '';
  return `${source.id.padEnd(20)} ${health.state.padEnd(14)} ${last}, ${health.itemsPerDay} items/day${next}${schedule}${overdue}${failing}${warning}\n`;
}
