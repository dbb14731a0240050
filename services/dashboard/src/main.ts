import { readReferenceArticles, resolveSeedsDir, type Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { QUEUE_NAMES, readJobTimings, redisMemoryUse, type PipelineQueues, type Redis } from '@marsad/queues';
import { channelHolds, compileRule, loadedRules, redisMemory, ruleStatuses, staleRules, WORDINGS } from '@marsad/service-alerter';
import { fetchingOf, healthOfSources, SourceHealthStore, type Fetching } from '@marsad/service-fetcher';
import type { Store } from '@marsad/store';
import { buildDashboardApp } from './app.js';
import { createMetrics } from './metrics.js';
import { failedFetchesOf, storeFacets, type WebSources } from './web.js';

export interface DashboardDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: PipelineQueues;
  store: Pick<Store, 'listItems' | 'itemPage' | 'eachItemPage' | 'stats' | 'referencePickups' | 'ping' | 'listDeliveries'>;
}

/**
 * The dashboard service: the newsroom, story and source pages, the JSON API, health, readiness, metrics,
 * the queue board and each alert rule's Atom feed.
 */
export async function startDashboard(deps: DashboardDeps) {
  const log = deps.logger.child({ service: 'dashboard' });
  const { env } = deps.config;
  const queues = QUEUE_NAMES.map((name) => deps.queues[name]);
  const health = new SourceHealthStore(deps.connection, env.MARSAD_QUEUE_PREFIX);
  const readiness = {
    redis: async () => void (await deps.connection.ping()),
    database: () => deps.store.ping(),
  };
  const sourceHealth = async (fetching?: Fetching) =>
    Promise.all((await healthOfSources(health, deps.queues.fetch, deps.config.sources, { fetching })).map(async ({ source: s, health: h, scheduledEvery, nextPollAt, scheduleNote }) => ({ ...h, scheduledEvery, nextPollAt, scheduleNote, errors: await health.errorCounts(s.id), name: s.name ?? s.id, adapter: s.adapter, url: s.url, enabled: s.enabled })));
  const web: WebSources = {
    listItems: (filter) => deps.store.listItems(filter),
    eachItemPage: (filter) => deps.store.eachItemPage(filter),
    facets: () => storeFacets(deps.store),
    sourceNames: deps.config.sources.map((s) => ({ id: s.id, name: s.name ?? s.id })),
    sourceHealth,
    failedFetches: (sourceId) => failedFetchesOf(deps.queues.fetch, sourceId),
    references: new Map(readReferenceArticles(resolveSeedsDir(env.MARSAD_SEEDS_DIR)).map((r) => [r.id, r.text])),
    referencePickups: (ids) => deps.store.referencePickups(ids),
    timeZone: env.MARSAD_TIMEZONE,
    fetchQueue: deps.queues.fetch.name,
    fetching: () => fetchingOf(deps.queues.fetch),
    deliveries: (limit) => deps.store.listDeliveries(limit),
    alertRules: () => ruleStatuses(deps.connection, env.MARSAD_QUEUE_PREFIX, deps.queues.digest, deps.config.alerts.rules),
    channelHolds: () => channelHolds(redisMemory(deps.connection, env.MARSAD_QUEUE_PREFIX), deps.config.alerts.channels.map((c) => c.id)),
    names: deps.config.search.spellings,
  };
  const words = WORDINGS[deps.config.alerts.language];
  const app = await buildDashboardApp({
    web,
    rules: deps.config.alerts.rules.map((rule) => compileRule(rule, words, new Set(web.references.keys()), deps.config.search.spellings)),
    words,
    recentItems: (limit) => deps.store.listItems({ limit }),
    queues,
    admin: { user: env.MARSAD_ADMIN_USER, password: env.MARSAD_ADMIN_PASSWORD, token: env.MARSAD_ADMIN_TOKEN },
    readiness,
    api: { listItems: (filter) => deps.store.listItems(filter), itemPage: (filter, after) => deps.store.itemPage(filter, after), sources: sourceHealth, names: deps.config.search.spellings },
    metrics: createMetrics({
      queues,
      stats: () => deps.store.stats(),
      sources: sourceHealth,
      pingRedis: readiness.redis,
      pingDatabase: readiness.database,
      jobDurations: () => readJobTimings(deps.connection, env.MARSAD_QUEUE_PREFIX, queues.map((q) => q.name)),
      channelHolds: web.channelHolds,
      redisMemory: () => redisMemoryUse(deps.connection),
      staleRules: async () => staleRules(deps.config.alerts.rules, await loadedRules(deps.connection, env.MARSAD_QUEUE_PREFIX)),
    }),
  });
  const address = await app.listen({ host: env.MARSAD_HTTP_HOST, port: env.MARSAD_HTTP_PORT });
  const board = env.MARSAD_ADMIN_TOKEN || env.MARSAD_ADMIN_USER ? 'behind credentials' : 'read-only (no MARSAD_ADMIN_USER/PASSWORD)';
  log.info({ address, queueBoard: `${address}/admin/queues`, access: board }, 'dashboard listening');
  return { name: 'dashboard', address, close: () => app.close() };
}
