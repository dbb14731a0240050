import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordingSchema } from '@marsad/sources';
import { replayRecording, type Replay } from '@marsad/sources/replay';
import { createTestDatabase, createTestRedis, type TestDatabase, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marsad as run } from './marsad-cli.js';

afterAll(removeTemporaryDirs);

/**
 * All four adapters at once, each replaying its recorded site on 127.0.0.1 (the RSS one in
 * windows-1256 declared only in its XML declaration, the sitemap's pages in windows-1256 declared only
 * in a meta tag), through `marsad run --once` on real Redis and PostgreSQL.
 */
const ADAPTERS_DIR = new URL('../shared/sources/src/adapters/', import.meta.url);
const EXPECTED = { hespress: 4, 'dgsn-news': 3, 'le360-sitemap': 3, alyaoum24: 3 };
const TOTAL = Object.values(EXPECTED).reduce((a, b) => a + b, 0);

const replays: Replay[] = [];
let config: string;
const redis = createTestRedis('adapters');
let database: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const entries: string[] = [];
  for (const name of ['rss', 'html', 'sitemap', 'wordpress']) {
    const file = new URL(`${name}.fixture.json`, ADAPTERS_DIR);
    const recording = RecordingSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const replay = await replayRecording(recording);
    replays.push(replay);
    entries.push(`  - ${JSON.stringify({ ...recording.source, url: replay.source.url })}`);
  }
  config = join(temporaryDir('marsad-adapters-'), 'sources.yml');
  writeFileSync(config, `sources:\n${entries.join('\n')}\n`);
  database = await createTestDatabase();
  env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
});
afterAll(async () => {
  await Promise.all(replays.map((r) => r.close()));
  await redis.cleanup();
  await database.drop();
});

const marsad = (args: string[]) => run(args, env);

describe('every adapter through marsad run --once', () => {
  it('stores each item once, with its Arabic text decoded right, and a second run adds nothing', async () => {
    const first = JSON.parse(await marsad(['run', '--once', '--config', config, '--json'])) as { new: number; errors: unknown[]; perSource: Record<string, { stored: number }> };
    expect(first.errors).toEqual([]);
    expect(first.new).toBe(TOTAL);
    for (const [id, count] of Object.entries(EXPECTED)) expect(first.perSource[id]?.stored, id).toBe(count);

    const rows = (await marsad(['items', '--json', '--text'])).trim().split('\n').map((l) => JSON.parse(l) as { id: string; sourceId: string; title: string; text: string; arabic: boolean; duplicateOf: string | null });
    expect(rows).toHaveLength(TOTAL);
    expect(new Set(rows.map((r) => r.id)).size).toBe(TOTAL);
    for (const row of rows) {
      expect(row.arabic, row.title).toBe(true);
      expect(row.title + row.text).not.toMatch(/\uFFFD|Ø|Ù/); // no replacement characters, no UTF-8 read as Latin-1
    }
    const titles = (sourceId: string) => rows.filter((r) => r.sourceId === sourceId).map((r) => r.title);
    expect(titles('hespress')).toContain('المغرب يظفر بمنصب نائب رئيس الأنتربول عن قارة إفريقيا');
    expect(titles('le360-sitemap')).toContain('تسليم مواطن أجنبي مبحوث عنه بموجب نشرة حمراء للأنتربول');
    // The html, sitemap and WordPress sites publish the same three articles: the later ones are copies.
    const copies = rows.filter((r) => r.sourceId !== 'hespress' && r.duplicateOf !== null);
    expect(copies).toHaveLength(6);

    const second = JSON.parse(await marsad(['run', '--once', '--config', config, '--json'])) as { new: number };
    expect(second.new).toBe(0);

    const health = (await marsad(['sources', '--json', '--config', config])).trim().split('\n').map((l) => JSON.parse(l) as { sourceId: string; state: string });
    expect(health.map((h) => [h.sourceId, h.state])).toEqual(Object.keys(EXPECTED).map((id) => [id, 'ok']));
  });
});
