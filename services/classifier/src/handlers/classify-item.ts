import { itemJobId, type Analysis, type ClassifyJob, type JobContext, type RawItem, type Send } from '@marsad/queues';

export interface ClassifyItemDeps {
  analyse(item: RawItem): Analysis | Promise<Analysis>;
  /** Drop items whose main language is not Arabic instead of storing them with arabic: false. */
  dropNonArabic: boolean;
  sendToStore: Send<'store'>;
}

/**
 * What the job returns (kept with the finished job for the queue board and `run --once`): the verdict
 * without the tags' evidence, which the stored item holds.
 */
export type ClassifyItemResult = Omit<Analysis, 'evidence'> & { itemId: string; sourceId: string; dropped: boolean };

/**
 * Analyses one item and sends it on to the store; one the config drops (not Arabic) goes there marked
 * dropped, to be remembered as seen rather than stored, so that later polls neither queue it nor read
 * its page again.
 */
export async function classifyItem(job: ClassifyJob, deps: ClassifyItemDeps, ctx: JobContext): Promise<ClassifyItemResult> {
  const { item } = job;
  const analysis = await deps.analyse(item);
  // A revision's item is stored already: its row is revised, whatever the language of its new text
  // (dropped, it would stay as it was, and its source's listing would ask for it again at every poll).
  const dropped = deps.dropNonArabic && !analysis.arabic && !item.revision;
  await deps.sendToStore([{ payload: { item: { ...item, ...analysis }, runId: job.runId, ...(dropped && { dropped: true as const }) }, jobId: itemJobId(item) }]);
  ctx.log.debug({ language: analysis.language, tags: analysis.tags, duplicateOf: analysis.duplicateOf, dropped }, 'classified');
  const { evidence: _evidence, ...verdict } = analysis;
  return { ...verdict, itemId: item.id, sourceId: item.sourceId, dropped };
}
