import { RuleSchema, type RuleConfig } from '@marsad/config';
import { createRedis } from '@marsad/queues';
import { createTestRedis } from '@marsad/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadedRules, publishLoadedRules, ruleDrift, ruleFingerprint, rulesTakenOut, staleRules, type LoadedRules } from './loaded-rules.js';

const redis = createTestRedis('loaded-rules');
const connection = createRedis(redis.url);
afterAll(async () => {
  connection.disconnect();
  await redis.cleanup();
});

const rule = (id: string, over: Partial<Record<string, unknown>> = {}): RuleConfig => RuleSchema.parse({ id, tags: ['dgsn'], channels: ['mail'], ...over });

describe('publishLoadedRules and loadedRules', () => {
  it('record what each running alerter applies, until it stops, and forget one that ended without saying', async () => {
    expect(await loadedRules(connection, redis.prefix)).toEqual([]);
    const stopFirst = await publishLoadedRules(connection, redis.prefix, [rule('dgsn'), rule('daily', { mode: 'digest', at: '08:00' })]);
    const stopSecond = await publishLoadedRules(connection, redis.prefix, [rule('dgsn')]);
    const running = await loadedRules(connection, redis.prefix);
    expect(running.map((alerter) => Object.keys(alerter.rules).sort()).sort()).toEqual([['daily', 'dgsn'], ['dgsn']]);
    expect(running[0]?.rules.dgsn).toBe(ruleFingerprint(rule('dgsn')));
    await stopFirst();
    expect(await loadedRules(connection, redis.prefix)).toHaveLength(1);
    await stopSecond();
    expect(await loadedRules(connection, redis.prefix)).toEqual([]);

    // One killed outright: its lease lapses, and the next alerter to start forgets it.
    await publishLoadedRules(connection, redis.prefix, [rule('dgsn')]);
    const [token] = await connection.smembers(`${redis.prefix}:alerters`);
    await connection.del(`${redis.prefix}:alerters:${token}`);
    const stopNext = await publishLoadedRules(connection, redis.prefix, [rule('dgsn')]);
    expect(await connection.smembers(`${redis.prefix}:alerters`)).toHaveLength(1);
    await stopNext();
    expect(await redis.keys()).toEqual([]);
  });

  it('puts the record back at its next renewal when Redis lost its data (restarted without persistence)', async () => {
    const stop = await publishLoadedRules(connection, redis.prefix, [rule('dgsn')], 300);
    try {
      await connection.del(`${redis.prefix}:alerters`, ...(await redis.keys()));
      expect(await loadedRules(connection, redis.prefix)).toEqual([]);
      await vi.waitFor(async () => expect(await loadedRules(connection, redis.prefix)).toHaveLength(1), { timeout: 2_000, interval: 50 });
    } finally {
      await stop();
    }
  });
});

describe('ruleDrift and rulesTakenOut', () => {
  const alerter = (...rules: RuleConfig[]): LoadedRules => ({ startedAt: '2026-12-08T03:00:00.000Z', rules: Object.fromEntries(rules.map((r) => [r.id, ruleFingerprint(r)])) });
  const restart = 'restart the alerters to apply the file';
  it.each([
    ['no alerter running: nothing to set it against', rule('dgsn'), [], undefined],
    ['applied as the file says', rule('dgsn'), [alerter(rule('dgsn')), alerter(rule('dgsn'))], undefined],
    ['added to the file since the alerters started', rule('new'), [alerter(rule('dgsn'))], `not applied: added since the alerters started (${restart})`],
    ['edited since', rule('dgsn', { tags: ['dgsn', 'interpol'] }), [alerter(rule('dgsn'))], `the alerters apply another version of it (${restart})`],
    ['edited, and one replica restarted', rule('dgsn', { channels: ['hook'] }), [alerter(rule('dgsn')), alerter(rule('dgsn', { channels: ['hook'] }))], `applied as the file says by some alerters only (${restart} in every replica)`],
  ])('%s', (_case, configured, running, said) => {
    expect(ruleDrift(configured, running)).toBe(said);
  });

  it('names the rules the alerters apply that the file no longer has', () => {
    expect(rulesTakenOut([rule('dgsn')], [alerter(rule('dgsn'), rule('old')), alerter(rule('older'))])).toEqual(['old', 'older']);
    expect(rulesTakenOut([rule('dgsn')], [alerter(rule('dgsn'))])).toEqual([]);
  });

  it('marks, for the metric, every rule the alerters apply otherwise, those taken out of the file too', () => {
    expect(staleRules([rule('dgsn'), rule('new')], [alerter(rule('dgsn'), rule('old'))])).toEqual([
      { ruleId: 'dgsn', stale: false },
      { ruleId: 'new', stale: true },
      { ruleId: 'old', stale: true },
    ]);
    expect(staleRules([rule('dgsn')], [])).toEqual([{ ruleId: 'dgsn', stale: false }]);
  });
});
