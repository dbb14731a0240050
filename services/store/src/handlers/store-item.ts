import { setTimeout } from 'node:timers/promises';
import { itemJobId, type ClassifiedItem, type JobContext, type Send, type StoreJob } from '@marsad/queues';

export interface StoreItemDeps {
  upsertItem(item: ClassifiedItem): Promise<{ inserted: boolean }>;
  /** Makes a stored item a copy of another; 'missing' when it is not stored (yet). */
  supersedeItem(copyId: string, originalId: string, similarity: number): Promise<'done' | 'missing'>;
  sendToAlert: Send<'alert'>;
}

export interface StoreItemResult {
  itemId: string;
  sourceId: string;
  /** False when the row already existed (a re-delivered job or a re-fetched article). */
  inserted: boolean;
}

/**
 * Upserts the item, then queues its alert job. The alert is queued even when the row already
 * existed: a crash between the insert and the send must not lose the alert, and the alert job's id
 * (and the alerter's delivery key) make a second send harmless.
 */
export async function storeItem(job: StoreJob, deps: StoreItemDeps, ctx: JobContext): Promise<StoreItemResult> {
  const { item } = job;
  if (item.supersedes) await supersede(item, item.supersedes, deps, ctx);
  const { inserted } = await deps.upsertItem(item);
  const { text: _text, ...summary } = item;
  await deps.sendToAlert([{ payload: { item: summary, runId: job.runId }, jobId: itemJobId(item.id) }]);
  ctx.log.debug({ inserted }, 'stored');
  return { itemId: item.id, sourceId: item.sourceId, inserted };
}

/** Pauses before looking again for the row of the item this one replaces, before giving the job back. */
const SUPERSEDE_WAITS_MS = [50, 200, 500];
/**
 * Tries of the job that wait for that row: it is normally stored within moments, and one that never
 * comes (its job failed for good, or the store was emptied under a copy index that remembers it)
 * should not hold this item back for the whole backoff of every retry.
 */
const SUPERSEDE_TRIES = 3;

/**
 * Makes the item this one replaces as its story's original a copy of this one. That item was
 * classified first, so its row is on its way: until it is stored the job is tried again, before this
 * item's own row is written (so that the try that writes it counts it new); after SUPERSEDE_TRIES
 * tries, or on the last, this item is stored all the same.
 */
async function supersede(item: ClassifiedItem, { id, similarity }: { id: string; similarity: number }, deps: StoreItemDeps, ctx: JobContext): Promise<void> {
  // Its store job is most often running beside this one: a short wait spares a retry's backoff.
  for (const waitMs of [0, ...SUPERSEDE_WAITS_MS]) {
    if (waitMs) await setTimeout(waitMs);
    if ((await deps.supersedeItem(id, item.id, similarity)) === 'done') {
      ctx.log.info({ supersedes: id }, 'story original replaced by an earlier publication');
      return;
    }
  }
  if (ctx.lastAttempt === false && ctx.attempt < SUPERSEDE_TRIES) throw new Error(`item ${id}, which this one replaces as its story's original, is not stored yet`);
  ctx.log.warn({ supersedes: id }, "the item this one replaces as its story's original was never stored");
}
