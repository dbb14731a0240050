import type { Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, type Redis } from '@marsad/queues';
import { createChannel } from './channels/index.js';
import { alertItem, type DeliveryLog } from './handlers/alert-item.js';
import { compileRule } from './rules.js';

export interface AlerterDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  store: DeliveryLog & { itemText(id: string): Promise<string> };
}

/** The alerter: each newly stored item against the rules; each story's alert to each channel once. */
export async function startAlerter(deps: AlerterDeps) {
  const { alerts } = deps.config;
  const rules = alerts.rules.map(compileRule);
  const channels = new Map(alerts.channels.map((channel) => [channel.id, createChannel(channel)]));
  const log = deps.logger.child({ service: 'alerter' });
  log.info({ rules: rules.length, channels: channels.size }, 'alert rules loaded');
  const worker = createStageWorker({
    queue: 'alert',
    handle: (job, ctx) => alertItem(job, { rules, channels, deliveries: deps.store, attempts: deps.config.pipeline.attempts, itemText: deps.store.itemText }, ctx),
    connection: deps.connection,
    prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
    concurrency: deps.config.pipeline.concurrency.alert,
    logger: log,
  });
  return {
    name: 'alerter',
    worker,
    async close() {
      await worker.close();
      await Promise.all([...channels.values()].map((c) => c.close()));
    },
  };
}
