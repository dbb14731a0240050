import { PipelineSchema } from '@marsad/config';
import { createTestRedis, failWaitingJobs } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from './connection.js';
import { failedJobs, retryFailedJobs } from './job-admin.js';
import { closeQueues, openQueues, type PipelineQueues } from './pipeline-queues.js';

const redis = createTestRedis('job-admin');
const connection = createRedis(redis.url);
let queues: PipelineQueues;

beforeAll(async () => {
  queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({ attempts: 1 }) });
  for (const id of ['a', 'b', 'c']) await queues.fetch.add('fetch', { sourceId: `source-${id}`, runId: 'r' }, { jobId: `fetch-${id}` });
  await failWaitingJobs(queues.fetch, 3, 'HTTP 503 from the feed');
});
afterAll(async () => {
  await closeQueues(queues);
  connection.disconnect();
  await redis.cleanup();
});

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
