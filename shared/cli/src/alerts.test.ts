import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSchema } from '@marsad/config';
import { openTestQueues } from '@marsad/queues/testing';
import { publishLoadedRules, redisLastDigest, syncDigestSchedulers } from '@marsad/service-alerter';
import { removeTemporaryDirs, runNode, temporaryDir } from '@marsad/testing';
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

afterAll(removeTemporaryDirs);

const BIN = fileURLToPath(new URL('../bin/marsad.js', import.meta.url));
const { redis, connection, queues, close } = openTestQueues('alerts-cli');
afterAll(close);

const RULES = {
  dgsn: '{ id: dgsn, tags: [dgsn], channels: [hook], maxAge: 3d }',
  daily: '{ id: daily, tags: [dgsn, interpol], query: \'"الأمن الوطني" OR حموشي\', channels: [hook], mode: digest, at: "08:00", tz: Africa/Casablanca }',
  pickups: '{ id: pickups, references: true, each: item, arabic: true, channels: [hook] }',
};
function configFile(rules: string[]): string {
  const file = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
  writeFileSync(file, `sources:\n  - { id: hespress, url: "https://www.hespress.com/feed" }\nalerts:\n  channels: [{ id: hook, type: webhook, url: "https://hooks.example/marsad" }]\n  rules:\n${rules.map((rule) => `    - ${rule}\n`).join('')}`);
  return file;
}
const marsad = (...args: string[]) => runNode(BIN, args, { env: { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix } });

describe('marsad alerts rules', () => {
  it("lists every rule, a digest's next and last sending, and says where the running alerters apply the file otherwise", async () => {
    // The alerters started on an earlier file: dgsn without maxAge, a rule since taken out, no pickups rule.
    const earlier = [RuleSchema.parse({ id: 'dgsn', tags: ['dgsn'], channels: ['hook'] }), RuleSchema.parse({ id: 'gone', tags: ['interpol'], channels: ['hook'] })];
    const digest = RuleSchema.parse({ id: 'daily', tags: ['dgsn', 'interpol'], query: '"الأمن الوطني" OR حموشي', channels: ['hook'], mode: 'digest', at: '08:00', tz: 'Africa/Casablanca' });
    await syncDigestSchedulers(queues, [digest]);
    await redisLastDigest(connection, redis.prefix).set('daily', '2026-12-07T07:00:00.000Z');
    const unpublish = await publishLoadedRules(connection, redis.prefix, [...earlier, digest]);
    const alerter = new Worker('alert', async () => 'ok', { connection: connection.duplicate(), prefix: redis.prefix, autorun: false });
    await alerter.waitUntilReady();
    const file = configFile([RULES.dgsn, RULES.daily, RULES.pickups]);
    try {
      const json = await marsad('alerts', 'rules', '--json', '--config', file);
      expect(json.code, json.stderr).toBe(0);
      const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const [nextDigest] = await queues.digest.getJobSchedulers();
      expect(rows.map((row) => [row.id, row.mode, row.nextDigestAt, row.lastDigestAt, row.note])).toEqual([
        ['dgsn', 'immediate', null, null, 'the alerters apply another version of it (restart the alerters to apply the file)'],
        ['daily', 'digest', new Date(nextDigest?.next ?? NaN).toISOString(), '2026-12-07T07:00:00.000Z', null],
        ['pickups', 'immediate', null, null, 'not applied: added since the alerters started (restart the alerters to apply the file)'],
      ]);
      expect(json.stderr).toBe('marsad: rule "gone" is no longer in the file, but the running alerters still apply it (restart them to apply the file)\n');

      const text = await marsad('alerts', 'rules', '--config', file);
      expect(text.stdout.split('\n')).toEqual([
        'dgsn                 immediate, one per story: tags dgsn -> hook; the alerters apply another version of it (restart the alerters to apply the file)',
        expect.stringMatching(/^daily {16}digest at 08:00 Africa\/Casablanca, next \d{4}-\d\d-\d\d \d\d:\d\d UTC, last 2026-12-07 07:00 UTC: tags dgsn, interpol · query "الأمن الوطني" OR حموشي -> hook$/),
        'pickups              immediate, one per item: copies of the reference articles · Arabic items -> hook; not applied: added since the alerters started (restart the alerters to apply the file)',
        '',
      ]);
    } finally {
      await alerter.close();
      await unpublish();
    }
    // No alerter running: said first, and nothing of versions.
    const none = await marsad('alerts', 'rules', '--json', '--config', file);
    expect(none.stderr).toBe('marsad: No alerter is running: no alert or digest is sent (marsad start alerter, or marsad start).\n');
    expect(none.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { note: unknown }).note)).toEqual([null, null, null]);
  });
});
