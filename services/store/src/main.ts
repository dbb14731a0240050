import type { Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, deliveryJobOptions, sender, type PipelineQueues, type Redis } from '@marsad/queues';
import type { Store } from '@marsad/store';
import { storeItem } from './handlers/store-item.js';

export interface StoreServiceDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: PipelineQueues;
  store: Store;
}

/** The store service: writes classified items to PostgreSQL (or the embedded PGlite). */
export async function startStoreService(deps: StoreServiceDeps) {
  // Alert jobs retry for longer than the pipeline's: a mail server may be down for hours.
  const sendToAlert = sender(deps.queues, 'alert', deliveryJobOptions(deps.config.alerts.delivery));
  const worker = createStageWorker({
    queue: 'store',
    handle: (job, ctx) => storeItem(job, { upsertItem: deps.store.upsertItem, reviseItem: deps.store.reviseItem, recordDropped: deps.store.recordDropped, supersedeItem: deps.store.supersedeItem, sendToAlert }, ctx),
    connection: deps.connection,
    prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
    concurrency: deps.config.pipeline.concurrency.store,
    recovery: deps.config.pipeline.workers,
    logger: deps.logger.child({ service: 'store' }),
    // A PostgreSQL outage pauses the queue: however long it lasts, no item's job fails for it.
    isDependencyDown: deps.store.isUnavailable,
  });
  return { name: 'store', worker, close: () => worker.close() };
}
