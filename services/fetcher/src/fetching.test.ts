import { randomBytes } from 'node:crypto';
import { PipelineSchema, SourceSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues } from '@marsad/queues';
import { openTestQueues } from '@marsad/queues/testing';
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchingOf, healthOfSources, pollsStopped, scheduleDrift } from './fetching.js';
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
    const rows = await healthOfSources(store, queues.fetch, sources, { now });
    expect(rows.map(({ source, health, scheduledEvery }) => [source.id, health.state, health.pollDueAt, scheduledEvery])).toEqual([
      ['scheduled', 'overdue', '2026-12-08T10:00:00.000Z', 3_600_000],
      ['cron', 'ok', null, null],
      ['slower', 'ok', '2026-12-08T11:00:00.000Z', 7_200_000],
    ]);
    // Each scheduled source's next poll, as queued: the first comes as its schedule is set, at once.
    const [scheduledNext, cronNext, slowerNext] = rows.map((row) => Date.parse(row.nextPollAt ?? '') - Date.now());
    expect(cronNext).toBeNaN();
    for (const next of [scheduledNext, slowerNext]) expect(Math.abs(next ?? Infinity)).toBeLessThan(60_000);
    // No fetcher runs (a cron's run --once polls them): nothing to say of their schedules.
    expect(rows.map((row) => row.scheduleNote)).toEqual([null, null, null]);
    const fetcher = new Worker(queues.fetch.name, async () => 'ok', { connection: connection.duplicate(), prefix: redis.prefix, autorun: false });
    await fetcher.waitUntilReady();
    try {
      const running = await healthOfSources(store, queues.fetch, sources, { now });
      expect(running.map((row) => row.scheduleNote)).toEqual([null, expect.stringMatching(/^not polled: no schedule \(/), expect.stringMatching(/^polled every 2 h, the file says 30 min/)]);
    } finally {
      await fetcher.close();
    }
  });
});

describe('scheduleDrift', () => {
  const source = (interval: string, enabled = true) => SourceSchema.parse({ id: 's', adapter: 'rss', url: 'https://s.example/feed', interval, enabled });
  it.each([
    ['polled as the file says', source('15m'), 900_000, undefined],
    ['added to the file since the fetchers started', source('15m'), undefined, 'not polled: no schedule (added since the fetchers started: restart them, or marsad run --once)'],
    ['its interval edited since', source('30m'), 7_200_000, 'polled every 2 h, the file says 30 min (restart the fetchers to apply it)'],
    ['disabled, and no longer scheduled', source('15m', false), undefined, undefined],
    ['disabled since the fetchers started', source('15m', false), 3_600_000, 'disabled in the file, still polled every 1 h (restart the fetchers to apply it)'],
  ])('%s', (_case, configured, scheduledEvery, said) => {
    expect(scheduleDrift(configured, scheduledEvery)).toBe(said);
  });
});
