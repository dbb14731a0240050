import { readReferenceArticles, referenceIds, referenceTitle, resolveSeedsDir, type Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, keepSchedules, PermanentError, type PipelineQueues, type Redis } from '@marsad/queues';
import type { ItemFilter, StoredItem } from '@marsad/store';
import { createChannel } from './channels/index.js';
import { redisMemory } from './channels/memory.js';
import { digestSchedules, redisLastDigest, sendDigest, syncDigestSchedulers } from './digest.js';
import { alertItem, type DeliveryLog } from './handlers/alert-item.js';
import { publishLoadedRules } from './loaded-rules.js';
import type { AlertContext } from './message.js';
import { compileRule } from './rules.js';
import { WORDINGS } from './wording.js';

export interface AlerterDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: Pick<PipelineQueues, 'digest'>;
  store: DeliveryLog & { itemText(id: string): Promise<string>; listItems(filter: ItemFilter): Promise<StoredItem[]>; isUnavailable?(err: unknown): boolean };
  /** Create the digest rules' job schedulers (off for `run --once`). @defaultValue true */
  schedule?: boolean;
  /** Key prefix of when each digest last went out, and of channels' holds and digests' parts sent. @defaultValue the queue prefix */
  statePrefix?: string;
}

/** The alerter: each newly stored item against the rules (each story's alert to each channel once), and the digests. */
export async function startAlerter(deps: AlerterDeps) {
  const { alerts, pipeline, env } = deps.config;
  const words = WORDINGS[alerts.language];
  const references = new Set(referenceIds(resolveSeedsDir(env.MARSAD_SEEDS_DIR)));
  const rules = alerts.rules.map((rule) => compileRule(rule, words, references, deps.config.search.spellings));
  const ruleConfigs = new Map(alerts.rules.map((rule) => [rule.id, rule]));
  const statePrefix = deps.statePrefix ?? env.MARSAD_QUEUE_PREFIX;
  const memory = redisMemory(deps.connection, statePrefix);
  const channels = new Map(alerts.channels.map((channel) => [channel.id, createChannel(channel, memory)]));
  const log = deps.logger.child({ service: 'alerter' });
  const context = alertContext(deps.config);
  const lastDigest = redisLastDigest(deps.connection, statePrefix);
  // The delivery log is in the database: while it is down, alerts wait rather than spend their attempts.
  const common = {
    connection: deps.connection, prefix: env.MARSAD_QUEUE_PREFIX, logger: log, recovery: pipeline.workers,
    ...(deps.store.isUnavailable ? { isDependencyDown: deps.store.isUnavailable } : {}),
  };
  const alertWorker = createStageWorker({
    ...common,
    queue: 'alert',
    concurrency: pipeline.concurrency.alert,
    handle: (job, ctx) => alertItem(job, { rules, channels, deliveries: deps.store, attempts: alerts.delivery.attempts, itemText: deps.store.itemText, context }, ctx),
  });
  const digestWorker = createStageWorker({
    ...common,
    queue: 'digest',
    concurrency: 1,
    handle: (job, ctx) => {
      const rule = rules.find((r) => r.id === job.ruleId);
      const config = ruleConfigs.get(job.ruleId);
      if (!rule || !config) throw new PermanentError(`no digest rule "${job.ruleId}" in the configuration`);
      const itemsSince = (since: string) => deps.store.listItems({ since, limit: 100_000 });
      return sendDigest(job, { rule, config, channels, deliveries: deps.store, itemsSince, lastDigest, attempts: alerts.delivery.attempts, context }, ctx);
    },
  });
  if (deps.schedule ?? true) log.info(await syncDigestSchedulers(deps.queues, alerts.rules, alerts.delivery), 'digest schedulers synced');
  const stopKeeping = (deps.schedule ?? true)
    ? keepSchedules(deps.queues.digest, digestSchedules(deps.queues, alerts.rules, alerts.delivery), {
        connection: deps.connection,
        prefix: env.MARSAD_QUEUE_PREFIX,
        onRestored: (ruleId) => log.warn({ ruleId }, "digest's schedule lost (removed on the queue board, or its job): scheduled again; a digest is stopped by taking its rule out of the configuration"),
        onError: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'schedule check failed: tried again at the next round'),
      })
    : () => {};
  // What this alerter applies, for `marsad alerts rules` to set against the file (not for a run --once).
  const unpublish = (deps.schedule ?? true) ? await publishLoadedRules(deps.connection, env.MARSAD_QUEUE_PREFIX, alerts.rules) : async () => {};
  log.info({ rules: rules.length, channels: channels.size }, 'alert rules loaded');
  return {
    name: 'alerter',
    worker: alertWorker,
    async close() {
      stopKeeping();
      await Promise.all([alertWorker.close(), digestWorker.close()]);
      await unpublish();
      await Promise.all([...channels.values()].map((c) => c.close()));
    },
  };
}

/** Names for the sources, titles for the reference articles, the configured time zone and words. */
export function alertContext(config: Config): AlertContext {
  const names = new Map(config.sources.map((source) => [source.id, source.name ?? source.id]));
  const titles = new Map(readReferenceArticles(resolveSeedsDir(config.env.MARSAD_SEEDS_DIR)).map((reference) => [reference.id, referenceTitle(reference.text)]));
  return { sourceName: (id) => names.get(id) ?? id, referenceTitle: (id) => titles.get(id), timeZone: config.env.MARSAD_TIMEZONE, words: WORDINGS[config.alerts.language], publicUrl: config.env.MARSAD_PUBLIC_URL?.replace(/\/+$/, '') };
}
