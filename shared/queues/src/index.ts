export { checkRedis, createRedis, redisMemoryUse, type Redis, type RedisMemoryUse } from './connection.js';
export { PermanentError, RedisUnavailableError, RetryLaterError, RetryNotBeforeError } from './errors.js';
export { defaultJobOptions, deliveryJobOptions, RUN_MAX_RETRY_AFTER_MS } from './job-options.js';
export {
  AnalysisSchema,
  ClassifiedItemSchema,
  RawItemSchema,
  type Analysis,
  type ClassifiedItem,
  type RawItem,
} from './item.js';
export { AlertJobSchema, alertQueue, type AlertJob } from './defs/alert.js';
export { ClassifyJobSchema, classifyQueue, type ClassifyJob } from './defs/classify.js';
export { DigestJobSchema, digestQueue, type DigestJob } from './defs/digest.js';
export { FetchJobSchema, fetchQueue, type FetchJob } from './defs/fetch.js';
export { StoreJobSchema, storeQueue, type StoreJob } from './defs/store.js';
export type { QueueDef } from './queue-def.js';
export { QUEUES, QUEUE_NAMES, type PayloadOf, type QueueName } from './queues.js';
export {
  closeQueues,
  itemJobId,
  openQueues,
  sender,
  type Outgoing,
  type PipelineQueues,
  type QueueContext,
  type Send,
} from './pipeline-queues.js';
export {
  createStageWorker,
  isFinalFailure,
  parsePayload,
  type JobContext,
  type StageHandler,
  type StageWorkerOptions,
} from './worker.js';
export { deleteKeysWithPrefix, UNFINISHED_STATES } from './keys.js';
export { DURATION_BUCKETS, JobTimings, readJobTimings, type DurationHistogram, type JobOutcome } from './job-timings.js';
export { drainQueue, failedJobs, JOB_STATES, retryFailedJobs, workersOf, type DrainedState, type FailedJob, type JobState } from './job-admin.js';
export { keepSchedules, restoreLostSchedules, SCHEDULE_CHECK_MS, type KeptSchedule, type ScheduleKeeping } from './schedules.js';
