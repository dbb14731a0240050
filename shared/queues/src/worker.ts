import type { PipelineConfig } from '@marsad/config';
import { lazyChild, type Logger } from '@marsad/logger';
import { DelayedError, Queue, RateLimitError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { PermanentError, RetryLaterError } from './errors.js';
import { retryAfterBackoff } from './job-options.js';
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
  /**
   * Whether an error says that a service the handler needs is down (the database), rather than that
   * the job went wrong: the queue then pauses, for every worker of it, and the job goes back to wait
   * with its attempts untouched, so an outage longer than the retry budget fails no job.
   */
  isDependencyDown?: (err: unknown) => boolean;
  /** How long the queue pauses each time its dependency is found down. @defaultValue 2000 */
  dependencyRetryMs?: number;
}

const DEPENDENCY_RETRY_MS = 2_000;

/** A BullMQ worker that, closing, also hands over the job durations it has not reported yet. */
class StageWorker extends Worker {
  timings?: JobTimings;
  pauses?: QueuePauses;
  override async close(force?: boolean): Promise<void> {
    await super.close(force);
    await this.pauses?.close();
    await this.timings?.flush().catch(() => {}); // metrics are not worth failing a shutdown for
  }
}

/**
 * Pauses a queue while a service its handler needs is down, through BullMQ's rate limit (which
 * every worker of the queue obeys), saying so once per pause rather than once per job.
 */
class QueuePauses {
  private queue?: Queue;
  private pausedUntil = 0;

  constructor(
    private readonly name: string,
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly waitMs: number,
    private readonly log: Logger,
  ) {}

  async pause(err: unknown): Promise<void> {
    if (Date.now() < this.pausedUntil) return;
    this.pausedUntil = Date.now() + this.waitMs;
    this.log.warn({ reason: err instanceof Error ? err.message : String(err), waitMs: this.waitMs }, 'a service this queue needs is down: queue paused, job back in wait with its attempts untouched');
    this.queue ??= new Queue(this.name, { connection: this.connection, prefix: this.prefix });
    await this.queue.rateLimit(this.waitMs);
  }

  async close(): Promise<void> {
    await this.queue?.close();
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
  const pauses = new QueuePauses(def.name, options.connection, options.prefix, options.dependencyRetryMs ?? DEPENDENCY_RETRY_MS, log);
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
        if (options.isDependencyDown?.(err)) {
          await pauses.pause(err);
          throw new RateLimitError();
        }
        const error = await toBullmqError(err, job, token);
        if (!(error instanceof DelayedError)) timings.observe('failed', took());
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      settings: { backoffStrategy: retryAfterBackoff },
      ...(options.recovery
        ? { lockDuration: options.recovery.lockDurationMs, stalledInterval: options.recovery.stalledIntervalMs, maxStalledCount: options.recovery.maxStalledCount }
        : {}),
    },
  );
  worker.timings = timings;
  worker.pauses = pauses;
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
