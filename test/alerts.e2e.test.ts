import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, createTestRedis, rssFeed, runNode, serveFixtures, startSmtpServer, type FixtureServer, type TestDatabase, type TestSmtpServer, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, marsad as run } from './marsad-cli.js';

afterAll(removeTemporaryDirs);

/** The alerts issue's "done when": one e-mail and one webhook per DGSN story, not per item; a second run sends nothing. */

const ARREST = [
  'تمكنت عناصر الشرطة القضائية بولاية أمن الدار البيضاء من توقيف أربعة أشخاص يشتبه في تورطهم في شبكة إجرامية تنشط في النصب والاحتيال عبر المنصات الرقمية.',
  'وأوضح بلاغ للمديرية العامة للأمن الوطني أن الأبحاث الأولية كشفت أن المشتبه فيهم كانوا يستدرجون ضحاياهم بعروض وهمية للشغل والهجرة قبل مطالبتهم بتحويل مبالغ مالية.',
  'وقد تم إخضاع الموقوفين للبحث القضائي تحت إشراف النيابة العامة المختصة للكشف عن جميع الأفعال الإجرامية المنسوبة إليهم.',
].join(' ');
const TRAINING = [
  'أشرف المدير العام للأمن الوطني عبد اللطيف حموشي على حفل تخرج فوج جديد من حراس الأمن بالمعهد الملكي للشرطة بالقنيطرة بحضور عدد من المسؤولين الأمنيين.',
  'وتلقى الخريجون تكوينا نظريا وتطبيقيا في مجالات حقوق الإنسان والتدخل الميداني والتواصل مع المواطنين وفق برنامج محدث للتكوين الشرطي.',
].join(' ');
const REFERENCE_ID = '002_76943d91d9f1eaeb';
const REFERENCE = readFileSync(fileURLToPath(new URL(`../seeds/${REFERENCE_ID}.txt`, import.meta.url)), 'utf8');
const WEATHER = 'توقعت المديرية العامة للأرصاد الجوية أجواء حارة نسبيا بالمناطق الداخلية مع هبوب رياح قوية بالسواحل المتوسطية خلال نهاية الأسبوع الجاري حسب النشرة الإنذارية الصادرة اليوم.';

let feeds: FixtureServer;
let smtp: TestSmtpServer;
const hooks: string[] = [];
const hookServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    hooks.push(body);
    res.writeHead(200).end('ok');
  });
});
const redis = createTestRedis('alerts-e2e');
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
/** An hour ago, to the second as RSS dates go: news, as a communiqué's pickup is. */
const COMMUNIQUE_AT = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
let config: string;

beforeAll(async () => {
  feeds = await serveFixtures({
    '/a.rss': { body: rssFeed('هسبريس', 'https://www.hespress.com', [
      { title: 'توقيف شبكة للنصب الرقمي بالدار البيضاء', link: 'https://www.hespress.com/arrest.html', description: ARREST },
      { title: 'طقس حار نهاية الأسبوع', link: 'https://www.hespress.com/weather.html', description: WEATHER },
    ]) },
    '/c.rss': { body: rssFeed('هسبريس', 'https://www.hespress.com', [
      { title: 'حموشي يستقبل وفدا أمنيا', link: 'https://www.hespress.com/delegation.html', description: TRAINING.replace('حفل تخرج فوج جديد من حراس الأمن', 'استقبال وفد أمني أجنبي') },
    ]) },
    '/b.rss': { body: rssFeed('اليوم 24', 'https://alyaoum24.com', [
      { title: 'الأمن يفكك شبكة للنصب', link: 'https://alyaoum24.com/arrest-copy.html', description: `الدار البيضاء - متابعة | ${ARREST}` },
      { title: 'حموشي يشرف على تخرج فوج جديد', link: 'https://alyaoum24.com/training.html', description: TRAINING },
      { title: 'بلاغ المديرية', link: 'https://alyaoum24.com/communique.html', description: `متابعة\n${REFERENCE}`, pubDate: COMMUNIQUE_AT.toUTCString() },
    ]) },
  });
  smtp = await startSmtpServer();
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  database = await createTestDatabase();
  env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
  config = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
  writeFileSync(config, `sources:
  - { id: hespress, adapter: rss, url: "${feeds.url('/a.rss')}" }
  - { id: alyaoum24, adapter: rss, url: "${feeds.url('/b.rss')}" }
fetching: { minDelayMs: 0 }
alerts:
  channels:
    - { id: comms-mail, type: email, smtp: "${smtp.url}", from: "marsad@example.org", to: ["comms@example.org"] }
    - { id: comms-hook, type: webhook, url: "http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook", format: json }
  rules:
    - { id: dgsn, tags: [dgsn], channels: [comms-mail, comms-hook], mode: immediate }
    - { id: pickups, references: true, each: item, channels: [comms-hook] }
`);
});
afterAll(async () => {
  await feeds.close();
  await smtp.close();
  hookServer.close();
  await redis.cleanup();
  await database.drop();
});

const marsad = (args: string[]) => run(args, env);

describe('alerts through marsad run --once', () => {
  it('sends one e-mail and one webhook per DGSN story, and nothing on a second run', async () => {
    const first = JSON.parse(await marsad(['run', '--once', '--config', config, '--json'])) as { new: number; errors: unknown[] };
    expect(first.errors).toEqual([]);
    expect(first.new).toBe(5);
    const stored = (await marsad(['items', '--json', '--tag', 'dgsn'])).trim().split('\n').map((l) => JSON.parse(l) as { url: string; storyId: string });
    expect(stored).toHaveLength(4); // the arrest twice (a copy), the graduation, the pickup of the communiqué
    expect(new Set(stored.map((i) => i.storyId)).size).toBe(3);
    expect(stored.map((i) => i.storyId)).toContain(REFERENCE_ID);

    expect(smtp.received).toHaveLength(3);
    // One per DGSN story, and one for the pickup of the communiqué (the pickups rule).
    expect(hooks).toHaveLength(4);
    const stories = new Set(stored.map((i) => i.storyId));
    const hookBodies = hooks.map((h) => JSON.parse(h) as { storyId: string; rule: string; item: { url: string; excerpt: { text: string; marks: [number, number][] } } });
    // Each alert carries the passage where its article names the DGSN, those words marked (the tag's evidence, stored by the classifier).
    const marked = hookBodies.filter((h) => h.rule === 'dgsn').map(({ item }) => item.excerpt.marks.map(([start, end]) => item.excerpt.text.slice(start, end)));
    expect(marked.every((words) => words.length > 0)).toBe(true);
    expect(marked.flat()).toContain('للمديرية العامة للأمن الوطني');
    expect(new Set(hookBodies.filter((h) => h.rule === 'dgsn').map((h) => h.storyId))).toEqual(stories);
    expect(hookBodies.filter((h) => h.rule === 'pickups').map((h) => [h.storyId, h.item.url])).toEqual([[REFERENCE_ID, 'https://alyaoum24.com/communique.html']]);
    for (const mail of smtp.received) {
      expect(mail.parsed.subject).toMatch(/^\[Marsad dgsn\] (توقيف شبكة|الأمن يفكك شبكة|حموشي يشرف|بلاغ المديرية)/);
      expect(mail.parsed.html).toContain('dir="rtl"');
      expect(mail.parsed.html).toMatch(/<b>[^<]+<\/b>/);
    }

    const second = JSON.parse(await marsad(['run', '--once', '--config', config, '--json'])) as { new: number };
    expect(second.new).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(hooks).toHaveLength(4);

    const log = (await marsad(['alerts', '--json', '--config', config])).trim().split('\n').map((l) => JSON.parse(l) as { status: string; channelId: string });
    expect(log).toHaveLength(7);
    expect(log.every((d) => d.status === 'sent')).toBe(true);

    const pickups = (await marsad(['pickups', '--json', '--reference', REFERENCE_ID, '--config', config])).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(pickups).toEqual([
      expect.objectContaining({ reference: REFERENCE_ID, sourceId: 'alyaoum24', url: 'https://alyaoum24.com/communique.html', afterSeconds: 0, seenAt: COMMUNIQUE_AT.toISOString() }),
    ]);
    expect(pickups[0]!.similarity).toBeGreaterThan(0.9);
    // Its whole text kept; its own words, the outlet's headline and "متابعة".
    expect(pickups[0]!.kept).toMatchObject({ share: 1, own: 3 });

    // A rule tried on what is stored names the stories it alerted on, and sends nothing.
    const tried = async (rule: string, file = config) =>
      (await marsad(['alerts', 'try', rule, '--json', '--config', file])).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { storyId: string; url: string; reasons: string[]; pickups: number });
    expect(new Set((await tried('dgsn')).map((story) => story.storyId))).toEqual(stories);
    // One being written: a query the running configuration does not hold yet.
    const draft = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
    writeFileSync(draft, readFileSync(config, 'utf8').replace('  rules:\n', '  rules:\n    - { id: casablanca, query: "الدار البيضاء", channels: [comms-hook] }\n'));
    const casablanca = await tried('casablanca', draft);
    expect(casablanca).toEqual([expect.objectContaining({ url: 'https://www.hespress.com/arrest.html', pickups: 1 })]);
    expect(casablanca[0]!.reasons).toEqual([expect.stringMatching(/^البحث الدار البيضاء: /)]);
    expect([smtp.received.length, hooks.length]).toEqual([3, 4]);
    const misspelt = await runNode(BIN, ['alerts', 'try', 'dgs', '--config', config], { env });
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('no alert rule "dgs" (did you mean "dgsn"?)');
  });

  it("reads again an article its feed completes later (a brief, then the communiqué): its row revised, its new pickup alerted once", async () => {
    const brief = 'عاجل: الأنتربول يختار المغرب لاحتضان اجتماع إقليمي حول التعاون الأمني في القارة الإفريقية خلال السنة المقبلة.';
    const routes = { '/brief.rss': { body: '' } };
    const briefFeeds = await serveFixtures(routes);
    const feedOf = (description: string) => rssFeed('لكم', 'https://lakome2.com', [{ title: 'الأنتربول والمغرب', link: 'https://lakome2.com/interpol-maroc.html', description }]);
    const briefConfig = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
    writeFileSync(briefConfig, readFileSync(config, 'utf8').replace(/^sources:\n( {2}- .*\n)+/, `sources:\n  - { id: lakome, adapter: rss, url: "${briefFeeds.url('/brief.rss')}" }\n`));
    const item = async () => {
      const lines = (await marsad(['items', '--json', '--source', 'lakome'])).trim().split('\n');
      expect(lines).toHaveLength(1);
      return JSON.parse(lines[0]!) as { title: string; duplicateOf: string | null; tags: string[]; storyId: string; revisedAt: string | null };
    };
    const hooksBefore = hooks.length;
    try {
      routes['/brief.rss'].body = feedOf(brief);
      expect(JSON.parse(await marsad(['run', '--once', '--config', briefConfig, '--json']))).toMatchObject({ new: 1, revised: 0, errors: [] });
      expect(await item()).toMatchObject({ duplicateOf: null, revisedAt: null });
      expect(hooks).toHaveLength(hooksBefore);

      routes['/brief.rss'].body = feedOf(`${brief}\n${REFERENCE}`);
      expect(JSON.parse(await marsad(['run', '--once', '--config', briefConfig, '--json']))).toMatchObject({ new: 0, revised: 1, errors: [] });
      expect(await item()).toMatchObject({ duplicateOf: REFERENCE_ID, storyId: REFERENCE_ID, tags: expect.arrayContaining(['dgsn']), revisedAt: expect.any(String) });
      expect(await marsad(['items', '--source', 'lakome'])).toMatch(new RegExp(`\\[arb .*copy of ${REFERENCE_ID} revised \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\] الأنتربول والمغرب`));
      // The pickups rule, for this item; the dgsn rule, unless it told of this story already (the first test).
      const told = (from: number, to?: number) => hooks.slice(from, to).map((h) => JSON.parse(h) as { rule: string; storyId: string; item: { url: string; revised: boolean } });
      const dgsnToldBefore = told(0, hooksBefore).some((h) => h.rule === 'dgsn' && h.storyId === REFERENCE_ID);
      const url = 'https://lakome2.com/interpol-maroc.html';
      expect(told(hooksBefore).map((h) => [h.rule, h.item.url]).sort()).toEqual([...(dgsnToldBefore ? [] : [['dgsn', url]]), ['pickups', url]]);
      expect(told(hooksBefore).every((h) => h.item.revised)).toBe(true);
      const hooksAfter = hooks.length;

      expect(JSON.parse(await marsad(['run', '--once', '--config', briefConfig, '--json']))).toMatchObject({ new: 0, revised: 0, errors: [] });
      expect(hooks).toHaveLength(hooksAfter);
    } finally {
      await briefFeeds.close();
    }
  });

  it("reads again a sitemap's article once its lastmod moves on, though each run keeps what it saw only at its end", async () => {
    const brief = 'عاجل: نشرة إنذارية تتوقع تساقطات مطرية قوية بعدد من أقاليم المملكة ابتداء من مساء اليوم.';
    const article = `${brief} ${'وأوضحت المديرية العامة للأرصاد الجوية أن هذه التساقطات ستكون مصحوبة بهبات رياح قوية ورعد محليا، داعية مستعملي الطرق إلى توخي الحذر. '.repeat(6)}`;
    const page = (text: string) => `<html><head><title>نشرة إنذارية</title></head><body><article><h1>نشرة إنذارية</h1><p>${text}</p></article></body></html>`;
    const sitemap = (lastmod: string, origin: string) => `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/news/weather-alert.html</loc><lastmod>${lastmod}</lastmod></url></urlset>`;
    const routes = { '/sitemap.xml': { body: '' }, '/news/weather-alert.html': { body: page(brief), headers: { 'content-type': 'text/html; charset=utf-8' } } };
    const site = await serveFixtures(routes);
    const siteConfig = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
    writeFileSync(siteConfig, readFileSync(config, 'utf8').replace(/^sources:\n( {2}- .*\n)+/, `sources:\n  - { id: weather-site, adapter: sitemap, url: "${site.url('/sitemap.xml')}" }\n`));
    const runOnce = async () => JSON.parse(await marsad(['run', '--once', '--config', siteConfig, '--json'])) as Record<string, unknown>;
    try {
      routes['/sitemap.xml'].body = sitemap('2026-12-07T09:00:00Z', site.origin);
      expect(await runOnce()).toMatchObject({ new: 1, revised: 0, errors: [] });
      routes['/news/weather-alert.html'].body = page(article);
      routes['/sitemap.xml'].body = sitemap('2026-12-07T09:40:00Z', site.origin);
      expect(await runOnce()).toMatchObject({ new: 0, revised: 1, errors: [] });
      const [stored, ...others] = (await marsad(['items', '--json', '--source', 'weather-site'])).trim().split('\n').map((l) => JSON.parse(l) as { revisedAt: string | null; url: string });
      expect(others).toHaveLength(0);
      expect(stored).toMatchObject({ url: site.url('/news/weather-alert.html'), revisedAt: expect.any(String) });
      const reads = site.hits.get('/news/weather-alert.html');
      expect(await runOnce()).toMatchObject({ new: 0, revised: 0, errors: [] });
      expect(site.hits.get('/news/weather-alert.html')).toBe(reads);
    } finally {
      await site.close();
    }
  });

  it("retries an alert no sooner than a webhook's Retry-After asked, within the delivery's attempts", async () => {
    const asked: number[] = [];
    const busyHook = createServer((req, res) => {
      req.resume().on('end', () => {
        asked.push(Date.now());
        if (asked.length === 1) res.writeHead(429, { 'retry-after': '6' }).end();
        else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => busyHook.listen(0, '127.0.0.1', resolve));
    const busyConfig = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
    // Two attempts, 100 ms apart but for the receiver's wait: the second comes after the six seconds it asked.
    writeFileSync(busyConfig, `sources:
  - { id: hespress, adapter: rss, url: "${feeds.url('/c.rss')}" }
fetching: { minDelayMs: 0 }
alerts:
  delivery: { attempts: 2, backoffMs: 100 }
  channels:
    - { id: busy-hook, type: webhook, url: "http://127.0.0.1:${(busyHook.address() as AddressInfo).port}/hook", format: json }
  rules:
    - { id: busy, tags: [dgsn], channels: [busy-hook] }
`);
    try {
      const run = JSON.parse(await marsad(['run', '--once', '--config', busyConfig, '--json'])) as { new: number; errors: unknown[] };
      expect(run).toMatchObject({ new: 1, errors: [] });
      expect(asked).toHaveLength(2);
      expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(5_900);
      const log = (await marsad(['alerts', '--json', '--config', busyConfig])).trim().split('\n').map((l) => JSON.parse(l) as { status: string; channelId: string });
      expect(log.filter((d) => d.channelId === 'busy-hook').map((d) => d.status)).toEqual(['sent']);
    } finally {
      busyHook.close();
    }
  });

  it('reports within seconds, in a run, a receiver that is down and one that asks to be left alone for an hour', async () => {
    const receivers = await serveFixtures({
      '/down': { status: 500, body: 'internal error' },
      '/limited': { status: 429, headers: { 'retry-after': '3600' }, body: 'slow down' },
      '/d.rss': { body: rssFeed('هسبريس', 'https://www.hespress.com', [{ title: 'توقيف شبكة أخرى', link: 'https://www.hespress.com/other-arrest.html', description: ARREST.replace('أربعة أشخاص', 'ثلاثة أشخاص').replace('الدار البيضاء', 'فاس') }]) },
    });
    const runConfig = join(temporaryDir('marsad-alerts-'), 'marsad.yml');
    // The delivery settings a running alerter keeps retrying with for hours; a run tries three times, a second apart.
    writeFileSync(runConfig, `sources:
  - { id: hespress, adapter: rss, url: "${receivers.url('/d.rss')}" }
fetching: { minDelayMs: 0 }
alerts:
  channels:
    - { id: down-hook, type: webhook, url: "${receivers.url('/down')}", format: json }
    - { id: limited-hook, type: webhook, url: "${receivers.url('/limited')}", format: json }
  rules:
    - { id: run-budget, tags: [dgsn], channels: [down-hook, limited-hook] }
`);
    try {
      const run = JSON.parse(await marsad(['run', '--once', '--config', runConfig, '--json'])) as { new: number; errors: { stage: string; reason: string }[] };
      expect(run.new).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]!.stage).toBe('alert');
      expect(run.errors[0]!.reason).toMatch(/down-hook: webhook down-hook answered HTTP 500.*limited-hook: .*longer than a run waits \(60 s\)/);
      expect([receivers.hits.get('/down'), receivers.hits.get('/limited')]).toEqual([3, 1]);
      const log = (await marsad(['alerts', '--json', '--config', runConfig])).trim().split('\n').map((l) => JSON.parse(l) as { status: string; ruleId: string });
      expect(log.filter((d) => d.ruleId === 'run-budget').map((d) => d.status)).toEqual(['failed', 'failed']);
    } finally {
      await receivers.close();
    }
  });
});
