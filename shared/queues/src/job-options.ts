import type { AlertsConfig, PipelineConfig } from '@marsad/config';
import { Backoffs, type BackoffOptions, type JobsOptions } from 'bullmq';
import { RetryNotBeforeError } from './errors.js';

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

/** BullMQ's name for the backoff of deliveries, which `retryAfterBackoff` computes. */
export const RETRY_AFTER_BACKOFF = 'exponential-or-retry-after';

/**
 * The longest a `marsad run --once` waits for a server or receiver that asks to be left alone
 * (Retry-After): a run reports a longer wait as the source's or delivery's error and ends, rather than
 * keep its summary waiting an hour.
 */
export const RUN_MAX_RETRY_AFTER_MS = 60_000;

/** The longest wait a receiver's Retry-After sets: a later retry only fails fast on the channel's hold. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Alert and digest jobs: the delivery settings' attempts, exponential backoff with jitter, and a retry no
 * sooner than a rate-limited receiver asked (`RetryNotBeforeError`).
 */
export function deliveryJobOptions(delivery: AlertsConfig['delivery']): Pick<JobsOptions, 'attempts' | 'backoff'> {
  return { attempts: delivery.attempts, backoff: { type: RETRY_AFTER_BACKOFF, delay: delivery.backoffMs, jitter: BACKOFF_JITTER } };
}

/**
 * Every stage worker's custom backoff (BullMQ asks it for types it does not know): BullMQ's own
 * exponential delay, or the receiver's Retry-After when that is longer.
 */
export function retryAfterBackoff(attemptsMade: number, type?: string, err?: Error, job?: { opts: { backoff?: number | BackoffOptions } }): number {
  if (type !== RETRY_AFTER_BACKOFF) throw new Error(`unknown backoff strategy "${type}"`);
  const backoff = job?.opts.backoff;
  const { delay = 0, jitter = 0 } = typeof backoff === 'object' ? backoff : {};
  const exponential = Backoffs.builtinStrategies.exponential!(delay, jitter)(attemptsMade, type, err, job as never) as number;
  const asked = err instanceof RetryNotBeforeError ? Math.min(err.retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
  return Math.max(exponential, asked);
}
