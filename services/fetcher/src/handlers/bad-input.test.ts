import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { PermanentError, type Outgoing } from '@marsad/queues';
import { createHttpClient } from '@marsad/sources';
import { rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, MAX_TEXT_CHARS, type FetchSourceDeps } from './fetch-source.js';

/**
 * The bad-input corpus: each input gets a classified error or a safe result, and the same fetcher then
 * reads a good feed as if nothing had happened (one source's poll never harms another's).
 */
const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j', attempt: 1 };
const NOW = new Date('2026-11-20T12:00:00Z');
const MiB = 1024 * 1024;
const http = createHttpClient({ totalTimeoutMs: 5_000, maxBytes: 20 * MiB });
let server: FixtureServer;

const ARTICLE = 'أعلنت المديرية العامة للأمن الوطني عن توقيف مشتبه فيه بمدينة فاس.';
const GOOD = rssFeed('جيد', 'https://good.ma', [{ title: 'خبر سليم', link: 'https://good.ma/1.html', description: ARTICLE }]);
const item = (title: string, link: string, extra = '') => `<item><title>${title}</title><link>${link}</link><description>${ARTICLE}</description>${extra}</item>`;
const channel = (items: string) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://bad.ma</link>${items}</channel></rss>`;
const xml = (body: string | Buffer, contentType = 'application/rss+xml; charset=utf-8') => ({ body, headers: { 'content-type': contentType } });

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>bomb</title><item><title>&lol9;</title><link>https://bad.ma/bomb</link><description>&lol9;</description></item></channel></rss>`;

beforeAll(async () => {
  const full = channel([item('أول', 'https://bad.ma/1'), item('ثان', 'https://bad.ma/2'), item('ثالث', 'https://bad.ma/3')].join(''));
  const invalidUtf8 = Buffer.from(channel(item('عنوان سليم', 'https://bad.ma/u')).replace(ARTICLE, 'قبل XX بعد'));
  invalidUtf8.set([0xff, 0xfe], invalidUtf8.indexOf('XX'));
  server = await serveFixtures({
    '/good': xml(GOOD),
    '/malformed': xml('<rss><channel><item><title>لا يغلق</title></channel>'),
    '/truncated': xml(full.slice(0, Math.floor(full.length * 0.6))),
    '/not-xml': xml('<html><body>هذه صفحة وليست خلاصة</body></html>'),
    '/json': { body: '{"posts":[]}', headers: { 'content-type': 'application/json' } },
    '/home': {
      body: '<!doctype html><html><head><title>موقع</title><link rel="alternate" type="application/rss+xml" title="RSS" href="/feed/"><link rel="stylesheet" href="/s.css"></head><body>الرئيسية</body></html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
    '/bomb': xml(BILLION_LAUGHS),
    '/invalid-utf8': xml(invalidUtf8),
    '/cp1256-undeclared': xml(iconv.encode(channel(item('المديرية العامة للأمن الوطني', 'https://bad.ma/w')).replace('encoding="utf-8"', ''), 'windows-1256'), 'application/rss+xml'),
    '/ten-thousand': xml(channel(Array.from({ length: 10_000 }, (_, i) => item(`خبر ${i}`, `https://bad.ma/many/${i}`)).join(''))),
    '/five-megabytes': xml(channel(`<item><title>ضخم</title><link>https://bad.ma/huge</link><description>${'كلمة '.repeat(1_000_000)}</description></item>`)),
    '/dates': xml(channel([
      item('بلا تاريخ', 'https://bad.ma/d1'),
      item('من المستقبل', 'https://bad.ma/d2', '<pubDate>Tue, 01 Jan 2099 00:00:00 GMT</pubDate>'),
      item('تاريخ غير مقروء', 'https://bad.ma/d3', '<pubDate>yesterday-ish</pubDate>'),
      item('تاريخ سليم', 'https://bad.ma/d4', '<pubDate>Thu, 19 Nov 2026 08:00:00 GMT</pubDate>'),
      // Its local time written as UTC: an hour ahead of the fetch; and a clock two minutes fast.
      item('بتوقيت محلي', 'https://bad.ma/d5', '<pubDate>Fri, 20 Nov 2026 13:00:00 GMT</pubDate>'),
      item('ساعة متقدمة قليلا', 'https://bad.ma/d6', '<pubDate>Fri, 20 Nov 2026 12:02:00 GMT</pubDate>'),
      // A CMS's empty dates, which would make the item older than any copy of its story.
      item('تاريخ صفري', 'https://bad.ma/d7', '<pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>'),
      item('تاريخ افتراضي', 'https://bad.ma/d8', '<pubDate>0001-01-01T00:00:00Z</pubDate>'),
      item('أرشيف قديم', 'https://bad.ma/d9', '<pubDate>Mon, 02 Mar 1998 10:00:00 GMT</pubDate>'),
    ].join(''))),
    '/links': xml(channel([item('نسبي', '/news/relative.html'), item('جافاسكربت', 'javascript:alert(1)'), item('بيانات', 'data:text/html,hi'), item('مطلق', 'https://bad.ma/abs')].join(''))),
    '/fifty-megabytes': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MiB) });
      res.write('<html>');
    },
    '/endless': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<item><title>x</title></item>'.repeat(2_000)), 1);
      req.on('close', () => clearInterval(timer));
    },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

async function poll(path: string) {
  const sent: Outgoing<'classify'>[] = [];
  const source = SourceSchema.parse({ id: 'bad', adapter: 'rss', url: server.url(path) });
  const deps: FetchSourceDeps = { sources: new Map([[source.id, source]]), http, knownItemIds: async () => new Set(), sendToClassify: async (jobs) => void sent.push(...jobs), now: () => NOW };
  const outcome = await fetchSource({ sourceId: 'bad', runId: 'r' }, deps, ctx).then(() => null, (err: unknown) => err as Error);
  return { error: outcome, items: sent.map((j) => j.payload.item) };
}

/** After every bad input, a good feed on the same client still reads. */
async function goodStillFlows() {
  const { error, items } = await poll('/good');
  expect(error).toBeNull();
  expect(items.map((i) => i.title)).toEqual(['خبر سليم']);
}

describe('bad input corpus', () => {
  it.each([
    ['malformed XML', '/malformed'],
    ['an HTML page where a feed should be', '/not-xml'],
  ])('%s: a parse error, not retried', async (_what, path) => {
    const { error } = await poll(path);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error!.message).toMatch(/^\[parse\]/);
    await goodStillFlows();
  });

  it('says what came instead of a feed: a web page, or JSON that is no JSON Feed', async () => {
    expect((await poll('/not-xml')).error?.message).toBe(`[parse] feed at ${server.url('/not-xml')} is not valid RSS/Atom: it answered a web page (application/rss+xml), not a feed: has the feed moved?`);
    expect((await poll('/home')).error?.message).toBe(
      `[parse] feed at ${server.url('/home')} is not valid RSS/Atom: it answered a web page (text/html), not a feed; the page names its feed at ${server.url('/feed/')}: make that the source's url`,
    );
    expect((await poll('/json')).error?.message).toBe(`[parse] feed at ${server.url('/json')} is not valid JSON Feed: it answered JSON that is no JSON Feed (application/json), starting "{\\"posts\\":[]}"`);
  });

  it('truncated XML: a parse error, nothing half-read queued', async () => {
    const { error, items } = await poll('/truncated');
    expect(error?.message).toMatch(/^\[parse\]/);
    expect(items).toEqual([]);
    await goodStillFlows();
  });

  it('an XML bomb: entities are not expanded', async () => {
    const { error, items } = await poll('/bomb');
    const text = items.map((i) => i.title + i.text).join('');
    expect(error === null || /^\[parse\]/.test(error.message)).toBe(true);
    expect(text.length).toBeLessThan(10_000); // expanded, it would be 3 GB
    await goodStillFlows();
  });

  it('invalid UTF-8: the broken bytes become replacement characters, the rest reads', async () => {
    const { error, items } = await poll('/invalid-utf8');
    expect(error).toBeNull();
    expect(items[0]!.title).toBe('عنوان سليم');
    expect(items[0]!.text).toBe('قبل \uFFFD\uFFFD بعد');
  });

  it('windows-1256 without any declaration reads as Arabic', async () => {
    const { items } = await poll('/cp1256-undeclared');
    expect(items[0]!.title).toBe('المديرية العامة للأمن الوطني');
  });

  it('a feed of 10,000 items: every one queued', async () => {
    const { error, items } = await poll('/ten-thousand');
    expect(error).toBeNull();
    expect(items).toHaveLength(10_000);
    expect(new Set(items.map((i) => i.id)).size).toBe(10_000);
  });

  it('an item with a 5 MB body: kept, its text cut to the limit', async () => {
    const { error, items } = await poll('/five-megabytes');
    expect(error).toBeNull();
    expect(items[0]!.text.length).toBe(MAX_TEXT_CHARS);
    await goodStillFlows();
  });

  it('missing, unreadable, future and before-the-web dates: the item is kept and dated by its fetch', async () => {
    const { items } = await poll('/dates');
    expect(Object.fromEntries(items.map((i) => [i.title, i.publishedAt]))).toEqual({
      'بلا تاريخ': null, 'من المستقبل': null, 'تاريخ غير مقروء': null, 'تاريخ سليم': '2026-11-19T08:00:00.000Z',
      'بتوقيت محلي': NOW.toISOString(), 'ساعة متقدمة قليلا': '2026-11-20T12:02:00.000Z',
      'تاريخ صفري': null, 'تاريخ افتراضي': null, 'أرشيف قديم': '1998-03-02T10:00:00.000Z',
    });
  });

  it('relative links resolve against the feed; javascript: and data: links are no items', async () => {
    const { items } = await poll('/links');
    expect(items.map((i) => i.url).sort()).toEqual([`${server.origin}/news/relative.html`, 'https://bad.ma/abs'].sort());
  });

  it.each([
    ['a page of 50 MB', '/fifty-megabytes'],
    ['an endless chunked body', '/endless'],
  ])('%s: too large, cut off', async (_what, path) => {
    const { error } = await poll(path);
    expect(error?.message).toMatch(/^\[too-large\]/);
    await goodStillFlows();
  });
});
