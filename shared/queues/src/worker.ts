import type { PipelineConfig } from '@marsad/config';
import { lazyChild, type Logger } from '@marsad/logger';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { PermanentError, RetryLaterError } from './errors.js';
import { JobTimings } from './job-timings.js';
import { QUEUES, type PayloadOf, type QueueName } from './queues.js';

export interface JobContext {
  /** Child logger carrying queue, jobId, sourceId and itemId. */
  log: Logger;
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** False while BullMQ would try the job again should this try fail. */
  lastAttempt?: boolean;
}

export type StageHandler<N extends QueueName> = (payload: PayloadOf<N>, ctx: JobContext) => Promise<unknown>;

export interface StageWorkerOptions<N extends QueueName> {
  queue: N;
  handle: StageHandler<N>;
  connection: Redis;
  prefix: string;
  /** Jobs processed at once by this worker. */
  concurrency: number;
  logger: Logger;
  /** Stalled-job recovery (pipeline.workers); BullMQ's defaults without it. */
  recovery?: PipelineConfig['workers'];
  /** How often job durations are added to Redis. @defaultValue 5000 */
  timingsFlushMs?: number;
}

/** A BullMQ worker that, closing, also hands over the job durations it has not reported yet. */
class StageWorker extends Worker {
  timings?: JobTimings;
  override async close(force?: boolean): Promise<void> {
    await super.close(force);
    await this.timings?.flush().catch(() => {}); // metrics are not worth failing a shutdown for
  }
}

/**
 * The one way Marsad consumes a queue: validates the payload (an invalid one fails at once, with the
 * validation message, never retried), gives the handler a child logger, maps our error classes to
 * BullMQ behaviour, and logs every failure with its reason.
 */
export function createStageWorker<N extends QueueName>(options: StageWorkerOptions<N>): Worker {
  const def = QUEUES[options.queue];
  const log = options.logger.child({ queue: def.name });
  const timings = new JobTimings(options.connection, options.prefix, def.name, options.timingsFlushMs);
  const worker = new StageWorker(
    def.name,
    async (job: Job, token?: string) => {
      const started = performance.now();
      const took = () => (performance.now() - started) / 1000;
      const payload = parsePayload(options.queue, job.data);
      const ctx = { log: lazyChild(log, { jobId: job.id, ...jobFields(payload) }), jobId: job.id ?? '', attempt: job.attemptsMade + 1, lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
      try {
        const result = await options.handle(payload, ctx);
        timings.observe('completed', took());
        return result;
      } catch (err) {
        const error = await toBullmqError(err, job, token);
        if (!(error instanceof DelayedError)) timings.observe('failed', took());
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      ...(options.recovery
        ? { lockDuration: options.recovery.lockDurationMs, stalledInterval: options.recovery.stalledIntervalMs, maxStalledCount: options.recovery.maxStalledCount }
        : {}),
    },
  );
  worker.timings = timings;
  worker.on('error', (err) => log.error({ err }, 'worker error'));
  worker.on('failed', (job, err) => {
    if (!job) return;
    const fields = { jobId: job.id, attempt: job.attemptsMade, reason: err.message, ...jobFields(job.data) };
    if (isFinalFailure(job, err)) log.error(fields, 'job failed');
    else log.warn(fields, 'job failed, will retry');
  });
  return worker;
}

/** True when BullMQ will not try this job again: it is in the failed set for good. */
export function isFinalFailure(job: Job, err: Error): boolean {
  return err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

export function parsePayload<N extends QueueName>(queue: N, data: unknown): PayloadOf<N> {
  const parsed = QUEUES[queue].schema.safeParse(data);
  if (parsed.success) return parsed.data as PayloadOf<N>;
  throw new UnrecoverableError(`invalid ${queue} job payload: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`);
}

async function toBullmqError(err: unknown, job: Job, token: string | undefined): Promise<Error> {
  if (err instanceof PermanentError) return new UnrecoverableError(err.message);
  if (err instanceof RetryLaterError && token) {
    await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
    return new DelayedError(err.message);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** The identifiers worth having on every log line of a job, whatever its stage. */
function jobFields(data: unknown): { sourceId?: string; itemId?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const record = data as { sourceId?: unknown; item?: { id?: unknown; sourceId?: unknown } };
  const sourceId = record.sourceId ?? record.item?.sourceId;
  const itemId = record.item?.id;
  return {
    ...(typeof sourceId === 'string' ? { sourceId } : {}),
    ...(typeof itemId === 'string' ? { itemId } : {}),
  };
}
