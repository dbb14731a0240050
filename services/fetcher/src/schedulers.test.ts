import { MIN_INTERVAL_MS, PipelineSchema, SourceSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues } from '@marsad/queues';
import { createTestRedis } from '@marsad/testing';
import { setTimeout } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { keepSchedules, restoreLostSchedules, syncSourceSchedulers } from './schedulers.js';

const redis = createTestRedis('schedulers');
const connection = createRedis(redis.url);
const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });

afterAll(async () => {
  await closeQueues(queues);
  connection.disconnect();
  await redis.cleanup();
});

const source = (id: string, interval = '15m', enabled = true) =>
  SourceSchema.parse({ id, adapter: 'rss', url: `https://${id}.example/feed`, interval, enabled });

describe('syncSourceSchedulers', () => {
  it('keeps one scheduler per enabled source however often it runs, and drops removed sources', async () => {
    const sources = [source('a'), source('b', '1h'), source('off', '15m', false)];
    await syncSourceSchedulers(queues, sources);
    await syncSourceSchedulers(queues, sources); // a restart
    let schedulers = await queues.fetch.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
      ['source:a', 900_000],
      ['source:b', 3_600_000],
    ]);
    expect(await syncSourceSchedulers(queues, [source('a', '5m')])).toEqual({ upserted: 1, removed: 1, atMinimum: [] });
    schedulers = await queues.fetch.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([['source:a', 300_000]]);
    const delayed = await queues.fetch.getDelayed();
    expect(delayed.every((job) => job.data.sourceId === 'a')).toBe(true);
  });

  it('polls a source whose interval is under the minimum at the minimum, and names it', async () => {
    expect(await syncSourceSchedulers(queues, [source('a', '5m'), source('fast', '2s')])).toEqual({ upserted: 2, removed: 0, atMinimum: ['fast'] });
    const schedulers = await queues.fetch.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
      ['source:a', 300_000],
      ['source:fast', MIN_INTERVAL_MS],
    ]);
  });
});

describe('restoreLostSchedules', () => {
  it('schedules again a source whose scheduler was removed or whose next job was lost, and leaves the others be', async () => {
    const sources = [source('kept'), source('removed'), source('drained'), source('off', '15m', false)];
    await syncSourceSchedulers(queues, sources.filter((s) => s.id !== 'drained'));
    const next = async (key: string) => (await queues.fetch.getJobScheduler(key))?.next;
    const keptNext = await next('source:kept');
    expect(await restoreLostSchedules(queues, sources.filter((s) => s.id !== 'drained'))).toEqual([]);

    await queues.fetch.removeJobScheduler('source:removed');
    // As BullMQ's drain loses a schedule's job waiting ahead of others (see drainQueue): out of the
    // wait list, its data left behind.
    await queues.fetch.upsertJobScheduler('source:drained', { every: 60_000 }, { name: 'fetch', data: { sourceId: 'drained' } });
    const drainedNext = await next('source:drained');
    await connection.lrem(queues.fetch.toKey('wait'), 0, `repeat:source:drained:${drainedNext}`);
    expect(await queues.fetch.getJobState(`repeat:source:drained:${drainedNext}`)).toBe('unknown');

    expect(await restoreLostSchedules(queues, sources)).toEqual(['removed', 'drained']);
    expect(await next('source:kept')).toBe(keptNext);
    for (const key of ['source:removed', 'source:drained']) expect(['waiting', 'delayed'], key).toContain(await queues.fetch.getJobState(`repeat:${key}:${await next(key)}`));
    expect(await queues.fetch.getJobScheduler('source:off')).toBeUndefined();
    expect(await restoreLostSchedules(queues, sources)).toEqual([]);
  });

  it('checks in one fetcher replica a round', async () => {
    const sources = [source('watched')];
    await syncSourceSchedulers(queues, sources);
    const restored: string[] = [];
    const errors: unknown[] = [];
    const replica = () => keepSchedules(queues, sources, { connection, prefix: redis.prefix, onRestored: (id) => restored.push(id), onError: (err) => errors.push(err), everyMs: 400 });
    const stops = [replica(), replica()];
    await queues.fetch.removeJobScheduler('source:watched');
    for (let waited = 0; restored.length === 0 && waited < 5_000; waited += 50) await setTimeout(50);
    await setTimeout(500);
    stops.forEach((stop) => stop());
    expect(restored).toEqual(['watched']);
    expect(errors).toEqual([]);
    expect(await queues.fetch.getJobScheduler('source:watched')).toMatchObject({ every: 900_000 });
  });
});
