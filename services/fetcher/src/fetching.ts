import type { SourceConfig } from '@marsad/config';
import { workersOf } from '@marsad/queues';
import type { Queue } from 'bullmq';
import { scheduledIntervals } from './schedulers.js';
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

/** Every source's health, in the file's order; overdue only where a schedule polls it (scheduledIntervals). */
export async function healthOfSources(store: SourceHealthStore, fetchQueue: Queue, sources: readonly SourceConfig[], now = new Date()): Promise<{ source: SourceConfig; health: SourceHealth }[]> {
  const intervals = await scheduledIntervals(fetchQueue);
  return Promise.all(sources.map(async (source) => ({ source, health: await store.get(source.id, now, intervals.get(source.id)) })));
}
