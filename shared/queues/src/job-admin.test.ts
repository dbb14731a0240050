import { failWaitingJobs } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainQueue, failedJobs, retryFailedJobs } from './job-admin.js';
import { openTestQueues } from './testing.js';

const { queues, close } = openTestQueues('job-admin', { attempts: 1 });

beforeAll(async () => {
  for (const id of ['a', 'b', 'c']) await queues.fetch.add('fetch', { sourceId: `source-${id}`, runId: 'r' }, { jobId: `fetch-${id}` });
  await failWaitingJobs(queues.fetch, 3, 'HTTP 503 from the feed');
});
afterAll(close);

describe('failedJobs and retryFailedJobs', () => {
  it('lists failed jobs newest first, up to the limit asked', async () => {
    const all = await failedJobs(queues.fetch, 10);
    expect(all.map((job) => job.sourceId).sort()).toEqual(['source-a', 'source-b', 'source-c']);
    expect(all[0]).toMatchObject({ queue: 'fetch', reason: 'HTTP 503 from the feed', attempts: 1 });
    expect(Date.parse(all[0]!.failedAt!)).toBeGreaterThanOrEqual(Date.parse(all[2]!.failedAt!));
    expect(await failedJobs(queues.fetch, 2)).toHaveLength(2);
  });

  it('sends a job back once when two operators retry it at the same moment, and neither fails', async () => {
    const [first, second] = await Promise.all([retryFailedJobs(queues.fetch, ['fetch-a']), retryFailedJobs(queues.fetch, ['fetch-a'])]);
    expect([...first.retried, ...second.retried]).toEqual(['fetch-a']);
    expect([...first.skipped, ...second.skipped]).toEqual(['fetch-a']);
    expect(await queues.fetch.getJobState('fetch-a')).toBe('waiting');
    const { retried } = await retryFailedJobs(queues.fetch);
    expect(retried.sort()).toEqual(['fetch-b', 'fetch-c']);
  });
});

describe('drainQueue', () => {
  it("removes the jobs no worker has taken, and with delayed those waiting out a backoff, keeping the schedules' jobs", async () => {
    const item = (n: number) => ({ id: `i${n}`, sourceId: 'hespress', url: `https://www.hespress.com/a/${n}`, title: `خبر ${n}`, text: 'نص', publishedAt: null, fetchedAt: '2026-12-08T10:00:00.000Z' });
    for (const n of [1, 2, 3]) await queues.classify.add('classify', { item: item(n) }, { jobId: `item-i${n}` });
    await queues.classify.add('classify', { item: item(4) }, { jobId: 'item-i4', priority: 5 });
    await queues.classify.add('classify', { item: item(5) }, { jobId: 'item-i5', delay: 60_000 });

    expect(await drainQueue(queues.classify)).toEqual([
      { state: 'waiting', removed: 3, left: 0 },
      { state: 'prioritized', removed: 1, left: 0 },
    ]);
    expect(await queues.classify.getJobState('item-i5')).toBe('delayed');
    expect(await drainQueue(queues.classify, true)).toEqual([
      { state: 'waiting', removed: 0, left: 0 },
      { state: 'prioritized', removed: 0, left: 0 },
      { state: 'delayed', removed: 1, left: 0 },
    ]);
    expect(await queues.classify.getJob('item-i1')).toBeUndefined();
  });

  it("keeps each schedule's next job among the waiting ones it removes (BullMQ's drain loses it)", async () => {
    await queues.fetch.drain(true);
    // The schedule's job comes due while three others wait.
    for (const id of ['a', 'b', 'c']) await queues.fetch.add('fetch', { sourceId: `source-${id}` }, { jobId: `fetch-${id}` });
    await queues.fetch.upsertJobScheduler('source-now', { every: 60_000 }, { name: 'fetch', data: { sourceId: 'source-now' } });
    await queues.fetch.upsertJobScheduler('source-later', { every: 60_000, startDate: Date.now() + 3_600_000 }, { name: 'fetch', data: { sourceId: 'source-later' } });

    expect(await drainQueue(queues.fetch, true)).toEqual([
      { state: 'waiting', removed: 3, left: 1 },
      { state: 'prioritized', removed: 0, left: 0 },
      { state: 'delayed', removed: 0, left: 1 },
    ]);
    const waiting = await queues.fetch.getWaiting();
    expect(waiting.map((job) => job.data.sourceId)).toEqual(['source-now']);
    expect((await queues.fetch.getDelayed()).map((job) => job.data.sourceId)).toEqual(['source-later']);
  });
});
