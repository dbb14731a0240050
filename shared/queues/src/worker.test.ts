import { PipelineSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createTestRedis, type TestRedis } from '@marsad/testing';
import { QueueEvents, type Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, type Redis } from './connection.js';
import { PermanentError, RetryLaterError, RetryNotBeforeError } from './errors.js';
import { deliveryJobOptions } from './job-options.js';
import { DURATION_BUCKETS, readJobTimings } from './job-timings.js';
import { closeQueues, openQueues, sender, type PipelineQueues } from './pipeline-queues.js';
import { createStageWorker, type StageHandler } from './worker.js';

const logger = createLogger({ level: 'silent' });
const pipeline = PipelineSchema.parse({ attempts: 3, backoffMs: 20, retention: { completedCount: 5 } });

let redis: TestRedis;
let connection: Redis;
let queues: PipelineQueues;
let events: QueueEvents;
const closers: (() => Promise<unknown>)[] = [];

beforeEach(async () => {
  redis = createTestRedis('queues');
  connection = createRedis(redis.url);
  queues = openQueues({ connection, prefix: redis.prefix, pipeline });
  events = new QueueEvents('fetch', { connection: connection.duplicate(), prefix: redis.prefix });
  await events.waitUntilReady();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await events.close();
  await closeQueues(queues);
  connection.disconnect();
  await redis.cleanup();
});

function fetchWorker(handle: StageHandler<'fetch'>, concurrency = 1) {
  const worker = createStageWorker({ queue: 'fetch', handle, connection, prefix: redis.prefix, concurrency, logger });
  closers.push(() => worker.close());
  return worker;
}

async function finished(job: Job): Promise<{ state: string; reason?: string; value?: unknown }> {
  try {
    return { state: 'completed', value: await job.waitUntilFinished(events, 10_000) };
  } catch (err) {
    return { state: 'failed', reason: (err as Error).message };
  }
}

describe('createStageWorker', () => {
  it('hands a valid payload to the handler and stores its result', async () => {
    fetchWorker(async (payload) => ({ got: payload.sourceId }));
    const job = await queues.fetch.add('fetch', { sourceId: 'hespress' });
    expect(await finished(job)).toEqual({ state: 'completed', value: { got: 'hespress' } });
  });

  it('fails an invalid payload at once with the validation message, without retries', async () => {
    let calls = 0;
    fetchWorker(async () => calls++);
    const job = await queues.fetch.add('fetch', { sourceId: 42 } as never);
    const result = await finished(job);
    expect(result.state).toBe('failed');
    expect(result.reason).toMatch(/invalid fetch job payload: .*sourceId/);
    const failed = await queues.fetch.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(calls).toBe(0);
  });

  it('does not retry a PermanentError', async () => {
    let calls = 0;
    fetchWorker(async () => {
      calls++;
      throw new PermanentError('unknown source "x"');
    });
    const job = await queues.fetch.add('fetch', { sourceId: 'x' });
    expect(await finished(job)).toEqual({ state: 'failed', reason: 'unknown source "x"' });
    expect(calls).toBe(1);
  });

  it('retries other errors with backoff until an attempt succeeds', async () => {
    let calls = 0;
    fetchWorker(async () => {
      if (++calls < 3) throw new Error('connection reset');
      return 'ok';
    });
    const job = await queues.fetch.add('fetch', { sourceId: 'flaky' });
    expect(await finished(job)).toEqual({ state: 'completed', value: 'ok' });
    expect(calls).toBe(3);
    expect(job.opts.backoff).toEqual({ type: 'exponential', delay: 20, jitter: 0.5 });
  });

  it('gives up after the configured attempts and keeps the last reason', async () => {
    fetchWorker(async () => {
      throw new Error('still down');
    });
    const job = await queues.fetch.add('fetch', { sourceId: 'down' });
    expect(await finished(job)).toEqual({ state: 'failed', reason: 'still down' });
    expect((await queues.fetch.getJob(job.id!))?.attemptsMade).toBe(3);
  });

  it('puts a job asking to retry later back after the delay, without using an attempt', async () => {
    const seen: number[] = [];
    fetchWorker(async () => {
      seen.push(Date.now());
      if (seen.length === 1) throw new RetryLaterError('HTTP 429', 300);
      return 'done';
    });
    const job = await queues.fetch.add('fetch', { sourceId: 'busy' });
    expect(await finished(job)).toEqual({ state: 'completed', value: 'done' });
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(250);
  });

  it('retries a delivery no sooner than its receiver asked, spending an attempt each time, and fails it when they run out', async () => {
    const seen: number[] = [];
    fetchWorker(async () => {
      seen.push(Date.now());
      throw new RetryNotBeforeError('HTTP 429: retry after 0.3 s', 300);
    });
    // A 5 ms backoff: without the receiver's wait, the three tries would come within ~15 ms.
    const job = await queues.fetch.add('fetch', { sourceId: 'flooded' }, deliveryJobOptions({ attempts: 3, backoffMs: 5 }));
    expect(await finished(job)).toEqual({ state: 'failed', reason: 'HTTP 429: retry after 0.3 s' });
    expect(seen).toHaveLength(3);
    expect(seen.slice(1).map((at, i) => at - seen[i]!).every((gap) => gap >= 290)).toBe(true);
    expect((await queues.fetch.getJob(job.id!))?.attemptsMade).toBe(3);
  });

  it("keeps a delivery's exponential backoff when an error asks no wait of its own", async () => {
    const seen: number[] = [];
    fetchWorker(async () => {
      seen.push(Date.now());
      if (seen.length < 3) throw new Error('SMTP 421 try again later');
      return 'sent';
    });
    const job = await queues.fetch.add('fetch', { sourceId: 'mail' }, deliveryJobOptions({ attempts: 3, backoffMs: 200 }));
    expect(await finished(job)).toEqual({ state: 'completed', value: 'sent' });
    // 100-200 ms after the first failure, 200-400 ms after the second (jitter takes up to half).
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(90);
    expect(seen[2]! - seen[1]!).toBeGreaterThanOrEqual(190);
  });

  it('pauses the queue while a service the handler needs is down, for longer than the retry budget, and fails no job', async () => {
    const calls: { sourceId: string; at: number }[] = [];
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const worker = createStageWorker({
      queue: 'fetch',
      handle: async (payload) => {
        calls.push({ sourceId: payload.sourceId, at: Date.now() });
        // Down for the first five tries in all: more than the three attempts a job has.
        if (calls.length <= 5) throw down;
        return 'stored';
      },
      connection, prefix: redis.prefix, concurrency: 2, logger,
      isDependencyDown: (err) => err === down,
      dependencyRetryMs: 100,
    });
    closers.push(() => worker.close());
    const jobs = await Promise.all(['a', 'b'].map((sourceId) => queues.fetch.add('fetch', { sourceId }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } })));
    expect(await Promise.all(jobs.map(finished))).toEqual([{ state: 'completed', value: 'stored' }, { state: 'completed', value: 'stored' }]);
    // Seven tries between them, and no attempt spent but the one that succeeded (BullMQ counts that one).
    const after = await Promise.all(jobs.map((job) => queues.fetch.getJob(job.id!)));
    expect(after.map((job) => job!.attemptsMade)).toEqual([1, 1]);
    expect(after.reduce((sum, job) => sum + job!.attemptsStarted, 0)).toBe(calls.length);
    expect(calls.length).toBe(7);
    // Each pause holds the queue: tries come no faster than the pause between them.
    const gaps = calls.slice(1).map((call, i) => call.at - calls[i]!.at).filter((gap) => gap >= 80);
    expect(gaps.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a bounded number of completed jobs', async () => {
    fetchWorker(async () => 'ok', 4);
    const jobs = await queues.fetch.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'fetch', data: { sourceId: `s${i}` } })));
    // Each wait listens for the queue closing until its job ends: twenty at once are no leak.
    queues.fetch.setMaxListeners(jobs.length + 10);
    await Promise.all(jobs.map(finished));
    expect(await queues.fetch.getCompletedCount()).toBeLessThanOrEqual(pipeline.retention.completedCount);
  });

  it('finishes the active job before close() resolves', async () => {
    let finishedAt = 0;
    const worker = fetchWorker(async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      finishedAt = Date.now();
      return 'ok';
    });
    const active = new Promise<void>((resolve) => worker.once('active', () => resolve()));
    const job = await queues.fetch.add('fetch', { sourceId: 'slow' });
    await active;
    await worker.close();
    expect(finishedAt).toBeGreaterThan(0);
    expect(await (await queues.fetch.getJob(job.id!))?.getState()).toBe('completed');
  });
});

describe('sender', () => {
  it('queues a job id once, however often the same item is sent', async () => {
    const send = sender(queues, 'fetch');
    await send([{ payload: { sourceId: 'a' }, jobId: 'item-1' }]);
    await send([{ payload: { sourceId: 'a' }, jobId: 'item-1' }, { payload: { sourceId: 'b' }, jobId: 'item-2' }]);
    expect(await queues.fetch.getWaitingCount()).toBe(2);
  });

  it('counts job durations per outcome in Redis, for every replica, by the time a worker has closed', async () => {
    const slow = fetchWorker(async (payload) => {
      if (payload.sourceId === 'bad') throw new PermanentError('no such feed');
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    const jobs = await Promise.all(['a', 'b', 'bad'].map((sourceId) => queues.fetch.add('fetch', { sourceId })));
    await Promise.all(jobs.map(finished));
    await slow.close();
    const [completed, failed] = await readJobTimings(connection, redis.prefix, ['fetch', 'classify']);
    expect(completed).toMatchObject({ queue: 'fetch', outcome: 'completed', count: 2 });
    expect(completed!.sumSeconds).toBeGreaterThanOrEqual(0.05);
    // both took 30 ms or more: none in the buckets below 25 ms
    expect(completed!.buckets.slice(0, DURATION_BUCKETS.indexOf(0.025)).every((n) => n === 0)).toBe(true);
    expect(failed).toMatchObject({ queue: 'fetch', outcome: 'failed', count: 1 });
  });
});
