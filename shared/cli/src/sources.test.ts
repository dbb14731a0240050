import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineSchema, SourceSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues } from '@marsad/queues';
import { SourceHealthStore, syncSourceSchedulers } from '@marsad/service-fetcher';
import { RecordingSchema } from '@marsad/sources';
import { createTestRedis, rssFeed, runNode, serveFixtures, type FixtureServer, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

afterAll(removeTemporaryDirs);

const BIN = fileURLToPath(new URL('../bin/marsad.js', import.meta.url));
const NO_SERVICES = { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
const dir = temporaryDir('marsad-sources-');
let server: FixtureServer;
let configFile: string;

beforeAll(async () => {
  const page = (n: number) => `<html><body><nav>القائمة</nav><div class="body"><p>نص المقال رقم ${n} كاملا كما نشره الموقع على صفحته.</p></div></body></html>`;
  server = await serveFixtures({
    '/feed': (req, res) => {
      const origin = `http://${req.headers.host}`;
      const feed = rssFeed('موقع', origin, [
        { title: 'خبر أول', link: `${origin}/a/1`, description: 'مقتطف' },
        { title: 'خبر ثان', link: `${origin}/a/2`, description: 'مقتطف آخر' },
      ]);
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
    },
    '/a/1': { body: page(1), headers: { 'content-type': 'text/html; charset=utf-8' } },
    '/a/2': { body: page(2), headers: { 'content-type': 'text/html; charset=utf-8' } },
  });
  configFile = join(dir, 'sources.yml');
  writeFileSync(configFile, `sources:\n  - { id: site, adapter: rss, url: "${server.url('/feed')}", fullText: true, article: { body: ".body" } }\n`);
});
afterAll(() => server.close());

describe('marsad sources check', () => {
  it('points at the line of each problem and exits 2', async () => {
    const file = join(dir, 'bad.yml');
    writeFileSync(file, 'sources:\n  - { id: a, adapter: html, url: "https://x.ma", list: { item: "div[[" }, article: { body: p } }\n  - { id: b, adapter: sitemap, url: "https://x.ma/s.xml", maxItems: -1 }\n');
    const result = await runNode(BIN, ['sources', 'check', file], { env: NO_SERVICES });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).toMatch(/sources\[0\]\.list\.item: not a valid CSS selector/);
    expect(result.stderr).toMatch(new RegExp(`${file}:3:\\d+: sources\\[1\\]\\.maxItems`));
  });

  it('reads ${NAME}s from a .env file where it runs, the environment winning over it', async () => {
    const project = temporaryDir('marsad-dotenv-');
    writeFileSync(join(project, '.env'), 'SITE_FEED=https://site.example/feed\n# a comment\nOTHER="x"\n');
    writeFileSync(join(project, 'marsad.yml'), 'sources:\n  - { id: site, url: "${SITE_FEED}" }\n');
    const fromFile = await runNode(BIN, ['sources', 'check', 'marsad.yml'], { env: NO_SERVICES, cwd: project });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const overridden = await runNode(BIN, ['sources', 'check', 'marsad.yml'], { env: { ...NO_SERVICES, SITE_FEED: 'site.example/other' }, cwd: project });
    expect(overridden.code).toBe(2);
    expect(overridden.stderr).toContain('"site.example/other" has no scheme');
  });

  it('warns, with its line, of a second source reading the address another reads, and exits 0', async () => {
    const file = join(dir, 'twice.yml');
    writeFileSync(file, 'sources:\n  - { id: a, url: "https://x.ma/feed" }\n  - { id: b, url: "http://www.x.ma/feed/" }\n');
    const result = await runNode(BIN, ['sources', 'check', file], { env: NO_SERVICES });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${file}: 2 source(s), all valid, 1 warning(s)\n`);
    expect(result.stderr).toBe(`marsad: warning: ${file}:3:19: sources[1].url: source "a" reads this address too: each item is stored under whichever of the two polls first\n`);
  });

  it('accepts the bundled default sources file', async () => {
    const result = await runNode(BIN, ['sources', 'check', fileURLToPath(new URL('../../config/sources.default.yml', import.meta.url))], { env: NO_SERVICES });
    expect(result.code).toBe(0);
  });
});

describe('marsad sources test and fixtures record', () => {
  it('prints the items one fetch would produce, with no Redis or database', async () => {
    const result = await runNode(BIN, ['sources', 'test', 'site', '--config', configFile], { env: NO_SERVICES });
    expect(result.stderr).toContain('2 item(s)');
    const items = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { title: string; text: string });
    expect(items.map((i) => [i.title, i.text])).toEqual([
      ['خبر أول', 'نص المقال رقم 1 كاملا كما نشره الموقع على صفحته.'],
      ['خبر ثان', 'نص المقال رقم 2 كاملا كما نشره الموقع على صفحته.'],
    ]);
  });

  it("says in one line, with the failure's kind, why a source gave nothing, and exits 1", async () => {
    const file = join(dir, 'dead.yml');
    writeFileSync(file, `sources:\n  - { id: dead, adapter: rss, url: "${server.url('/missing')}" }\n`);
    for (const args of [['sources', 'test', 'dead'], ['fixtures', 'record', 'dead', '--out', join(dir, 'dead.fixture.json')]]) {
      const result = await runNode(BIN, [...args, '--config', file], { env: NO_SERVICES });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^marsad: dead: \[not-found\] .*404/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('records every response the source gave, in the format its contract test replays', async () => {
    const out = join(dir, 'site.fixture.json');
    const result = await runNode(BIN, ['fixtures', 'record', 'site', '--config', configFile, '--out', out], { env: NO_SERVICES });
    expect(result.code).toBe(0);
    const recording = RecordingSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(recording.source).toMatchObject({ id: 'site', adapter: 'rss', fullText: true });
    expect(recording.responses.map((r) => new URL(r.url).pathname).sort()).toEqual(['/a/1', '/a/2', '/feed']);
  });
});

describe('marsad sources discover', () => {
  it('prints the sources a site offers as entries to paste, and exits 1 when it offers none', async () => {
    const site = await serveFixtures({
      '/': (req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>'),
      '/feed': (req, res) => {
        const origin = `http://${req.headers.host}`;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('موقع', origin, [{ title: 'خبر', link: `${origin}/a/1`, description: 'نص', pubDate: 'Sat, 05 Dec 2026 10:00:00 +0000' }]));
      },
    });
    try {
      const found = await runNode(BIN, ['sources', 'discover', site.url('/')], { env: NO_SERVICES });
      expect(found.code, found.stderr).toBe(0);
      expect(found.stdout).toBe(`# ${site.origin}: 1 source(s), most items first\n  - { id: site, adapter: rss, url: "${site.url('/feed')}" }   # 1 item(s) (1 in Arabic), newest 2026-12-05 10:00; announced by the page\n`);
      const entries = join(dir, 'discovered.yml');
      writeFileSync(entries, `sources:\n${found.stdout}`);
      expect((await runNode(BIN, ['sources', 'check', entries], { env: NO_SERVICES })).code).toBe(0);
    } finally {
      await site.close();
    }
    const bare = await serveFixtures({ '/': { body: '<html><body>لا شيء</body></html>', headers: { 'content-type': 'text/html' } } });
    try {
      const none = await runNode(BIN, ['sources', 'discover', bare.url('/')], { env: NO_SERVICES });
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/offers no feed, WordPress API or news sitemap that answered/);
    } finally {
      await bare.close();
    }
  });
});

describe('marsad sources', () => {
  const redis = createTestRedis('sources-cli');
  afterAll(() => redis.cleanup());

  it('prints each source with its health', async () => {
    const connection = createRedis(redis.url);
    await new SourceHealthStore(connection, redis.prefix).recordFailure('site', new Date(), 600_000, { kind: 'timeout', message: 'timeout fetching feed' });
    connection.disconnect();
    const result = await runNode(BIN, ['sources', '--json', '--config', configFile], { env: { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sourceId: 'site', state: 'backing-off', consecutiveFailures: 1, lastErrorKind: 'timeout', adapter: 'rss' });
  });

  it('says when a poll did not come when due, and why that may be', async () => {
    const config = join(dir, 'hourly.yml');
    writeFileSync(config, 'sources:\n  - { id: hourly, url: "https://a.ma/feed", interval: 1h }\n  - { id: cron, url: "https://c.ma/feed", interval: 1h }\n  - { id: paused, url: "https://b.ma/feed", enabled: false }\n');
    const connection = createRedis(redis.url);
    // Polled three hours ago, every hour: two polls missed. "cron" has no schedule (marsad run --once
    // polls it, from cron): its polls are never due.
    const polledAt = new Date(Date.now() - 3 * 3_600_000);
    const health = new SourceHealthStore(connection, redis.prefix);
    await health.recordSuccess('hourly', polledAt, 2);
    await health.recordSuccess('cron', polledAt, 2);
    const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
    await syncSourceSchedulers(queues, [SourceSchema.parse({ id: 'hourly', url: 'https://a.ma/feed', interval: '1h' })]);
    await closeQueues(queues);
    connection.disconnect();
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix };
    const json = await runNode(BIN, ['sources', '--json', '--config', config], { env });
    const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => [row.sourceId, row.state, row.pollDueAt])).toEqual([
      ['hourly', 'overdue', new Date(polledAt.getTime() + 3_600_000).toISOString()],
      ['cron', 'ok', null],
      ['paused', 'never-fetched', null],
    ]);
    // No fetcher runs against this Redis: said first, on stderr, so that the JSON lines stay JSON.
    expect(json.stderr).toBe('marsad: No fetcher is running: no source is polled (marsad start fetcher, or marsad start).\n');
    const text = await runNode(BIN, ['sources', '--config', config], { env });
    expect(text.stdout).toMatch(/^hourly +overdue .*, poll due \d{4}-\d\d-\d\d \d\d:\d\d not made \(fetcher down, fetch queue paused or backed up, or its next poll lost/m);

    // A fetcher running, started before "cron" was in the file: said of it.
    const fetcherConnection = createRedis(redis.url);
    const fetcher = new Worker('fetch', async () => 'ok', { connection: fetcherConnection, prefix: redis.prefix, autorun: false });
    await fetcher.waitUntilReady();
    try {
      const withFetcher = await runNode(BIN, ['sources', '--config', config], { env });
      expect(withFetcher.stderr).toBe('');
      expect(withFetcher.stdout).toMatch(/^cron +ok +last success .*, not polled: no schedule \(added since the fetchers started: restart them, or marsad run --once\)$/m);
      expect(withFetcher.stdout).not.toMatch(/^hourly .*not polled/m);
      expect(withFetcher.stdout).not.toMatch(/, next poll \d/);
    } finally {
      await fetcher.close();
      fetcherConnection.disconnect();
    }
  });

  it("says when a healthy source's schedule next polls it", async () => {
    const config = join(dir, 'fresh.yml');
    writeFileSync(config, 'sources:\n  - { id: fresh, url: "https://f.ma/feed", interval: 1h }\n');
    const connection = createRedis(redis.url);
    await new SourceHealthStore(connection, redis.prefix).recordSuccess('fresh', new Date(), 3);
    const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
    await syncSourceSchedulers(queues, [SourceSchema.parse({ id: 'fresh', url: 'https://f.ma/feed', interval: '1h' })]);
    const [scheduler] = await queues.fetch.getJobSchedulers();
    await closeQueues(queues);
    connection.disconnect();
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix };
    const json = await runNode(BIN, ['sources', '--json', '--config', config], { env });
    const nextPollAt = new Date(scheduler?.next ?? NaN).toISOString();
    expect(JSON.parse(json.stdout)).toMatchObject({ sourceId: 'fresh', state: 'ok', scheduledEvery: 3_600_000, nextPollAt });
    const text = await runNode(BIN, ['sources', '--config', config], { env });
    expect(text.stdout).toContain(`, next poll ${nextPollAt.slice(0, 16).replace('T', ' ')}`);
  });
});
