import { pollingInterval, type SourceConfig } from '@marsad/config';
import type { PipelineQueues } from '@marsad/queues';

const SCHEDULER_PREFIX = 'source:';

/**
 * One BullMQ job scheduler per enabled source, at its interval (the minimum where the file asks for
 * less: those sources are returned as `atMinimum`). Upserting is idempotent, so restarts and replicas
 * never multiply schedules; schedulers of sources no longer in the file are removed.
 */
export async function syncSourceSchedulers(queues: PipelineQueues, sources: readonly SourceConfig[]): Promise<{ upserted: number; removed: number; atMinimum: string[] }> {
  const enabled = sources.filter((source) => source.enabled);
  for (const source of enabled) {
    await queues.fetch.upsertJobScheduler(
      `${SCHEDULER_PREFIX}${source.id}`,
      { every: pollingInterval(source) },
      { name: 'fetch', data: { sourceId: source.id } },
    );
  }
  const wanted = new Set(enabled.map((source) => `${SCHEDULER_PREFIX}${source.id}`));
  const existing = await queues.fetch.getJobSchedulers();
  const stale = existing.filter((s) => s.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(s.key));
  for (const scheduler of stale) await queues.fetch.removeJobScheduler(scheduler.key);
  const atMinimum = enabled.filter((source) => pollingInterval(source) !== source.interval).map((source) => source.id);
  return { upserted: enabled.length, removed: stale.length, atMinimum };
}
