import { checkRedis, closeQueues, createRedis, drainQueue, failedJobs, JOB_STATES, openQueues, QUEUE_NAMES, retryFailedJobs, workersOf, type FailedJob, type PipelineQueues, type QueueName } from '@marsad/queues';
import type { Config } from '@marsad/config';
import { readConfig } from '../runtime.js';
import { positiveNumber, UsageError } from '../usage-error.js';

interface JobsOptions {
  config?: string;
  json?: boolean;
}

/** `marsad jobs [--json]`: each queue of `marsad start` with its workers (in every process) and its jobs by state. */
export async function jobsCommand(options: JobsOptions): Promise<number> {
  return withQueues(readConfig(options.config), async (queues) => {
    for (const name of QUEUE_NAMES) {
      const counts = await queues[name].getJobCounts(...JOB_STATES);
      const row = Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0]));
      const [paused, workers = null] = await Promise.all([queues[name].isPaused(), workersOf(queues[name])]);
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ queue: name, paused, workers, ...row })}\n`
          : `${name.padEnd(9)} ${paused ? 'PAUSED  ' : ''}workers ${workers ?? '?'}  ${JOB_STATES.map((state) => `${state} ${row[state]}`).join('  ')}\n`,
      );
    }
    return 0;
  });
}

/** `marsad jobs failed [QUEUE] [--limit N] [--json]`: jobs that failed for good, newest first, with their reasons. */
export async function jobsFailedCommand(queue: string | undefined, options: JobsOptions & { limit?: string }): Promise<number> {
  const names = queue === undefined ? QUEUE_NAMES : [queueName(queue)];
  const limit = positiveNumber('--limit', options.limit ?? '100');
  return withQueues(readConfig(options.config), async (queues) => {
    let shown = 0;
    for (const name of names) {
      for (const job of await failedJobs(queues[name], limit)) {
        process.stdout.write(options.json ? `${JSON.stringify(job)}\n` : formatFailed(job));
        shown++;
      }
    }
    if (!options.json) process.stderr.write(`${shown} failed job(s)${shown > 0 ? `; marsad jobs retry QUEUE [ID...] sends them back` : ''}\n`);
    return 0;
  });
}

/** `marsad jobs retry QUEUE [ID...]`: failed jobs back to their queue with a whole retry budget (all of them without ids). */
export async function jobsRetryCommand(queue: string, ids: string[], options: JobsOptions): Promise<number> {
  const name = queueName(queue);
  return withQueues(readConfig(options.config), async (queues) => {
    const { retried, skipped } = await retryFailedJobs(queues[name], ids.length > 0 ? ids : undefined);
    for (const id of skipped) process.stderr.write(`marsad: ${name} job ${id} is not a failed job: left as it is\n`);
    process.stdout.write(`${retried.length} ${name} job(s) sent back to their queue${retried.length > 0 ? ' (a running marsad start takes them up)' : ''}\n`);
    return skipped.length > 0 ? 1 : 0;
  });
}

/**
 * `marsad jobs pause|resume QUEUE`: no worker of any replica takes a job of a paused queue until it is
 * resumed (the active ones finish); the pause is kept in Redis, so it outlives restarts.
 */
export async function jobsPauseCommand(queue: string, pause: boolean, options: JobsOptions): Promise<number> {
  const name = queueName(queue);
  return withQueues(readConfig(options.config), async (queues) => {
    await (pause ? queues[name].pause() : queues[name].resume());
    process.stdout.write(pause ? `${name} paused: its jobs wait (the active ones finish) until marsad jobs resume ${name}, also across restarts\n` : `${name} resumed\n`);
    return 0;
  });
}

/** What becomes of the work a drained job carried, said to the operator who drained it. */
const AFTER_DRAIN: Record<QueueName, string> = {
  fetch: "each source's next poll comes on its schedule",
  classify: 'an item not stored yet is queued again when its source next lists it',
  store: 'an item not stored yet is queued again when its source next lists it',
  alert: 'the alerts those jobs would have sent are not sent',
  digest: "those digests are not sent; each rule's next one comes on its schedule",
};

/** `marsad jobs drain QUEUE [--delayed]`: a queue's backlog removed, active jobs and schedules left alone. */
export async function jobsDrainCommand(queue: string, options: JobsOptions & { delayed?: boolean }): Promise<number> {
  const name = queueName(queue);
  return withQueues(readConfig(options.config), async (queues) => {
    const drained = await drainQueue(queues[name], options.delayed === true);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ queue: name, ...Object.fromEntries(drained.map(({ state, removed, left }) => [state, { removed, left }])) })}\n`);
      return 0;
    }
    const removed = drained.reduce((sum, state) => sum + state.removed, 0);
    const left = drained.filter((state) => state.left > 0).map((state) => `${state.left} ${state.state}`);
    process.stdout.write(
      `${removed} ${name} job(s) removed (${drained.map((state) => `${state.state} ${state.removed}`).join(', ')})` +
        `${left.length > 0 ? `; left: ${left.join(', ')} (a schedule's, or added meanwhile)` : ''}\n` +
        (removed > 0 ? `active jobs finish; ${AFTER_DRAIN[name]}\n` : ''),
    );
    return 0;
  });
}

function queueName(name: string): QueueName {
  if ((QUEUE_NAMES as string[]).includes(name)) return name as QueueName;
  throw new UsageError(`no queue "${name}": the queues are ${QUEUE_NAMES.join(', ')}`);
}

function formatFailed(job: FailedJob): string {
  const about = [job.sourceId && `source ${job.sourceId}`, job.ruleId && `rule ${job.ruleId}`, job.url ?? (job.itemId && `item ${job.itemId}`)].filter(Boolean).join(', ');
  const when = job.failedAt ? job.failedAt.slice(0, 16).replace('T', ' ') : '?';
  return `${when}  ${job.queue} ${job.jobId}${about ? ` (${about})` : ''}, ${job.attempts} attempt(s): ${job.reason}\n`;
}

/** The queues of `marsad start` (the configured prefix), for one command. */
async function withQueues(config: Config, use: (queues: PipelineQueues) => Promise<number>): Promise<number> {
  await checkRedis(config.env.REDIS_URL);
  const connection = createRedis(config.env.REDIS_URL);
  const queues = openQueues({ connection, prefix: config.env.MARSAD_QUEUE_PREFIX, pipeline: config.pipeline , inspectOnly: true });
  try {
    return await use(queues);
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}
