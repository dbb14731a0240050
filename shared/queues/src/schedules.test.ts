import { setTimeout } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { keepSchedules, restoreLostSchedules, type KeptSchedule } from './schedules.js';
import { openTestQueues } from './testing.js';

const { redis, connection, queues, close } = openTestQueues('schedules');
afterAll(close);

/** A source's poll every quarter of an hour, as the fetcher schedules it. */
const poll = (id: string): KeptSchedule => ({
  key: `source:${id}`,
  id,
  set: () => queues.fetch.upsertJobScheduler(`source:${id}`, { every: 900_000 }, { name: 'fetch', data: { sourceId: id } }),
});
const next = async (key: string) => (await queues.fetch.getJobScheduler(key))?.next;
const nextJobState = async (key: string) => queues.fetch.getJobState(`repeat:${key}:${await next(key)}`);

describe('restoreLostSchedules', () => {
  it('sets again a schedule whose scheduler was removed or whose next job was lost, and leaves the others be', async () => {
    const schedules = ['kept', 'removed', 'drained'].map(poll);
    for (const schedule of schedules) await schedule.set();
    const keptNext = await next('source:kept');
    expect(await restoreLostSchedules(queues.fetch, schedules)).toEqual([]);

    await queues.fetch.removeJobScheduler('source:removed');
    // As BullMQ's drain loses a schedule's job waiting ahead of others (see drainQueue): out of the
    // wait list, its data left behind.
    await connection.lrem(queues.fetch.toKey('wait'), 0, `repeat:source:drained:${await next('source:drained')}`);
    expect(await nextJobState('source:drained')).toBe('unknown');

    expect(await restoreLostSchedules(queues.fetch, schedules)).toEqual(['removed', 'drained']);
    expect(await next('source:kept')).toBe(keptNext);
    for (const key of ['source:removed', 'source:drained']) expect(['waiting', 'delayed'], key).toContain(await nextJobState(key));
    expect(await restoreLostSchedules(queues.fetch, schedules)).toEqual([]);
  });
});

describe('keepSchedules', () => {
  it('looks for lost schedules in one replica a round', async () => {
    const schedules = [poll('watched')];
    await schedules[0]!.set();
    const restored: string[] = [];
    const errors: unknown[] = [];
    const replica = () => keepSchedules(queues.fetch, schedules, { connection, prefix: redis.prefix, onRestored: (id) => restored.push(id), onError: (err) => errors.push(err), everyMs: 400 });
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
