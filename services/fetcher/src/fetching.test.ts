import { randomBytes } from 'node:crypto';
import { PipelineSchema, SourceSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues } from '@marsad/queues';
import { openTestQueues } from '@marsad/queues/testing';
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchingOf, healthOfSources, pollsStopped } from './fetching.js';
import { syncSourceSchedulers } from './schedulers.js';
import { SourceHealthStore } from './source-health.js';

const { redis, connection, queues, close } = openTestQueues('fetching');
afterAll(close);

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

describe('healthOfSources', () => {
  const source = (id: string, interval: string) => SourceSchema.parse({ id, adapter: 'rss', url: `https://${id}.example/feed`, interval });

  it('calls a late poll overdue only for a source a schedule polls, at the interval the schedule has', async () => {
    const store = new SourceHealthStore(connection, redis.prefix);
    const now = new Date('2026-12-08T12:00:00Z');
    const threeHoursAgo = new Date(now.getTime() - 3 * 3_600_000);
    for (const id of ['scheduled', 'cron', 'slower']) await store.recordSuccess(id, threeHoursAgo, 1);
    // The fetchers scheduled "scheduled" hourly and "slower" every two hours; the file since asks
    // every 30 min of "slower", and "cron" is polled only by marsad run --once.
    await syncSourceSchedulers(queues, [source('scheduled', '1h'), source('slower', '2h')]);
    const sources = [source('scheduled', '1h'), source('cron', '1h'), source('slower', '30m')];
    const rows = await healthOfSources(store, queues.fetch, sources, now);
    expect(rows.map(({ source, health }) => [source.id, health.state, health.pollDueAt])).toEqual([
      ['scheduled', 'overdue', '2026-12-08T10:00:00.000Z'],
      ['cron', 'ok', null],
      ['slower', 'ok', '2026-12-08T11:00:00.000Z'],
    ]);
  });
});
