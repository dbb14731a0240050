import { itemJobId, type ClassifiedItem, type JobContext, type Send, type StoreJob } from '@marsad/queues';

export interface StoreItemDeps {
  upsertItem(item: ClassifiedItem): Promise<{ inserted: boolean }>;
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
  const { inserted } = await deps.upsertItem(item);
  const { text: _text, ...summary } = item;
  await deps.sendToAlert([{ payload: { item: summary, runId: job.runId }, jobId: itemJobId(item.id) }]);
  ctx.log.debug({ inserted }, 'stored');
  return { itemId: item.id, sourceId: item.sourceId, inserted };
}
