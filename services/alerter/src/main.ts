import type { Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, type Redis } from '@marsad/queues';
import { alertItem, type AlertRule } from './handlers/alert-item.js';

export interface AlerterDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  /** @defaultValue none: rules come with the alerts configuration */
  rules?: readonly AlertRule[];
}

/** The alerter: consumes the alert queue and matches each new item against the rules. */
export async function startAlerter(deps: AlerterDeps) {
  const rules = deps.rules ?? [];
  const worker = createStageWorker({
    queue: 'alert',
    handle: (job, ctx) => alertItem(job, { rules }, ctx),
    connection: deps.connection,
    prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
    concurrency: deps.config.pipeline.concurrency.alert,
    logger: deps.logger.child({ service: 'alerter' }),
  });
  return { name: 'alerter', worker, close: () => worker.close() };
}
