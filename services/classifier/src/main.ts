import { resolveSeedsDir, type Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { createStageWorker, sender, type PipelineQueues, type Redis } from '@marsad/queues';
import { analyseItem, loadReferences, loadTagger } from './analyse.js';
import { classifyItem } from './handlers/classify-item.js';
import { SharedOutletText } from './outlet-text.js';
import { SharedCopyIndex } from './shared-copy-index.js';

export interface ClassifierDeps {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: PipelineQueues;
}

/** The index every replica and every `run --once` shares (by default under the queues' hash tag). */
export function copyIndexFor(config: Config, connection: Redis): SharedCopyIndex {
  return new SharedCopyIndex(connection, {
    prefix: config.env.MARSAD_INDEX_PREFIX,
    windowSeconds: config.pipeline.copyWindowDays * 86_400,
  });
}

/** The classifier: language, copies (in the index all replicas share) and tags of each fetched item. */
export async function startClassifier(deps: ClassifierDeps) {
  const log = deps.logger.child({ service: 'classifier' });
  const countries = new Map(deps.config.sources.flatMap((s) => (s.country ? [[s.id, s.country] as const] : [])));
  const index = copyIndexFor(deps.config, deps.connection);
  const seedsDir = resolveSeedsDir(deps.config.env.MARSAD_SEEDS_DIR);
  const { quoted, unusable, notRead, ...loaded } = await loadReferences(index, seedsDir);
  log.info(loaded, 'reference articles loaded');
  for (const { referenceId, file, problem } of unusable) log.warn({ referenceId, file, problem }, 'no copy of this reference article can ever be found');
  for (const file of notRead) log.warn({ file }, 'not read as a reference article: only .txt files of plain text are');
  const outlets = new SharedOutletText(deps.connection, deps.config.env.MARSAD_INDEX_PREFIX, deps.config.pipeline.copyWindowDays * 86_400);
  const analyser = { tagger: loadTagger(), index, countries, quoted, outlets };
  const sendToStore = sender(deps.queues, 'store');
  const { dropNonArabic } = deps.config.pipeline;
  const worker = createStageWorker({
    queue: 'classify',
    handle: (job, ctx) => classifyItem(job, { analyse: (item) => analyseItem(item, analyser), dropNonArabic, sendToStore }, ctx),
    connection: deps.connection,
    prefix: deps.config.env.MARSAD_QUEUE_PREFIX,
    concurrency: deps.config.pipeline.concurrency.classify,
    recovery: deps.config.pipeline.workers,
    logger: log,
  });
  return { name: 'classifier', worker, close: () => worker.close() };
}
