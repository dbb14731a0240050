import type { PipelineConfig } from '@marsad/config';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { defaultJobOptions } from './job-options.js';
import { QUEUES, QUEUE_NAMES, type PayloadOf, type QueueName } from './queues.js';

/** Where the pipeline's queues live: one Redis, one key prefix. */
export interface QueueContext {
  connection: Redis;
  /** BullMQ key prefix, a Redis Cluster hash tag such as `{marsad}`. */
  prefix: string;
  pipeline: PipelineConfig;
  /**
   * Only to look at or act on queues that services run (`marsad jobs`, `marsad sources`): BullMQ then
   * writes no meta key, so a command reading an empty Redis, or another prefix, leaves nothing behind.
   */
  inspectOnly?: boolean;
}

export type PipelineQueues = { [N in QueueName]: Queue<PayloadOf<N>> };

/** Opens a producer for every stage, each with the pipeline's retry and retention defaults. */
export function openQueues(ctx: QueueContext): PipelineQueues {
  const defaults = defaultJobOptions(ctx.pipeline);
  const open = <N extends QueueName>(name: N) =>
    new Queue<PayloadOf<N>>(QUEUES[name].name, { connection: ctx.connection, prefix: ctx.prefix, defaultJobOptions: defaults, skipMetasUpdate: ctx.inspectOnly });
  return { fetch: open('fetch'), classify: open('classify'), store: open('store'), alert: open('alert'), digest: open('digest') };
}

export async function closeQueues(queues: PipelineQueues): Promise<void> {
  await Promise.all(QUEUE_NAMES.map((name) => queues[name].close()));
}

/** One job for a stage: its payload and a deterministic id derived from the item. */
export interface Outgoing<N extends QueueName> {
  payload: PayloadOf<N>;
  jobId: string;
}

/** Queues jobs on one stage; what handlers receive to enqueue their next step. */
export type Send<N extends QueueName> = (jobs: Outgoing<N>[]) => Promise<void>;

/**
 * Queues jobs on `name` in one round trip. Job ids are deterministic, so sending the same item again
 * while its job is queued or retained is a no-op in BullMQ.
 */
export function sender<N extends QueueName>(queues: PipelineQueues, name: N, extra: JobsOptions = {}): Send<N> {
  const queue = queues[name] as unknown as Queue;
  const jobName = QUEUES[name].name;
  return async (jobs) => {
    const [only] = jobs;
    // addBulk wraps its jobs in a MULTI: worth it for a feed's items, measurably slower for one job.
    if (jobs.length === 1 && only) await queue.add(jobName, only.payload, { ...extra, jobId: only.jobId });
    else if (jobs.length > 1) await queue.addBulk(jobs.map(({ payload, jobId }) => ({ name: jobName, data: payload, opts: { ...extra, jobId } })));
  };
}

/**
 * An item's job id at every stage (its id, and its revision's digest when it is one): the same item
 * queued twice is one job, while a revision is a job of its own. Job ids must not look like integers
 * in BullMQ; a word in front also keeps them readable.
 */
export function itemJobId(item: { id: string; revision?: string | undefined }): string {
  return item.revision ? `item-${item.id}-r${item.revision}` : `item-${item.id}`;
}
