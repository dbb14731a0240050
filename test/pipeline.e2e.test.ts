import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, conditionalFeed, createTestDatabase, createTestRedis, itemsUnderOneFooter, SHORT_ITEM_BODIES, killStartedProcesses, rssFeed, runNode, startNode, waitForOutput, seededRandom, serveFixtures, type FeedEntry, type FixtureServer, type TestDatabase, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, marsad } from './marsad-cli.js';

afterAll(removeTemporaryDirs);

/**
 * The whole pipeline as a person runs it: local feeds -> `marsad run --once` on real Redis and a
 * real store -> `marsad items --json`. Every item stored exactly once; a second run adds nothing.
 */
const DEMO_FEEDS = fileURLToPath(new URL('../shared/cli/demo/feeds/', import.meta.url));

const arabicEntries: FeedEntry[] = Array.from({ length: 12 }, (_, i) => ({
  title: `خبر رقم ${i + 1} عن المديرية العامة للأمن الوطني`,
  link: `https://www.hespress.com/news-${i + 1}.html`,
  description: `<p>أفادت المديرية العامة للأمن الوطني في بلاغ لها اليوم بأن مصالحها تمكنت من توقيف المشتبه فيه رقم ${i + 1}.</p>`,
  pubDate: new Date(Date.UTC(2024, 10, 1 + i, 9)).toUTCString(),
}));
/** Another outlet listing two of the same articles (tracking parameters, mobile host): still two items, not four. */
const overlapping: FeedEntry[] = [
  { ...arabicEntries[0]!, link: `${arabicEntries[0]!.link}?utm_source=rss&utm_medium=twitter` },
  { ...arabicEntries[1]!, link: arabicEntries[1]!.link.replace('www.', 'm.') },
  { title: 'مقال خاص بالموقع الثاني', link: 'https://alyaoum24.com/only-here.html', description: 'نص المقال الخاص بالموقع الثاني كاملا' },
];
const frenchEntries: FeedEntry[] = [
  { title: 'La DGSN lance une campagne de recrutement', link: 'https://fr.le360.ma/dgsn-recrutement', description: "La Direction générale de la Sûreté nationale a annoncé l'ouverture d'un concours." },
];
const DEMO_ITEMS = { 'alyaoum24.xml': 3, 'le360-fr.xml': 2 };

const EXPECTED_NEW = arabicEntries.length + 1 + frenchEntries.length + DEMO_ITEMS['alyaoum24.xml'] + DEMO_ITEMS['le360-fr.xml'];

let server: FixtureServer;

beforeAll(async () => {
  server = await serveFixtures({
    '/hespress.rss': { body: rssFeed('هسبريس', 'https://www.hespress.com', arabicEntries), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } },
    '/other.rss': { body: rssFeed('موقع آخر', 'https://alyaoum24.com', overlapping) },
    '/french.rss': { body: rssFeed('Le360', 'https://fr.le360.ma', frenchEntries) },
    '/atom.xml': { body: readFileSync(`${DEMO_FEEDS}alyaoum24.xml`), headers: { 'content-type': 'application/atom+xml' } },
    '/le360.xml': { body: readFileSync(`${DEMO_FEEDS}le360-fr.xml`) },
    '/gone.rss': { status: 404, body: 'not here' },
    '/broken.rss': { body: '<rss><channel><item><title>unclosed' },
  });
});
afterAll(() => server.close());

function writeConfig(extra = ''): string {
  const dir = temporaryDir('marsad-e2e-');
  const file = join(dir, 'sources.yml');
  writeFileSync(
    file,
    `sources:
  - { id: hespress, adapter: rss, url: "${server.url('/hespress.rss')}" }
  - { id: other, adapter: rss, url: "${server.url('/other.rss')}" }
  - { id: french, adapter: rss, url: "${server.url('/french.rss')}" }
  - { id: atom, adapter: rss, url: "${server.url('/atom.xml')}" }
  - { id: le360, adapter: rss, url: "${server.url('/le360.xml')}" }
  - { id: gone, adapter: rss, url: "${server.url('/gone.rss')}" }
  - { id: broken, adapter: rss, url: "${server.url('/broken.rss')}" }
fetching: { minDelayMs: 0 }   # every source is on this one local server; politeness has its own test
${extra}`,
  );
  return file;
}

interface Summary {
  fetched: number;
  new: number;
  errors: { stage: string; sourceId: string; reason: string }[];
  perSource: Record<string, { fetched: number; stored: number; errors: string[]; warnings: string[] }>;
}


/** A sources file of these entries (YAML list lines), every source on the local fixture server. */
function sourcesFile(entries: string): string {
  const file = join(temporaryDir('marsad-e2e-'), 'sources.yml');
  writeFileSync(file, `sources:\n${entries}\nfetching: { minDelayMs: 0 }\n`);
  return file;
}

/**
 * The environment of runs on the test's Redis and a PostgreSQL database of the describe's own, made
 * before its tests and dropped after. The embedded store has its own case (the first describe); a
 * process on it starts seconds slower, which each run and listing below would spend on nothing the
 * store's own tests on PGlite do not cover.
 */
function ownDatabaseEnv(redis: { url: string; prefix: string }): () => NodeJS.ProcessEnv {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => ({ REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database!.url });
}

const runOnce = async (config: string, env: NodeJS.ProcessEnv) => JSON.parse(await marsad(['run', '--once', '--config', config, '--json'], env)) as Summary;
const items = async (env: NodeJS.ProcessEnv, ...filters: string[]) =>
  (await marsad(['items', '--json', ...filters], env)).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe.each(['PostgreSQL', 'PGlite'] as const)('marsad run --once on %s', (store) => {
  const redis = createTestRedis('e2e');
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = store === 'PostgreSQL' ? await createTestDatabase() : undefined;
    env = {
      REDIS_URL: redis.url,
      MARSAD_QUEUE_PREFIX: redis.prefix,
      DATABASE_URL: database?.url ?? '',
      MARSAD_DATA_DIR: temporaryDir('marsad-e2e-data-'),
    };
  });
  afterAll(async () => {
    await redis.cleanup();
    await database?.drop();
  });

  it('stores every item exactly once, reports failing sources, and a second run adds nothing', async () => {
    const config = writeConfig();
    const first = await runOnce(config, env);
    expect(first.new).toBe(EXPECTED_NEW);
    expect(first.perSource.hespress).toMatchObject({ fetched: 12, errors: [] });
    expect(first.perSource.other).toMatchObject({ fetched: 3, errors: [] });
    // Two articles are in both feeds: each is stored once, under whichever source brought it first.
    expect(first.perSource.hespress!.stored + first.perSource.other!.stored).toBe(13);
    expect(first.perSource.gone!.errors.join()).toMatch(/\[not-found\] HTTP 404/);
    expect(first.perSource.broken!.errors.join()).toMatch(/\[parse\]/);
    expect(first.errors.map((e) => e.sourceId).sort()).toEqual(['broken', 'gone']);

    const stored = await items(env);
    expect(stored).toHaveLength(EXPECTED_NEW);
    expect(new Set(stored.map((i) => i.id)).size).toBe(EXPECTED_NEW);
    expect(new Set(stored.map((i) => i.url)).size).toBe(EXPECTED_NEW);
    for (const item of stored) {
      for (const key of ['id', 'sourceId', 'url', 'title', 'publishedAt', 'fetchedAt', 'language', 'arabic', 'duplicateOf', 'similarity', 'storyId', 'tags']) {
        expect(item).toHaveProperty(key);
      }
    }
    // Each item keeps the link its feed published (a `www.` or a query the site needs), not the canonical form.
    const published = new Set([...arabicEntries, ...overlapping, ...frenchEntries].map((e) => e.link));
    expect(stored.filter((i) => i.sourceId !== 'atom' && i.sourceId !== 'le360' && !published.has(i.url as string))).toEqual([]);
    const byUrl = new Map(stored.map((i) => [i.url, i]));
    expect(byUrl.get('https://www.hespress.com/news-3.html')).toMatchObject({ language: 'arb', arabic: true, publishedAt: '2024-11-03T09:00:00.000Z' });
    expect(byUrl.get('https://fr.le360.ma/dgsn-recrutement')).toMatchObject({ language: 'fra', arabic: false });

    const second = await runOnce(config, env);
    expect(second.new).toBe(0);
    expect(second.fetched).toBe(first.fetched);
    expect(await items(env)).toHaveLength(EXPECTED_NEW);
    expect((await redis.keys()).filter((key) => key.includes(':run:'))).toEqual([]); // a run's own queues are gone once it ends
  });

  // What each filter selects is the store's query, tested on both stores in @marsad/store; here, that
  // `marsad items` passes its flags on, once (a listing on the embedded store starts seconds slower).
  if (store === 'PostgreSQL') it('filters what it lists', async () => {
    const french = await items(env, '--source', 'french');
    expect(french.map((i) => i.title)).toEqual(['La DGSN lance une campagne de recrutement']);
    const recent = await items(env, '--since', '2024-11-10T00:00:00Z', '--source', 'hespress');
    expect(recent.map((i) => i.url).sort()).toEqual(['https://www.hespress.com/news-10.html', 'https://www.hespress.com/news-11.html', 'https://www.hespress.com/news-12.html']);
    const older = await items(env, '--until', '2024-11-10T00:00:00Z', '--source', 'hespress');
    const hespress = await items(env, '--source', 'hespress');
    expect([...older, ...recent].map((i) => i.id).sort()).toEqual(hespress.map((i) => i.id).sort());
    expect(older.length).toBeGreaterThan(0);
    const everything = await items(env);
    const inFrench = everything.filter((i) => i.language === 'fra').map((i) => i.id);
    expect(inFrench.length).toBeGreaterThan(0);
    expect(inFrench.length).toBeLessThan(everything.length);
    expect((await items(env, '--language', 'fra')).map((i) => i.id)).toEqual(inFrench);
    expect((await items(env, '--search', 'recrutement OR توظيف', '--source', 'french')).map((i) => i.id)).toEqual(french.map((i) => i.id));
    expect((await items(env, '--story', String(french[0]!.storyId))).map((i) => i.id)).toContain(french[0]!.id);
  });
});

describe('marsad run --once with pipeline.dropNonArabic', () => {
  const redis = createTestRedis('e2e-drop');
  const storeEnv = ownDatabaseEnv(redis);
  afterAll(() => redis.cleanup());

  it('stores only the Arabic items', async () => {
    const env = storeEnv();
    const summary = await runOnce(writeConfig('pipeline:\n  dropNonArabic: true\n'), env);
    const stored = await items(env);
    expect(stored.length).toBe(EXPECTED_NEW - frenchEntries.length - DEMO_ITEMS['le360-fr.xml']);
    expect(stored.every((i) => i.arabic === true)).toBe(true);
    expect(summary).toMatchObject({ dropped: frenchEntries.length + DEMO_ITEMS['le360-fr.xml'] });
  });

  it('remembers what it dropped: the next run, reading every feed again, queues none of it (nor would read its pages)', async () => {
    const env = storeEnv();
    const again = await runOnce(writeConfig('pipeline:\n  dropNonArabic: true\n'), env);
    expect(again).toMatchObject({ queued: 0, dropped: 0, new: 0 });
    expect(again.perSource.french).toMatchObject({ fetched: frenchEntries.length });
    // Turned off, items are stored as they come: the dropped ones too, at the next run.
    const kept = await runOnce(writeConfig(), env);
    expect(kept).toMatchObject({ new: frenchEntries.length + DEMO_ITEMS['le360-fr.xml'] });
  });
});

describe('marsad run --once with stories one outlet republishes from another', () => {
  const redis = createTestRedis('e2e-first');
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await redis.cleanup();
    await database.drop();
  });

  // Four agency stories, each republished two hours later by an outlet whose feed is listed (and so
  // mostly fetched and classified) first.
  const words = readFileSync(fileURLToPath(new URL('../seeds/000_7f10525f81fda1b7.txt', import.meta.url)), 'utf8').split(/\s+/).filter((w) => w.length > 2);
  const next = seededRandom(42);
  const stories = Array.from({ length: 4 }, () => Array.from({ length: 80 }, () => words[Math.floor(next() * words.length)]).join(' '));
  const agency: FeedEntry[] = stories.map((text, i) => ({ title: `خبر الوكالة ${i}`, link: `https://agency.ma/story-${i}`, description: text, pubDate: new Date(Date.UTC(2025, 11, 1, 8 + i)).toUTCString() }));
  const outlet: FeedEntry[] = stories.map((text, i) => ({ title: `نقلا عن الوكالة ${i}`, link: `https://outlet.ma/story-${i}`, description: `متابعة: ${text}`, pubDate: new Date(Date.UTC(2025, 11, 1, 10 + i)).toUTCString() }));
  let feeds: FixtureServer;
  beforeAll(async () => {
    feeds = await serveFixtures({ '/outlet.rss': { body: rssFeed('outlet', 'https://outlet.ma', outlet) }, '/agency.rss': { body: rssFeed('agency', 'https://agency.ma', agency) } });
  });
  afterAll(() => feeds.close());

  it('makes the article published first each story\'s original, whichever was classified first', async () => {
    const dir = temporaryDir('marsad-e2e-');
    const config = join(dir, 'sources.yml');
    writeFileSync(config, `sources:\n  - { id: outlet, adapter: rss, url: "${feeds.url('/outlet.rss')}" }\n  - { id: agency, adapter: rss, url: "${feeds.url('/agency.rss')}" }\nfetching: { minDelayMs: 0 }\n`);
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
    const summary = (await runOnce(config, env)) as Summary & { duplicates: number };
    expect(summary).toMatchObject({ new: 8, duplicates: 4, errors: [] });
    const byUrl = new Map((await items(env)).map((i) => [i.url, i]));
    for (let i = 0; i < stories.length; i++) {
      const [original, copy] = [byUrl.get(`https://agency.ma/story-${i}`)!, byUrl.get(`https://outlet.ma/story-${i}`)!];
      expect(original.duplicateOf, `story ${i}`).toBeNull();
      expect(copy.duplicateOf, `story ${i}`).toBe(original.id);
      expect(copy.storyId).toBe(original.storyId);
      expect(copy.similarity).toBeGreaterThan(0.9);
    }
  });
});

describe('marsad run --once with an outlet that puts one long footer under short items', () => {
  const redis = createTestRedis('e2e-footer');
  let database: TestDatabase;
  let feeds: FixtureServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    const entries: FeedEntry[] = itemsUnderOneFooter().map((text, i) => ({ title: `خبر ${i}`, link: `https://footer.ma/news/${i}`, description: text, pubDate: new Date(Date.UTC(2025, 11, 1, 8 + i)).toUTCString() }));
    // Another outlet takes the second item's text, under words of its own, two hours after the last.
    const pickup: FeedEntry = { title: 'نقلا عن زملائنا', link: 'https://other.ma/pickup', description: `نقلا عن زملائنا: ${SHORT_ITEM_BODIES[1]} (وكالات)`, pubDate: new Date(Date.UTC(2025, 11, 1, 15)).toUTCString() };
    feeds = await serveFixtures({ '/footer.rss': { body: rssFeed('footer', 'https://footer.ma', entries) }, '/other.rss': { body: rssFeed('other', 'https://other.ma', [pickup]) } });
  });
  afterAll(async () => {
    await feeds.close();
    await redis.cleanup();
    await database.drop();
  });

  it("learns the footer: none of the outlet's items is stored as a copy of another, another outlet's pickup is", async () => {
    const dir = temporaryDir('marsad-e2e-');
    const config = join(dir, 'sources.yml');
    // One classify job at a time: the items are learnt in the feed's order.
    writeFileSync(config, `sources:\n  - { id: footer, adapter: rss, url: "${feeds.url('/footer.rss')}" }\n  - { id: other, adapter: rss, url: "${feeds.url('/other.rss')}" }\nfetching: { minDelayMs: 0 }\npipeline: { concurrency: { classify: 1 } }\n`);
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
    const summary = (await runOnce(config, env)) as Summary & { duplicates: number };
    expect(summary).toMatchObject({ new: itemsUnderOneFooter().length + 1, duplicates: 1, errors: [] });
    const byUrl = new Map((await items(env)).map((i) => [i.url, i]));
    expect(byUrl.get('https://other.ma/pickup')?.duplicateOf).toBe(byUrl.get('https://footer.ma/news/1')?.id);
  });
});

describe('marsad run --once with entries that have no link, or differ by their fragment alone', () => {
  const redis = createTestRedis('e2e-links');
  const storeEnv = ownDatabaseEnv(redis);
  let feeds: FixtureServer;
  const briefs = ['أوقفت عناصر الشرطة بطنجة مواطنا أجنبيا مبحوثا عنه بموجب نشرة حمراء.', 'تتوقع الأرصاد الجوية أمطارا رعدية بعدد من مناطق المملكة.'];
  const wire = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>wire</title><link>https://wire.ma</link><description>d</description>
    <item><guid isPermaLink="false">brief-1</guid><title>عاجل</title><description>${briefs[0]}</description></item>
    <item><title>موجز</title><description>${briefs[1]}</description></item></channel></rss>`;
  const live: FeedEntry[] = ['update-1', 'update-2', 'update-3'].map((fragment, i) => ({ title: `تحديث ${i + 1}`, link: `https://live.ma/blog/12#${fragment}`, guid: fragment, description: `مستجدات رقم ${i + 1} من التغطية المباشرة لأشغال المؤتمر` }));
  beforeAll(async () => {
    feeds = await serveFixtures({ '/wire.rss': { body: wire }, '/live.rss': { body: rssFeed('live', 'https://live.ma', live) } });
  });
  afterAll(async () => {
    await feeds.close();
    await redis.cleanup();
  });

  it('stores each once, and a second run adds nothing', async () => {
    const config = sourcesFile(`  - { id: wire, adapter: rss, url: "${feeds.url('/wire.rss')}" }\n  - { id: live, adapter: rss, url: "${feeds.url('/live.rss')}" }`);
    const env = storeEnv();
    expect(await runOnce(config, env)).toMatchObject({ new: 5, errors: [] });
    const stored = await items(env);
    const urls = stored.map((i) => i.url as string);
    expect(urls).toHaveLength(5);
    expect(urls).toEqual(expect.arrayContaining([...live.map((e) => e.link), `${feeds.url('/wire.rss')}#entry=brief-1`]));
    // The brief with no id is known by the digest of its words.
    expect(urls.filter((url) => /#entry=[0-9a-f]{24}$/.test(url))).toHaveLength(1);
    expect(await runOnce(config, env)).toMatchObject({ new: 0 });
    expect(await items(env)).toHaveLength(5);
  });
});

describe('marsad run --once with a feed that cuts some articles short (fullText: auto)', () => {
  const redis = createTestRedis('e2e-teasers');
  const storeEnv = ownDatabaseEnv(redis);
  let feeds: FixtureServer;
  const reference = readFileSync(fileURLToPath(new URL('../seeds/000_7f10525f81fda1b7.txt', import.meta.url)), 'utf8');
  const opening = reference.split(/\s+/).slice(0, 40).join(' ');
  let flakyAnswered = false;
  const whole = Array.from({ length: 150 }, (_, i) => ['أفادت', 'مصادر', 'محلية', 'بأن', 'السلطات', 'أطلقت', 'برنامجا', 'جديدا', 'للتشجير', 'في', 'المدينة'][i % 11]).join(' ');
  beforeAll(async () => {
    feeds = await serveFixtures({
      '/teasers.rss': (req, res) => {
        const origin = `http://${req.headers.host}`;
        const entries: FeedEntry[] = [
          { title: 'المغرب يظفر بمنصب في الأنتربول', link: `${origin}/news/pickup`, description: `${opening} […]` },
          { title: 'برنامج للتشجير', link: `${origin}/news/whole`, description: whole },
          { title: 'خبر سحب من الموقع', link: `${origin}/news/removed`, description: 'أعلنت السلطات المحلية عن افتتاح سوق أسبوعي جديد […]' },
        ];
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('teasers', origin, entries));
      },
      '/news/pickup': { body: `<html><body><nav>الرئيسية</nav><article>${reference.split('\n').filter(Boolean).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`, headers: { 'content-type': 'text/html; charset=utf-8' } },
      '/news/removed': { status: 410, body: '' },
      '/flaky.rss': (req, res) => {
        const origin = `http://${req.headers.host}`;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('flaky', origin, [{ title: 'المغرب يظفر بمنصب في الأنتربول', link: `${origin}/news/flaky`, description: `${opening} […]` }]));
      },
      // Busy when first asked, the reference's pickup after.
      '/news/flaky': (_req, res) => {
        if (!flakyAnswered) res.writeHead(503).end('busy');
        else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><article>${reference.split('\n').filter(Boolean).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
        flakyAnswered = true;
      },
    });
  });
  afterAll(async () => {
    await feeds.close();
    await redis.cleanup();
  });

  it("reads the page of the teaser only, finds in it the reference the outlet took, and reports a page it could not read", async () => {
    const config = sourcesFile(`  - { id: teasers, adapter: rss, url: "${feeds.url('/teasers.rss')}", fullText: auto }`);
    const env = storeEnv();
    const summary = await runOnce(config, env);
    expect(summary).toMatchObject({ new: 3, errors: [] });
    const byPath = new Map((await items(env)).map((item) => [new URL(item.url as string).pathname, item]));
    expect(byPath.get('/news/pickup')).toMatchObject({ duplicateOf: '000_7f10525f81fda1b7' });
    expect(byPath.get('/news/whole')).toMatchObject({ duplicateOf: null });
    expect(feeds.hits.get('/news/pickup')).toBe(1);
    expect(feeds.hits.get('/news/whole')).toBeUndefined();
    // The page that is gone: its item is stored with the teaser, and the run and the source's health say so.
    expect(byPath.get('/news/removed')).toBeDefined();
    const warning = `1 of 2 article pages not read: 1 failed ([not-found] HTTP 410 from ${feeds.url('/news/removed')})`;
    expect(summary.perSource.teasers!.warnings).toEqual([warning]);
    const health = await marsad(['sources', '--config', config], env);
    expect(health).toMatch(/, last warning \d{4}-\d\d-\d\d \d\d:\d\d: /);
    expect(health).toContain(warning);
  });

  it('under marsad start, holds an item whose page did not answer for the next poll, which finds in its page the reference the outlet took', async () => {
    const config = sourcesFile(`  - { id: flaky, adapter: rss, url: "${feeds.url('/flaky.rss')}", fullText: auto, interval: 10s }`);
    const env = { ...storeEnv(), MARSAD_HTTP_PORT: '0' };
    const flaky = async () => (await items(env)).filter((item) => new URL(item.url as string).pathname === '/news/flaky');
    const child = startNode(BIN, ['start', '--config', config], { env });
    const exited = collect(child, 120_000);
    const edited = join(temporaryDir('marsad-e2e-'), 'edited.yml');
    writeFileSync(edited, `${readFileSync(config, 'utf8')}alerts:\n  channels: [{ id: hook, type: webhook, url: "http://127.0.0.1:9/hook" }]\n  rules: [{ id: late, tags: [dgsn], channels: [hook] }]\n`);
    try {
      await waitForOutput(child, (out) => out.includes('"held":1'), 60_000);
      expect(await flaky()).toEqual([]);
      // The dashboard judges the source by its schedule: its next poll due ten seconds after the first.
      const address = /"address":"(http:[^"]+)","queueBoard"/.exec(child.output())?.[1];
      const [source] = ((await (await fetch(`${address}/api/sources`)).json()) as { sources: { sourceId: string; lastAttemptAt: string; pollDueAt: string; nextPollAt: string | null; scheduleNote: string | null }[] }).sources;
      expect(source).toMatchObject({ sourceId: 'flaky', scheduledEvery: 10_000, scheduleNote: null });
      expect(Date.parse(source?.pollDueAt ?? '') - Date.parse(source?.lastAttemptAt ?? '')).toBe(10_000);
      // Its schedule's next poll, queued as the first was taken: about ten seconds after it.
      expect(Math.abs(Date.parse(source?.nextPollAt ?? '') - Date.parse(source?.lastAttemptAt ?? ''))).toBeLessThan(60_000);
      // The alerter records the rules it applies: none, so a rule the file gained since is not applied.
      expect(JSON.parse(await marsad(['alerts', 'rules', '--json', '--config', edited], env))).toMatchObject({ id: 'late', note: 'not applied: added since the alerters started (restart the alerters to apply the file)' });
      // The next poll, ten seconds on, reads the page.
      await vi.waitFor(async () => expect(await flaky()).toHaveLength(1), { timeout: 60_000, interval: 1_000 });
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);
    // Stopped, the alerter took its record away: nothing to set the file against.
    const afterwards = await runNode(BIN, ['alerts', 'rules', '--json', '--config', edited], { env });
    expect(afterwards.stderr).toContain('No alerter is running');
    expect(JSON.parse(afterwards.stdout)).toMatchObject({ id: 'late', note: null });
    const stored = await flaky();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ duplicateOf: '000_7f10525f81fda1b7' });
    expect(feeds.hits.get('/news/flaky')).toBe(2);
  }, 150_000);
});

describe('marsad run --once interrupted once its feed was read', () => {
  const redis = createTestRedis('e2e-interrupted');
  const storeEnv = ownDatabaseEnv(redis);
  const entries: FeedEntry[] = Array.from({ length: 2_000 }, (_, i) => ({
    title: `خبر رقم ${i}`,
    link: `https://many.ma/news/${i}`,
    description: `أعلنت السلطات المحلية بالمدينة رقم ${i} عن افتتاح مشروع جديد يهم الساكنة ويشمل ${i % 7} أحياء و${i % 13} مدارس.`,
  }));
  const feed = conditionalFeed(rssFeed('many', 'https://many.ma', entries));
  let feeds: FixtureServer;
  beforeAll(async () => {
    feeds = await serveFixtures({ '/many.rss': feed });
  });
  afterEach(killStartedProcesses);
  afterAll(async () => {
    await feeds.close();
    await redis.cleanup();
  });

  it('leaves the next run to read the feed whole and store what it had not, and only a finished run asks conditionally after', async () => {
    const config = sourcesFile(`  - { id: many, adapter: rss, url: "${feeds.url('/many.rss')}" }`);
    const env = storeEnv();
    const child = startNode(BIN, ['run', '--once', '--config', config, '--json'], { env });
    const exited = collect(child, 60_000);
    await waitForOutput(child, (out) => out.includes('"msg":"fetched"'), 60_000);
    child.kill('SIGINT');
    expect((await exited).code).toBe(130);
    const storedFirst = (await items(env)).length;
    expect(storedFirst).toBeLessThan(entries.length);

    // The interrupted run's queues are gone with the items it had not stored; the feed has not changed.
    expect(await runOnce(config, env)).toMatchObject({ fetched: entries.length, new: entries.length - storedFirst, errors: [] });
    expect(feed.conditionalRequests()).toBe(0);
    expect(await items(env)).toHaveLength(entries.length);
    expect(await runOnce(config, env)).toMatchObject({ fetched: 0, new: 0 });
    expect(feed.conditionalRequests()).toBe(1);
  });
});

describe('marsad run --once with a source that asks to be left alone for an hour', () => {
  const redis = createTestRedis('e2e-retry-after');
  const storeEnv = ownDatabaseEnv(redis);
  let good: FixtureServer;
  let busy: FixtureServer;
  beforeAll(async () => {
    good = await serveFixtures({ '/news.rss': { body: rssFeed('good', 'https://good.ma', arabicEntries.slice(0, 2)) } });
    // Another host: a Retry-After holds off every source on the host that sent it.
    busy = await serveFixtures({ '/busy.rss': { status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' } }, '127.0.0.2');
  });
  afterAll(async () => {
    await Promise.all([good.close(), busy.close()]);
    await redis.cleanup();
  });

  it('reports it and ends, the other sources stored, and the next run leaves its host alone', async () => {
    const config = sourcesFile(`  - { id: good, adapter: rss, url: "${good.url('/news.rss')}" }\n  - { id: busy, adapter: rss, url: "${busy.url('/busy.rss')}" }`);
    const env = storeEnv();
    const first = await runOnce(config, env);
    expect(first).toMatchObject({ new: 2, errors: [{ stage: 'fetch', sourceId: 'busy' }] });
    expect(first.errors[0]!.reason).toMatch(/^\[rate-limited\] HTTP 429 .*left alone for 3600 s \(Retry-After\), longer than a run waits/);
    const second = await runOnce(config, env);
    expect(second).toMatchObject({ new: 0, errors: [{ stage: 'fetch', sourceId: 'busy' }] });
    expect(second.errors[0]!.reason).toMatch(/left alone for another \d+ s/);
    expect(busy.hits.get('/busy.rss')).toBe(1);
  });
});

describe('marsad demo', () => {
  const redis = createTestRedis('e2e-demo');
  afterAll(() => redis.cleanup());

  it('runs the pipeline on its recorded feeds, says what each copy kept of its reference, and leaves nothing in Redis', async () => {
    const output = await marsad(['demo'], { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: '' });
    expect(output).toMatch(/fetched 9, new 9, already seen 0, duplicates 2/);
    const copies = output.split('\n').filter((line) => line.includes('copy of 00'));
    expect(copies).toHaveLength(2);
    const kept = [...output.matchAll(/kept (\d+) of the original's (\d+) words \((\d+)%\), wrote (\d+) of its own/g)].map((m) => m.slice(1).map(Number));
    expect(kept).toHaveLength(2);
    for (const [words, of, percent] of kept) expect([words! <= of!, percent! >= 90]).toEqual([true, true]);
    expect(await redis.keys()).toEqual([]);
  });
});

describe('marsad run', () => {
  it('exits non-zero only when the run cannot happen: no Redis', async () => {
    const result = await runNode(BIN, ['run', '--once', '--config', writeConfig()], { env: { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: '' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Redis is not answering/);
  });
});
