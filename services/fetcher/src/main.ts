import { MIN_INTERVAL_MS, type Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, keepSchedules, sender, type PipelineQueues, type Redis } from '@marsad/queues';
import { createHttpClient, DEFAULT_USER_AGENT, RobotsRules } from '@marsad/sources';
import { HeldItems } from './held-items.js';
import { HostGate } from './host-gate.js';
import { fetchSource } from './handlers/fetch-source.js';
import { sourceSchedules, syncSourceSchedulers } from './schedulers.js';
import { SourceHealthStore } from './source-health.js';

export interface FetcherDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: PipelineQueues;
  store: {
    knownItemIds(ids: readonly string[], options?: { dropped?: boolean }): Promise<Set<string>>;
    storedTextLengths(ids: readonly string[]): Promise<ReadonlyMap<string, number>>;
    isUnavailable?(err: unknown): boolean;
  };
  /** Create the per-source job schedulers (off for `run --once`, which queues each source once). @defaultValue true */
  schedule?: boolean;
  /**
   * Key prefix of the sources' health (a source's state outlives one run's own queues).
   * @defaultValue the queue prefix
   */
  healthPrefix?: string;
}

/** The fetcher: polls each source on its schedule and queues new items for classification. */
export async function startFetcher(deps: FetcherDeps) {
  const log = deps.logger.child({ service: 'fetcher' });
  // What a public source leads to may not reach private addresses; a private source is the operator's choice.
  const http = createHttpClient({ privateAddresses: 'refuse' });
  const privateSourceHttp = createHttpClient();
  const sources = new Map(deps.config.sources.map((source) => [source.id, source]));
  const sendToClassify = sender(deps.queues, 'classify');
  const statePrefix = deps.healthPrefix ?? deps.config.env.MARSAD_QUEUE_PREFIX;
  const health = new SourceHealthStore(deps.connection, statePrefix);
  const { fetching } = deps.config;
  const hostGate = new HostGate(deps.connection, statePrefix, fetching);
  const robots = fetching.robots ? new RobotsRules(DEFAULT_USER_AGENT) : undefined;
  const heldItems = new HeldItems(deps.connection, statePrefix);
  // Items dropped as not Arabic count as seen only while they are dropped: with dropNonArabic turned
  // off, a feed's items are stored as they come again.
  const dropped = deps.config.pipeline.dropNonArabic;
  const knownItemIds = (ids: readonly string[]) => deps.store.knownItemIds(ids, { dropped });
  const worker = createStageWorker({
    queue: 'fetch',
    handle: (job, ctx) => fetchSource(job, { sources, http, privateSourceHttp, knownItemIds, storedTextLengths: deps.store.storedTextLengths, storeUnavailable: deps.store.isUnavailable, sendToClassify, health, hostGate, robots, heldItems }, ctx),
    connection: deps.connection,
    prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
    concurrency: deps.config.pipeline.concurrency.fetch,
    recovery: deps.config.pipeline.workers,
    logger: log,
    // The store tells new items from known ones: while its database is down, polls wait.
    ...(deps.store.isUnavailable ? { isDependencyDown: deps.store.isUnavailable } : {}),
  });
  if (deps.schedule ?? true) {
    const { atMinimum, ...synced } = await syncSourceSchedulers(deps.queues, deps.config.sources);
    log.info(synced, 'source schedulers synced');
    for (const sourceId of atMinimum) log.warn({ sourceId, minimumMs: MIN_INTERVAL_MS }, 'interval under the minimum: the source is polled at the minimum');
    // Else the service runs, healthy to every probe, and nothing ever comes in.
    if (synced.upserted === 0) log.warn({ sources: deps.config.sources.length, config: deps.config.file }, 'no enabled source: nothing will be fetched');
  }
  const stopKeeping = (deps.schedule ?? true)
    ? keepSchedules(deps.queues.fetch, sourceSchedules(deps.queues, deps.config.sources), {
        connection: deps.connection,
        prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
        onRestored: (sourceId) => log.warn({ sourceId }, "source's schedule lost (removed on the queue board, or its job): scheduled again; stop a source with enabled: false"),
        onError: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'schedule check failed: tried again at the next round'),
      })
    : () => {};
  return {
    name: 'fetcher',
    worker,
    async close() {
      stopKeeping();
      await worker.close();
      await Promise.all([http.close(), privateSourceHttp.close()]);
    },
  };
}
