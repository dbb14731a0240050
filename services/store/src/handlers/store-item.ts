import { itemJobId, type ClassifiedItem, type JobContext, type Send, type StoreJob } from '@marsad/queues';

export interface StoreItemDeps {
  upsertItem(item: ClassifiedItem): Promise<{ inserted: boolean }>;
  /** Stores a revision over its item's row; `revised` when this call did. */
  reviseItem(item: ClassifiedItem): Promise<{ inserted: boolean; revised: boolean }>;
  recordDropped(item: Pick<ClassifiedItem, 'id' | 'sourceId' | 'language'>): Promise<void>;
  /** Makes a stored item a copy of another; 'pending' when it is not stored yet, and will be when it is. */
  supersedeItem(copyId: string, originalId: string, similarity: number): Promise<'done' | 'pending'>;
  sendToAlert: Send<'alert'>;
}

export interface StoreItemResult {
  itemId: string;
  sourceId: string;
  /** False when the row already existed (a re-delivered job or a re-fetched article). */
  inserted: boolean;
  /** A revision (RawItem's) that replaced its row's text; absent for an item's first text. */
  revised?: boolean;
}

/**
 * Upserts the item, then queues its alert job (a dropped item is only remembered as seen). The alert is queued even when the row already
 * existed: a crash between the insert and the send must not lose the alert, and the alert job's id
 * (and the alerter's delivery key) make a second send harmless.
 */
export async function storeItem(job: StoreJob, deps: StoreItemDeps, ctx: JobContext): Promise<StoreItemResult> {
  const { item } = job;
  if (job.dropped) {
    await deps.recordDropped(item);
    ctx.log.debug({ language: item.language }, 'dropped item remembered');
    return { itemId: item.id, sourceId: item.sourceId, inserted: false };
  }
  if (item.supersedes) await supersede(item, item.supersedes, deps, ctx);
  const outcome = item.revision ? await deps.reviseItem(item) : await deps.upsertItem(item);
  const { text: _text, ...summary } = item;
  // A revision is a job of its own here too: what its text adds may match rules the first did not.
  await deps.sendToAlert([{ payload: { item: summary, runId: job.runId }, jobId: itemJobId(item) }]);
  if ('revised' in outcome && outcome.revised) ctx.log.info({ duplicateOf: item.duplicateOf, tags: item.tags }, 'item revised: its source now gives a much longer text');
  else ctx.log.debug(outcome, 'stored');
  return { itemId: item.id, sourceId: item.sourceId, ...outcome };
}

/**
 * Makes the item this one replaces as its story's original a copy of this one: at once when its row is
 * stored, else when it is (its store job is behind this one's, or being retried; see supersedeItem).
 */
async function supersede(item: ClassifiedItem, { id, similarity }: { id: string; similarity: number }, deps: StoreItemDeps, ctx: JobContext): Promise<void> {
  const outcome = await deps.supersedeItem(id, item.id, similarity);
  ctx.log.info({ supersedes: id, outcome }, 'story original replaced by an earlier publication');
}
