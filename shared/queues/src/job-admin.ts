import type { Job, Queue } from 'bullmq';

/** Every state a BullMQ job can be in, as `getJobCounts` names them. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A job that failed for good, as an operator reads it: what it was about and why it failed. */
export interface FailedJob {
  queue: string;
  jobId: string;
  reason: string;
  attempts: number;
  failedAt: string | null;
  /** The source the job fetched, or whose item it carried. */
  sourceId?: string;
  /** The item it carried, and its address. */
  itemId?: string;
  url?: string;
  /** A digest's rule. */
  ruleId?: string;
}

/**
 * The workers taking the queue's jobs, in every process on this Redis (its client list); undefined
 * where Redis refuses to list its clients, as some hosted ones' ACLs do.
 */
export const workersOf = (queue: Queue): Promise<number | undefined> => queue.getWorkersCount().catch(() => undefined);

/** Failed jobs looked at in one round trip. */
const PAGE = 500;

/** A queue's failed jobs, newest first, at most `limit` of them. */
export async function failedJobs(queue: Queue, limit: number): Promise<FailedJob[]> {
  const jobs: FailedJob[] = [];
  for (let start = 0; jobs.length < limit; start += PAGE) {
    const page = await queue.getFailed(start, start + Math.min(PAGE, limit - jobs.length) - 1);
    // A job removed between the listing and the read comes back undefined.
    jobs.push(...page.filter(Boolean).map((job) => describeFailed(queue.name, job)));
    if (page.length === 0) break;
  }
  return jobs;
}

function describeFailed(queue: string, job: Job): FailedJob {
  return {
    queue,
    jobId: job.id ?? '',
    reason: job.failedReason,
    attempts: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    ...subjectOf(job.data),
  };
}

/**
 * What a payload is about, read loosely: a job sits in the failed set because its payload may not
 * have matched its schema, so none of these fields can be counted on.
 */
function subjectOf(data: unknown): Pick<FailedJob, 'sourceId' | 'itemId' | 'url' | 'ruleId'> {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const record = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const payload = record(data);
  const item = record(payload.item);
  const subject = { sourceId: text(payload.sourceId) ?? text(item.sourceId), itemId: text(item.id), url: text(item.url), ruleId: text(payload.ruleId) };
  return Object.fromEntries(Object.entries(subject).filter(([, value]) => value !== undefined));
}

/**
 * Sends failed jobs back to their queue with their whole retry budget (BullMQ's own retry keeps the
 * attempts made, so a job whose cause was mended would get a single try): the given ids, else every
 * failed job of the queue. Resolves with the ids sent back; an id that is not a failed job is skipped.
 */
export async function retryFailedJobs(queue: Queue, jobIds?: readonly string[]): Promise<{ retried: string[]; skipped: string[] }> {
  const ids = jobIds ?? (await allIds(queue, 'failed'));
  const retried: string[] = [];
  const skipped: string[] = [];
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (job && (await job.isFailed()) && (await sendBack(job))) retried.push(id);
    else skipped.push(id);
  }
  return { retried, skipped };
}

/** False when the job left the failed set meanwhile (another operator retried or removed it). */
async function sendBack(job: Job): Promise<boolean> {
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  } catch (err) {
    if (await job.isFailed()) throw err;
    return false;
  }
}

async function allIds(queue: Queue, state: JobState): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; ; start += PAGE) {
    const page = await queue.getRanges([state], start, start + PAGE - 1, true);
    ids.push(...page);
    if (page.length < PAGE) return ids;
  }
}

/** What a drain did to one state: the jobs it removed, and those left (a schedule's, or added meanwhile). */
export interface DrainedState {
  state: JobState;
  removed: number;
  left: number;
}

/** Jobs removed at once: one removal script each, sent together. */
const REMOVALS_AT_ONCE = 100;

/**
 * Removes the jobs of a queue that no worker has taken: waiting and prioritized ones, and with
 * `delayed` those waiting out a delay or a retry's backoff too. Active jobs finish, and every job a
 * schedule made (a source's next poll, a rule's next digest) stays. Not BullMQ's own drain, which
 * keeps a schedule's job in the wait list but then trims the list by the count of the others, from
 * its head: the schedule's job is lost (its source not polled until keepSchedules sets it again) and
 * a removed job's id stays.
 */
export async function drainQueue(queue: Queue, delayed = false): Promise<DrainedState[]> {
  const states: JobState[] = delayed ? ['waiting', 'prioritized', 'delayed'] : ['waiting', 'prioritized'];
  const drained: DrainedState[] = [];
  for (const state of states) {
    // BullMQ names a schedule's jobs repeat:<scheduler>:<time>; Marsad's own ids never start so.
    const ids = (await allIds(queue, state)).filter((id) => !id.startsWith('repeat:'));
    let removed = 0;
    for (let i = 0; i < ids.length; i += REMOVALS_AT_ONCE) {
      // 0 for a job a worker took meanwhile: it is active, and finishes.
      const results = await Promise.all(ids.slice(i, i + REMOVALS_AT_ONCE).map((id) => queue.remove(id)));
      removed += results.reduce((sum, n) => sum + n, 0);
    }
    drained.push({ state, removed, left: (await queue.getJobCounts(state))[state] ?? 0 });
  }
  return drained;
}
