import { DURATION_BUCKETS, JOB_STATES, workersOf, type DurationHistogram, type RedisMemoryUse } from '@marsad/queues';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ChannelHold } from '@marsad/service-alerter';
import type { SourceHealth, SourceState } from '@marsad/service-fetcher';
import type { StoreStats } from '@marsad/store';

/** Where the figures come from: every one is read at scrape time, so all replicas' work is counted. */
export interface MetricsSources {
  queues: readonly Queue[];
  stats(): Promise<StoreStats>;
  sources(): Promise<(SourceHealth & Pick<SourceState, 'scheduleNote'> & { errors: Record<string, number> })[]>;
  pingRedis(): Promise<void>;
  pingDatabase(): Promise<void>;
  /** Job durations as the workers report them (JobTimings). */
  jobDurations(): Promise<DurationHistogram[]>;
  /** Per alert channel, the seconds left of a wait its receiver asked for (a rate limit), 0 for none. */
  channelHolds?(): Promise<ChannelHold[]>;
  redisMemory?(): Promise<RedisMemoryUse>;
  /** Per alert rule, whether the running alerters apply it otherwise than the config file says (staleRules). */
  staleRules?(): Promise<{ ruleId: string; stale: boolean }[]>;
}

type DurationLabel = 'queue' | 'outcome';
const DURATION_METRIC = 'marsad_job_duration_seconds';
const DURATION_HELP = 'Job durations per stage (queue) and outcome';

/**
 * A histogram whose counts live in Redis, added to by every worker of every replica; prom-client's
 * Histogram counts only what its own process observes, so this one reads its buckets at scrape time.
 */
class StoredDurationHistogram extends Histogram<DurationLabel> {
  constructor(
    registry: Registry,
    private readonly read: () => Promise<DurationHistogram[]>,
  ) {
    super({ name: DURATION_METRIC, help: DURATION_HELP, labelNames: ['queue', 'outcome'], buckets: [...DURATION_BUCKETS], registers: [registry] });
  }

  override async get(): ReturnType<Histogram<DurationLabel>['get']> {
    const histograms = await this.read().catch(() => []); // Redis down: marsad_redis_up says so
    const values = histograms.flatMap(({ queue, outcome, buckets, count, sumSeconds }) => {
      let cumulative = 0;
      const bucketValues = [...DURATION_BUCKETS, '+Inf' as const].map((le, i) => {
        cumulative += buckets[i] ?? 0;
        return { metricName: `${DURATION_METRIC}_bucket`, labels: { queue, outcome, le }, value: cumulative };
      });
      return [...bucketValues, { metricName: `${DURATION_METRIC}_sum`, labels: { queue, outcome }, value: sumSeconds }, { metricName: `${DURATION_METRIC}_count`, labels: { queue, outcome }, value: count }];
    });
    // prom-client's typings give `type` as a numeric enum; its registry writes the string it holds.
    const metric = { name: DURATION_METRIC, help: DURATION_HELP, type: 'histogram', aggregator: 'sum', values };
    return metric as unknown as Awaited<ReturnType<Histogram<DurationLabel>['get']>>;
  }

  /** What `registry.metrics()` reads (prom-client's text exposition path); the same figures as get(). */
  getForPromString() {
    return this.get();
  }
}

/** The Prometheus registry of `/metrics` (prom-client), Marsad's gauges plus the process's own. */
export function createMetrics(from: MetricsSources): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'marsad_' });
  const up = async (ping: () => Promise<void>) => ping().then(() => 1, () => 0);
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>) =>
    new Gauge({ name, help, labelNames, registers: [registry], async collect() { this.reset(); await collect(this).catch(() => {}); } }); // a dependency down: its *_up gauge says so

  gauge('marsad_queue_jobs', 'Jobs per queue and state', ['queue', 'state'], async (g) => {
    for (const queue of from.queues) {
      const counts = await queue.getJobCounts(...JOB_STATES);
      for (const state of JOB_STATES) g.set({ queue: queue.name, state }, counts[state] ?? 0);
    }
  });
  // A queue paused because a service its jobs need is down (the database): how much longer, 0 when not.
  gauge('marsad_queue_paused_seconds', 'Seconds left of a pause a queue took because a service its jobs need is down', ['queue'], async (g) => {
    for (const queue of from.queues) g.set({ queue: queue.name }, Math.max(0, await queue.getRateLimitTtl()) / 1000);
  });
  // Processes taking a queue's jobs, in every replica (Redis's client list): none, and its jobs wait unseen.
  gauge('marsad_queue_workers', "Workers taking the queue's jobs, across every process (0: the service that consumes it is down)", ['queue'], async (g) => {
    for (const queue of from.queues) {
      const workers = await workersOf(queue);
      if (workers !== undefined) g.set({ queue: queue.name }, workers);
    }
  });
  // A pause an operator left (the queue board's Pause, marsad jobs pause): it outlives restarts.
  gauge('marsad_queue_paused_by_operator', '1 while an operator has paused the queue (queue board, marsad jobs pause): its jobs wait until it is resumed', ['queue'], async (g) => {
    for (const queue of from.queues) g.set({ queue: queue.name }, (await queue.isPaused()) ? 1 : 0);
  });
  let stats: Promise<StoreStats> | undefined;
  // One set of queries per scrape, shared by the gauges that read it.
  const storeStats = () => (stats ??= from.stats().finally(() => setImmediate(() => (stats = undefined))));
  gauge('marsad_items_stored', 'Items stored, per source', ['source'], async (g) => {
    for (const [source, n] of Object.entries((await storeStats()).itemsBySource)) g.set({ source }, n);
  });
  // Articles an outlet completed after Marsad first stored them (a brief, then the article): how often each source does.
  gauge('marsad_items_revised', 'Items stored again since, their source having completed their text (revisions), per source', ['source'], async (g) => {
    for (const [source, n] of Object.entries((await storeStats()).revisedBySource)) g.set({ source }, n);
  });
  gauge('marsad_items_by_tag', 'Items stored, per tag', ['tag'], async (g) => {
    for (const [tag, n] of Object.entries((await storeStats()).itemsByTag)) g.set({ tag }, n);
  });
  gauge('marsad_items_by_language', 'Items stored, per language', ['language'], async (g) => {
    for (const [language, n] of Object.entries((await storeStats()).itemsByLanguage)) g.set({ language }, n);
  });
  gauge('marsad_copies_found', 'Stored items that copy a reference article or an earlier item', [], async (g) => {
    g.set((await storeStats()).copies);
  });
  gauge('marsad_alert_deliveries', 'Alert deliveries per channel and outcome', ['channel', 'status'], async (g) => {
    for (const d of (await storeStats()).deliveries) g.set({ channel: d.channelId, status: d.status }, d.count);
  });
  // The alerters read the rules when they start: a rule added or edited since waits for their restart.
  gauge('marsad_alert_rule_stale', 'Whether the running alerters apply an alert rule otherwise than the config file says (added since and not applied, edited, taken out but still applied): 1, else 0', ['rule'], async (g) => {
    for (const { ruleId, stale } of (await from.staleRules?.()) ?? []) g.set({ rule: ruleId }, stale ? 1 : 0);
  });
  gauge('marsad_alert_channel_hold_seconds', "Seconds left of the wait an alert channel's receiver asked for (429, retry_after), 0 when none", ['channel'], async (g) => {
    for (const hold of (await from.channelHolds?.()) ?? []) g.set({ channel: hold.channelId }, hold.seconds);
  });
  let health: ReturnType<MetricsSources['sources']> | undefined;
  const sourceHealth = () => (health ??= from.sources().finally(() => setImmediate(() => (health = undefined))));
  gauge('marsad_fetch_errors', 'Failed polls per source and error class', ['source', 'kind'], async (g) => {
    for (const s of await sourceHealth()) for (const [kind, n] of Object.entries(s.errors)) g.set({ source: s.sourceId, kind }, n);
  });
  gauge('marsad_source_consecutive_failures', 'Consecutive failed polls per source', ['source'], async (g) => {
    for (const s of await sourceHealth()) g.set({ source: s.sourceId }, s.consecutiveFailures);
  });
  gauge('marsad_source_items_per_day', 'New items per day over the last week, per source', ['source'], async (g) => {
    for (const s of await sourceHealth()) g.set({ source: s.sourceId }, s.itemsPerDay);
  });
  gauge('marsad_source_last_success_seconds', 'Unix time of the last successful poll, per source', ['source'], async (g) => {
    for (const s of await sourceHealth()) if (s.lastSuccessAt) g.set({ source: s.sourceId }, Date.parse(s.lastSuccessAt) / 1000);
  });
  // A poll that succeeded with problems (article pages not read, entries skipped): its items are stored
  // with less text than the articles have, which weakens copy detection and tags without any failure.
  gauge('marsad_source_last_warning_seconds', 'Unix time of the last poll that succeeded with problems (article pages not read, entries skipped), per source', ['source'], async (g) => {
    for (const s of await sourceHealth()) if (s.lastWarningAt) g.set({ source: s.sourceId }, Date.parse(s.lastWarningAt) / 1000);
  });
  // A poll that did not come when due: nothing fails, so no other figure says it.
  gauge('marsad_source_poll_overdue_seconds', "Seconds a source's poll is late past its interval and grace (fetcher down, fetch queue paused or backed up, next poll lost), 0 when on time", ['source'], async (g) => {
    const now = Date.now();
    for (const s of await sourceHealth()) g.set({ source: s.sourceId }, s.state === 'overdue' && s.pollDueAt ? Math.round((now - Date.parse(s.pollDueAt)) / 1000) : 0);
  });
  // The fetchers read the sources file when they start: an edit since waits for their restart, and a
  // source added meanwhile is not polled at all, which no failure says either.
  gauge('marsad_source_schedule_stale', 'Whether the running fetchers poll a source otherwise than the sources file says (added since and not polled, interval edited, disabled but still polled): 1, else 0', ['source'], async (g) => {
    for (const s of await sourceHealth()) g.set({ source: s.sourceId }, s.scheduleNote ? 1 : 0);
  });
  new StoredDurationHistogram(registry, from.jobDurations);
  gauge('marsad_redis_up', 'Redis answers', [], async (g) => g.set(await up(from.pingRedis)));
  // Marsad's Redis evicts nothing: at its maxmemory every write is refused and every queue stops.
  let memory: Promise<RedisMemoryUse | undefined> | undefined;
  const redisMemory = () => (memory ??= Promise.resolve(from.redisMemory?.()).finally(() => setImmediate(() => (memory = undefined))));
  gauge('marsad_redis_memory_used_bytes', 'Memory Redis uses (INFO memory used_memory)', [], async (g) => {
    const use = await redisMemory();
    if (use) g.set(use.usedBytes);
  });
  gauge('marsad_redis_memory_max_bytes', "Redis's maxmemory, 0 when none is set", [], async (g) => {
    const use = await redisMemory();
    if (use) g.set(use.maxBytes);
  });
  gauge('marsad_database_up', 'The database answers', [], async (g) => g.set(await up(from.pingDatabase)));
  return registry;
}
