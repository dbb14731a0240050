import { pollingInterval, type SourceConfig } from '@marsad/config';
import type { PipelineQueues, Redis } from '@marsad/queues';
import type { Queue } from 'bullmq';

const SCHEDULER_PREFIX = 'source:';
const schedulerKey = (source: SourceConfig) => `${SCHEDULER_PREFIX}${source.id}`;

const upsertSchedule = (queues: PipelineQueues, source: SourceConfig) =>
  queues.fetch.upsertJobScheduler(schedulerKey(source), { every: pollingInterval(source) }, { name: 'fetch', data: { sourceId: source.id } });

/**
 * One BullMQ job scheduler per enabled source, at its interval (the minimum where the file asks for
 * less: those sources are returned as `atMinimum`). Upserting is idempotent, so restarts and replicas
 * never multiply schedules; schedulers of sources no longer in the file are removed.
 */
export async function syncSourceSchedulers(queues: PipelineQueues, sources: readonly SourceConfig[]): Promise<{ upserted: number; removed: number; atMinimum: string[] }> {
  const enabled = sources.filter((source) => source.enabled);
  for (const source of enabled) await upsertSchedule(queues, source);
  const wanted = new Set(enabled.map(schedulerKey));
  const existing = await queues.fetch.getJobSchedulers();
  const stale = existing.filter((s) => s.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(s.key));
  for (const scheduler of stale) await queues.fetch.removeJobScheduler(scheduler.key);
  const atMinimum = enabled.filter((source) => pollingInterval(source) !== source.interval).map((source) => source.id);
  return { upserted: enabled.length, removed: stale.length, atMinimum };
}

/**
 * The enabled sources whose schedule was lost while the services ran — its scheduler removed (on the
 * queue board), or the job it waits on gone (removed there, or dropped by BullMQ's drain: see
 * drainQueue) — each scheduled again, its poll due when its schedule says. The sources file says what
 * is polled: a source is stopped with `enabled: false`. Resolves with the ids of those restored.
 */
export async function restoreLostSchedules(queues: PipelineQueues, sources: readonly SourceConfig[]): Promise<string[]> {
  const restored: string[] = [];
  for (const source of sources.filter((s) => s.enabled)) {
    if (await scheduleHolds(queues.fetch, schedulerKey(source))) continue;
    await upsertSchedule(queues, source);
    restored.push(source.id);
  }
  return restored;
}

/**
 * Whether the scheduler is there with the job of its next poll (BullMQ names it repeat:<key>:<time>).
 * Read twice: the job may have run and been removed between the two reads, its successor named since.
 */
async function scheduleHolds(queue: Queue, key: string): Promise<boolean> {
  for (let read = 0; read < 2; read++) {
    const scheduler = await queue.getJobScheduler(key);
    if (scheduler?.next === undefined) return false;
    if ((await queue.getJobState(`repeat:${key}:${scheduler.next}`)) !== 'unknown') return true;
  }
  return false;
}

/** How often the fetchers look for lost schedules: one replica a round, the others finding it taken. */
export const SCHEDULE_CHECK_MS = 5 * 60_000;

/**
 * Looks for lost schedules every SCHEDULE_CHECK_MS, in one fetcher replica at a time (a lease in Redis),
 * and says which were restored. Stop it with the function it returns.
 */
export function keepSchedules(
  queues: PipelineQueues,
  sources: readonly SourceConfig[],
  { connection, prefix, onRestored, onError, everyMs = SCHEDULE_CHECK_MS }: { connection: Redis; prefix: string; onRestored: (sourceId: string) => void; onError: (err: unknown) => void; everyMs?: number },
): () => void {
  const check = async () => {
    // The lease lapses before the next round, so a replica that stopped does not stop the checks.
    if ((await connection.set(`${prefix}:schedules-checked`, '1', 'PX', Math.ceil(everyMs * 0.8), 'NX')) !== 'OK') return;
    for (const sourceId of await restoreLostSchedules(queues, sources)) onRestored(sourceId);
  };
  const timer = setInterval(() => void check().catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
