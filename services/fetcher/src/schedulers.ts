import { pollingInterval, type SourceConfig } from '@marsad/config';
import type { KeptSchedule, PipelineQueues } from '@marsad/queues';
import type { Queue } from 'bullmq';

const SCHEDULER_PREFIX = 'source:';
const schedulerKey = (source: SourceConfig) => `${SCHEDULER_PREFIX}${source.id}`;

const upsertSchedule = (queues: PipelineQueues, source: SourceConfig) =>
  queues.fetch.upsertJobScheduler(schedulerKey(source), { every: pollingInterval(source) }, { name: 'fetch', data: { sourceId: source.id } });

/**
 * The schedules of the enabled sources, for keepSchedules: one lost while the fetcher runs is set again.
 * The sources file says what is polled: a source is stopped with `enabled: false`, not on the board.
 */
export const sourceSchedules = (queues: PipelineQueues, sources: readonly SourceConfig[]): KeptSchedule[] =>
  sources.filter((source) => source.enabled).map((source) => ({ key: schedulerKey(source), id: source.id, set: () => upsertSchedule(queues, source) }));

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

/** A source's schedule as the fetchers keep it in Redis. */
export interface ScheduledPoll {
  /** Its interval (a fetcher not restarted since an edit of the file keeps the old one). */
  every: number;
  /** When its next poll is queued for, in ms since the epoch. */
  next: number | undefined;
}

/**
 * Each source's schedule, by source id. A source with none — polled only by `marsad run --once`, from
 * cron say, or disabled — is missing: no poll of it is ever due, so it is never overdue.
 */
export async function scheduledPolls(fetchQueue: Queue): Promise<Map<string, ScheduledPoll>> {
  const schedulers = await fetchQueue.getJobSchedulers();
  return new Map(schedulers.filter((s) => s.key.startsWith(SCHEDULER_PREFIX) && s.every).map((s) => [s.key.slice(SCHEDULER_PREFIX.length), { every: s.every as number, next: s.next }]));
}
