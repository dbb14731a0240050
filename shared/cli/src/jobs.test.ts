import { fileURLToPath } from 'node:url';
import { openTestQueues } from '@marsad/queues/testing';
import { createTestRedis, failWaitingJobs, runNode } from '@marsad/testing';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/marsad.js', import.meta.url));
const { redis, connection, queues, close } = openTestQueues('jobs-cli');
const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix };

const item = (n: number) => ({ id: `i${n}`, sourceId: 'hespress', url: `https://www.hespress.com/a/${n}`, title: `خبر ${n}`, text: 'نص', publishedAt: null, fetchedAt: '2026-12-06T10:00:00.000Z' });
const marsad = (...args: string[]) => runNode(BIN, args, { env });
const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  const options = { attempts: 2, backoff: { type: 'fixed', delay: 10 } };
  await queues.classify.add('classify', { item: item(1), runId: 'r1' }, { ...options, jobId: 'item-i1' });
  await queues.classify.add('classify', { item: item(2), runId: 'r1' }, { ...options, jobId: 'item-i2' });
  // A payload that no schema would pass is listed too, without what it was about.
  await queues.fetch.add('fetch', { nonsense: true } as never, { attempts: 1, jobId: 'fetch-bad' });
  await Promise.all([failWaitingJobs(queues.classify, 2, 'tokenizer crashed on a malformed text'), failWaitingJobs(queues.fetch, 1, 'tokenizer crashed on a malformed text')]);
});
afterAll(close);

describe('marsad jobs', () => {
  it("counts each queue's workers and jobs by state", async () => {
    // A store service running somewhere, with its queue's worker.
    const store = new Worker(queues.store.name, async () => 'ok', { connection: connection.duplicate(), prefix: redis.prefix });
    await store.waitUntilReady();
    const result = await marsad('jobs', '--json');
    await store.close();
    expect(result.code, result.stderr).toBe(0);
    const byQueue = Object.fromEntries(jsonLines(result.stdout).map((row) => [row.queue, row]));
    expect(Object.keys(byQueue)).toEqual(['fetch', 'classify', 'store', 'alert', 'digest']);
    expect(byQueue.classify).toMatchObject({ failed: 2, waiting: 0, workers: 0 });
    expect(byQueue.fetch).toMatchObject({ failed: 1 });
    expect(byQueue.store).toMatchObject({ workers: 1 });
  });

  it('lists the jobs that failed for good with what they were about and why', async () => {
    const result = await marsad('jobs', 'failed', 'classify', '--json');
    expect(result.code, result.stderr).toBe(0);
    const failed = jsonLines(result.stdout);
    expect(failed.map((job) => job.jobId).sort()).toEqual(['item-i1', 'item-i2']);
    expect(failed[0]).toMatchObject({ queue: 'classify', sourceId: 'hespress', reason: 'tokenizer crashed on a malformed text', attempts: 2 });
    expect(failed.find((job) => job.jobId === 'item-i1')).toMatchObject({ itemId: 'i1', url: 'https://www.hespress.com/a/1' });

    const all = await marsad('jobs', 'failed');
    expect(all.stdout).toMatch(/fetch fetch-bad, 1 attempt\(s\): tokenizer crashed/);
    expect(all.stdout).toMatch(/classify item-i2 \(source hespress, https:\/\/www\.hespress\.com\/a\/2\), 2 attempt\(s\)/);
    expect(all.stderr).toContain('3 failed job(s)');
  });

  it('sends the ids given back to their queue with a whole retry budget, then the rest', async () => {
    const one = await marsad('jobs', 'retry', 'classify', 'item-i1');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('1 classify job(s) sent back');
    const retried = await queues.classify.getJob('item-i1');
    expect(await retried?.getState()).toBe('waiting');
    expect(retried?.attemptsMade).toBe(0);
    expect(await (await queues.classify.getJob('item-i2'))?.getState()).toBe('failed');

    const missing = await marsad('jobs', 'retry', 'classify', 'item-i1', 'item-none');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('classify job item-i1 is not a failed job');
    expect(missing.stderr).toContain('classify job item-none is not a failed job');

    const rest = await marsad('jobs', 'retry', 'classify');
    expect(rest.stdout).toContain('1 classify job(s) sent back');
    expect(await queues.classify.getJobCounts('failed', 'waiting')).toEqual({ failed: 0, waiting: 2 });
  });

  it("removes a queue's backlog, keeping the jobs of a schedule, and says what becomes of their work", async () => {
    await queues.fetch.add('fetch', { sourceId: 'alyaoum24' }, { jobId: 'fetch-once' });
    await queues.fetch.upsertJobScheduler('hespress', { every: 60_000 }, { name: 'fetch', data: { sourceId: 'hespress' } });
    await queues.classify.add('classify', { item: item(3), runId: 'r1' }, { jobId: 'item-i3', delay: 60_000 });
    expect(await queues.classify.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 2, delayed: 1 });

    const classify = await marsad('jobs', 'drain', 'classify');
    expect(classify.code, classify.stderr).toBe(0);
    expect(classify.stdout).toContain('2 classify job(s) removed (waiting 2, prioritized 0)');
    expect(classify.stdout).toContain('an item not stored yet is queued again when its source next lists it');
    expect(await queues.classify.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 1 });

    const fetch = await marsad('jobs', 'drain', 'fetch', '--delayed', '--json');
    expect(fetch.code, fetch.stderr).toBe(0);
    expect(jsonLines(fetch.stdout)).toEqual([{ queue: 'fetch', waiting: { removed: 1, left: 1 }, prioritized: { removed: 0, left: 0 }, delayed: { removed: 0, left: 0 } }]);
    expect((await queues.fetch.getWaiting()).map((job) => job.data.sourceId)).toEqual(['hespress']);
  });

  it('pauses a queue for every worker, says so in the counts, and resumes it', async () => {
    const paused = await marsad('jobs', 'pause', 'store');
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toContain('store paused: its jobs wait (the active ones finish) until marsad jobs resume store');
    expect(await queues.store.isPaused()).toBe(true);
    const counts = await marsad('jobs', '--json');
    expect(jsonLines(counts.stdout).map((row) => [row.queue, row.paused])).toEqual([['fetch', false], ['classify', false], ['store', true], ['alert', false], ['digest', false]]);
    expect((await marsad('jobs')).stdout).toMatch(/^store {5}PAUSED {2}workers 0 {2}waiting 0/m);

    const resumed = await marsad('jobs', 'resume', 'store');
    expect(resumed.stdout).toContain('store resumed');
    expect(await queues.store.isPaused()).toBe(false);
  });

  it('names the queues when given another', async () => {
    const result = await marsad('jobs', 'retry', 'clasify');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no queue "clasify": the queues are fetch, classify, store, alert, digest');
  });
});

describe('marsad jobs and marsad sources on a Redis that holds no queues', () => {
  const empty = createTestRedis('jobs-cli-empty');
  afterAll(() => empty.cleanup());

  it('read it without writing a key (a wrong prefix or a read-only user leaves nothing behind)', async () => {
    const emptyEnv = { REDIS_URL: empty.url, MARSAD_QUEUE_PREFIX: empty.prefix };
    const jobs = await runNode(BIN, ['jobs', '--json'], { env: emptyEnv });
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(jsonLines(jobs.stdout).map((row) => [row.queue, row.waiting, row.workers])).toEqual([['fetch', 0, 0], ['classify', 0, 0], ['store', 0, 0], ['alert', 0, 0], ['digest', 0, 0]]);
    const sources = await runNode(BIN, ['sources', '--json'], { env: emptyEnv });
    expect(sources.code, sources.stderr).toBe(0);
    expect(sources.stdout).toContain('"state":"never-fetched"');
    expect(await empty.keys()).toEqual([]);
  });
});
