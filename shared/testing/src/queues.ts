import { setTimeout } from 'node:timers/promises';
import { Worker, type Queue } from 'bullmq';

/**
 * Fails the jobs waiting on `queue` with `reason` until `count` of them are in its failed set, as a
 * worker whose every attempt throws would (a job's own `attempts` still apply): what an operator's
 * tools list and retry.
 */
export async function failWaitingJobs(queue: Queue, count: number, reason: string): Promise<void> {
  const worker = new Worker(queue.name, async () => { throw new Error(reason); }, { connection: queue.opts.connection, prefix: queue.opts.prefix });
  try {
    while ((await queue.getFailedCount()) < count) await setTimeout(20);
  } finally {
    await worker.close();
  }
}
