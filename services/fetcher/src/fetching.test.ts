import { randomBytes } from 'node:crypto';
import { PipelineSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues } from '@marsad/queues';
import { createTestRedis } from '@marsad/testing';
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchingOf, pollsStopped } from './fetching.js';

const redis = createTestRedis('fetching');
const connection = createRedis(redis.url);
const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });

afterAll(async () => {
  await closeQueues(queues);
  connection.disconnect();
  await redis.cleanup();
});

describe('fetchingOf and pollsStopped', () => {
  it('say when no fetcher runs, or the fetch queue is paused, and nothing when polls go on', async () => {
    expect(await fetchingOf(queues.fetch)).toEqual({ paused: false, workers: 0 });
    expect(pollsStopped(await fetchingOf(queues.fetch))).toMatch(/^No fetcher is running/);
    const fetcher = new Worker(queues.fetch.name, async () => 'ok', { connection: connection.duplicate(), prefix: redis.prefix });
    await fetcher.waitUntilReady();
    try {
      expect(await fetchingOf(queues.fetch)).toEqual({ paused: false, workers: 1 });
      expect(pollsStopped(await fetchingOf(queues.fetch))).toBeUndefined();
      await queues.fetch.pause();
      expect(pollsStopped(await fetchingOf(queues.fetch))).toMatch(/^The fetch queue is paused/);
      await queues.fetch.resume();
    } finally {
      await fetcher.close();
    }
  });

  it("says nothing of the fetchers where Redis will not list its clients (a hosted Redis's ACL)", async () => {
    const user = `marsad-no-client-${randomBytes(4).toString('hex')}`;
    await connection.call('ACL', 'SETUSER', user, 'on', 'nopass', '~*', '&*', '+@all', '-client');
    const url = new URL(redis.url);
    url.username = user;
    const restricted = createRedis(url.toString());
    const seen = openQueues({ connection: restricted, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
    try {
      expect(await fetchingOf(seen.fetch)).toEqual({ paused: false, workers: undefined });
      expect(pollsStopped(await fetchingOf(seen.fetch))).toBeUndefined();
    } finally {
      await closeQueues(seen);
      restricted.disconnect();
      await connection.call('ACL', 'DELUSER', user);
    }
  });
});
