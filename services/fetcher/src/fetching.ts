import { pollingInterval, type SourceConfig } from '@marsad/config';
import { workersOf } from '@marsad/queues';
import type { Queue } from 'bullmq';
import { duration } from './last-listing.js';
import { scheduledPolls } from './schedulers.js';
import type { SourceHealth, SourceHealthStore } from './source-health.js';

/** The fetch queue as every poll depends on it: paused by an operator, and the fetchers taking its jobs in every process. */
export interface Fetching {
  paused: boolean;
  /** undefined where Redis does not list its clients (workersOf). */
  workers: number | undefined;
}

export async function fetchingOf(fetchQueue: Queue): Promise<Fetching> {
  const [paused, workers] = await Promise.all([fetchQueue.isPaused(), workersOf(fetchQueue)]);
  return { paused, workers };
}

/** What stops every poll at once, said before each source's health (which would read overdue only an interval later); else undefined. */
export function pollsStopped({ paused, workers }: Fetching): string | undefined {
  if (paused) return 'The fetch queue is paused: no source is polled until it is resumed (marsad jobs resume fetch, or the queue board).';
  if (workers === 0) return 'No fetcher is running: no source is polled (marsad start fetcher, or marsad start).';
  return undefined;
}

/** A configured source as operators see it: its health, and the schedule the running fetchers poll it on. */
export interface SourceState {
  source: SourceConfig;
  health: SourceHealth;
  /** The interval of its schedule in Redis; null when none polls it. */
  scheduledEvery: number | null;
  /** When its schedule next polls it (one that comes before a failing source's next attempt is skipped); null when none does. */
  nextPollAt: string | null;
  /** Where the running fetchers poll it otherwise than the file says (they read it when they start); else null. */
  scheduleNote: string | null;
}

/**
 * Every source's state, in the file's order; overdue only where a schedule polls it (scheduledPolls).
 * `fetching`, where the caller has read it already, spares counting the fetchers again.
 */
export async function healthOfSources(
  store: SourceHealthStore,
  fetchQueue: Queue,
  sources: readonly SourceConfig[],
  { now = new Date(), fetching }: { now?: Date; fetching?: Fetching } = {},
): Promise<SourceState[]> {
  const [schedules, workers] = await Promise.all([scheduledPolls(fetchQueue), fetching ? fetching.workers : workersOf(fetchQueue)]);
  return Promise.all(
    sources.map(async (source) => {
      const schedule = schedules.get(source.id);
      return {
        source,
        health: await store.get(source.id, now, schedule?.every),
        scheduledEvery: schedule?.every ?? null,
        nextPollAt: schedule?.next === undefined ? null : new Date(schedule.next).toISOString(),
        // No fetcher running polls nothing: said once, before every source (pollsStopped).
        scheduleNote: workers === 0 ? null : scheduleDrift(source, schedule?.every) ?? null,
      };
    }),
  );
}

/**
 * How the fetchers' schedule of a source differs from what the file says of it, if it does: they read
 * the file when they start, so an edit waits for their restart.
 */
export function scheduleDrift(source: SourceConfig, scheduledEvery: number | undefined): string | undefined {
  if (!source.enabled) return scheduledEvery === undefined ? undefined : `disabled in the file, still polled every ${duration(scheduledEvery)} (restart the fetchers to apply it)`;
  if (scheduledEvery === undefined) return 'not polled: no schedule (added since the fetchers started: restart them, or marsad run --once)';
  const wanted = pollingInterval(source);
  return scheduledEvery === wanted ? undefined : `polled every ${duration(scheduledEvery)}, the file says ${duration(wanted)} (restart the fetchers to apply it)`;
}
