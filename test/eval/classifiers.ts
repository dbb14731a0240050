import { defaultLineClassifier } from '@marsad/cli';
import type { Redis } from '@marsad/queues';
import { analyseItem, loadReferences, loadTagger, SharedCopyIndex } from '@marsad/service-classifier';
import { SEEDS_DIR } from './dataset.js';
import type { Classify } from './evaluate.js';

/** `marsad classify`'s classifier: the in-process index, new on each call. */
export function lineClassifier(): Promise<Classify> {
  const classifier = defaultLineClassifier(SEEDS_DIR);
  return Promise.resolve((item) => classifier.classify(JSON.stringify(item)));
}

/** The pipeline's classifier: the index every classifier replica shares, in Redis under `prefix` (a hash tag). */
export async function pipelineClassifier(connection: Redis, prefix: string): Promise<Classify> {
  const index = new SharedCopyIndex(connection, { prefix: `${prefix}:index` });
  const { quoted } = await loadReferences(index, SEEDS_DIR);
  const analyser = { tagger: loadTagger(), index, quoted };
  const fetchedAt = new Date().toISOString();
  return (item) => analyseItem({ ...item, sourceId: 'eval', url: `https://eval.example/${item.id}`, publishedAt: null, fetchedAt }, analyser);
}
