import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** A schedule a service keeps on a queue: its job scheduler's key, what it is about, and how to set it. */
export interface KeptSchedule {
  key: string;
  /** What the schedule is about (a source's id, a digest rule's), as warnings name it. */
  id: string;
  set(): Promise<unknown>;
}

/**
 * The schedules lost while the services ran — their scheduler removed (on the queue board), or the job
 * it waits on gone (removed there, or dropped by BullMQ's drain: see drainQueue) — each set again, its
 * next job due when its schedule says. Resolves with the ids of those restored.
 */
export async function restoreLostSchedules(queue: Queue, schedules: readonly KeptSchedule[]): Promise<string[]> {
  const restored: string[] = [];
  for (const schedule of schedules) {
    if (await scheduleHolds(queue, schedule.key)) continue;
    await schedule.set();
    restored.push(schedule.id);
  }
  return restored;
}

/**
 * Whether the scheduler is there with the job of its next run (BullMQ names it repeat:<key>:<time>).
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

/** How often lost schedules are looked for: one replica a round, the others finding it taken. */
export const SCHEDULE_CHECK_MS = 5 * 60_000;

export interface ScheduleKeeping {
  connection: Redis;
  /** The key prefix of the services' own keys (the queue prefix). */
  prefix: string;
  onRestored(id: string): void;
  onError(err: unknown): void;
  everyMs?: number;
}

/**
 * Looks for the queue's lost schedules every SCHEDULE_CHECK_MS, in one replica at a time (a lease in
 * Redis), and says which were restored. Stop it with the function it returns.
 */
export function keepSchedules(queue: Queue, schedules: readonly KeptSchedule[], { connection, prefix, onRestored, onError, everyMs = SCHEDULE_CHECK_MS }: ScheduleKeeping): () => void {
  const check = async () => {
    // The lease lapses before the next round, so a replica that stopped does not stop the checks.
    if ((await connection.set(`${prefix}:schedules-checked:${queue.name}`, '1', 'PX', Math.ceil(everyMs * 0.8), 'NX')) !== 'OK') return;
    for (const id of await restoreLostSchedules(queue, schedules)) onRestored(id);
  };
  const timer = setInterval(() => void check().catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
