import type { PipelineConfig } from '@marsad/config';
import type { JobsOptions } from 'bullmq';

/** Retries spread between 50% and 100% of the exponential delay, so failed jobs do not retry in lockstep. */
const BACKOFF_JITTER = 0.5;

/** Retries with exponential backoff and jitter; finished jobs kept for a bounded age and count. */
export function defaultJobOptions(pipeline: PipelineConfig): JobsOptions {
  const { retention } = pipeline;
  return {
    attempts: pipeline.attempts,
    backoff: { type: 'exponential', delay: pipeline.backoffMs, jitter: BACKOFF_JITTER },
    removeOnComplete: { age: retention.completedAgeSeconds, count: retention.completedCount },
    removeOnFail: { age: retention.failedAgeSeconds, count: retention.failedCount },
  };
}
