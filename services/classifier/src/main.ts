import type { Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, sender, type PipelineQueues, type Redis } from '@marsad/queues';
import { analyseItem } from './analyse.js';
import { classifyItem } from './handlers/classify-item.js';

export interface ClassifierDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: PipelineQueues;
}

/** The classifier: language (and, with text analysis, copies and tags) of each fetched item. */
export async function startClassifier(deps: ClassifierDeps) {
  const sendToStore = sender(deps.queues, 'store');
  const { dropNonArabic } = deps.config.pipeline;
  const worker = createStageWorker({
    queue: 'classify',
    handle: (job, ctx) => classifyItem(job, { analyse: analyseItem, dropNonArabic, sendToStore }, ctx),
    connection: deps.connection,
    prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
    concurrency: deps.config.pipeline.concurrency.classify,
    logger: deps.logger.child({ service: 'classifier' }),
  });
  return { name: 'classifier', worker, close: () => worker.close() };
}
