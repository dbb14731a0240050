import { MIN_INTERVAL_MS, SourceSchema } from '@marsad/config';
import { restoreLostSchedules } from '@marsad/queues';
import { openTestQueues } from '@marsad/queues/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceSchedules, syncSourceSchedulers } from './schedulers.js';

const { queues, close } = openTestQueues('schedulers');
afterAll(close);

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

describe('sourceSchedules', () => {
  it("keeps the enabled sources' schedules: one removed on the board is set again at its interval", async () => {
    const sources = [source('kept'), source('removed', '1h'), source('off', '15m', false)];
    await syncSourceSchedulers(queues, sources);
    await queues.fetch.removeJobScheduler('source:removed');
    expect(await restoreLostSchedules(queues.fetch, sourceSchedules(queues, sources))).toEqual(['removed']);
    expect(await queues.fetch.getJobScheduler('source:removed')).toMatchObject({ every: 3_600_000, template: { data: { sourceId: 'removed' } } });
    expect(await queues.fetch.getJobScheduler('source:off')).toBeUndefined();
  });
});
