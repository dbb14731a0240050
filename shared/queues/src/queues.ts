import type { z } from 'zod';
import { alertQueue } from './defs/alert.js';
import { classifyQueue } from './defs/classify.js';
import { digestQueue } from './defs/digest.js';
import { fetchQueue } from './defs/fetch.js';
import { storeQueue } from './defs/store.js';

/** The pipeline's stages, in data-flow order, then the digests the alerter sends on schedule. */
export const QUEUES = {
  fetch: fetchQueue,
  classify: classifyQueue,
  store: storeQueue,
  alert: alertQueue,
  digest: digestQueue,
} as const;

export type QueueName = keyof typeof QUEUES;
export type PayloadOf<N extends QueueName> = z.infer<(typeof QUEUES)[N]['schema']>;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
