import { createLogger } from '@marsad/logger';
import { SourceSchema } from '@marsad/config';
import { rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { everythingIsNew } from '../adapter.js';
import { createHttpClient } from '../http/client.js';
import { FetchError } from '../http/fetch-error.js';
import { looksLikeTeaser, rss } from './rss.js';

const log = createLogger({ level: 'silent' });
const http = createHttpClient({ totalTimeoutMs: 2_000 });
let server: FixtureServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchFeed(body: string | Buffer, contentType = 'application/rss+xml; charset=utf-8', source: Record<string, unknown> = {}, warnings?: string[]) {
  server = await serveFixtures({ '/feed': { body, headers: { 'content-type': contentType } } });
  return rss.fetch(SourceSchema.parse({ id: 'test', adapter: 'rss', url: server.url('/feed'), ...source }), { fullText: false }, { http, log, filterNew: everythingIsNew, warnings });
}

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>اليوم 24</title><id>urn:x</id><updated>2024-11-05T08:20:00Z</updated>
  <entry>
    <title>حموشي يترأس وفد المغرب</title>
    <link rel="alternate" href="/1932554.html"/>
    <id>urn:1</id><updated>2024-11-05T08:20:00Z</updated>
    <content type="html">&lt;p&gt;ترأس المدير العام للأمن الوطني&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;الوفد المغربي&lt;/p&gt;</content>
  </entry>
</feed>`;

const RDF = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.ma/"><title>RDF</title><link>https://example.ma/</link><description>d</description></channel>
  <item rdf:about="https://example.ma/a"><title>خبر أول</title><link>https://example.ma/a</link><description>نص الخبر الأول</description><dc:date>2024-11-01T10:00:00Z</dc:date></item>
</rdf:RDF>`;

describe('rss adapter', () => {
  it('reads RSS 2.0 items with their text, links and dates', async () => {
    const items = await fetchFeed(
      rssFeed('هسبريس', 'https://www.hespress.com', [
        { title: 'توقيف مبحوث عنه', link: 'https://www.hespress.com/a.html', description: '<p>تمكنت عناصر الشرطة</p><p>من توقيف</p>', pubDate: 'Sat, 09 Nov 2024 16:45:00 +0000' },
        { title: 'بدون تاريخ', link: 'https://www.hespress.com/b.html', description: 'نص' },
      ]),
    );
    expect(items).toEqual([
      { url: 'https://www.hespress.com/a.html', title: 'توقيف مبحوث عنه', text: 'تمكنت عناصر الشرطة\nمن توقيف', publishedAt: '2024-11-09T16:45:00.000Z' },
      { url: 'https://www.hespress.com/b.html', title: 'بدون تاريخ', text: 'نص', publishedAt: null },
    ]);
  });

  it('reads Atom, resolving relative links and dropping scripts from the text', async () => {
    const [item] = await fetchFeed(ATOM, 'application/atom+xml');
    expect(item).toEqual({
      url: `${server!.origin}/1932554.html`,
      title: 'حموشي يترأس وفد المغرب',
      text: 'ترأس المدير العام للأمن الوطني\nالوفد المغربي',
      publishedAt: '2024-11-05T08:20:00.000Z',
    });
  });

  it("resolves relative links against the feed's xml:base, itself relative to the feed's address", async () => {
    const atom = ATOM.replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar" xml:base='/news/ar/'>`).replace('href="/1932554.html"', 'href="1932554.html"');
    const [item] = await fetchFeed(atom, 'application/atom+xml');
    expect(item!.url).toBe(`${server!.origin}/news/ar/1932554.html`);
    await server!.close();
    const elsewhere = await fetchFeed(`\uFEFF<?xml version="1.0"?>\n<!-- a comment -->\n${ATOM.split('\n').slice(1).join('\n').replace('<feed ', '<feed xml:base="https://www.alyaoum24.com/" ').replace('href="/1932554.html"', 'href="1932554.html?a=1&amp;b=2"')}`, 'application/atom+xml');
    expect(elsewhere[0]!.url).toBe('https://www.alyaoum24.com/1932554.html?a=1&b=2');
  });

  it("resolves each entry's links against its own xml:base, itself relative to the root's", async () => {
    const entry = (n: number, base: string) =>
      `<entry${base ? ` xml:base="${base}"` : ''}><title>خبر ${n}</title><link href="${n}.html"/><id>urn:${n}</id><updated>2024-11-05T08:20:00Z</updated><content>نص</content></entry>`;
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="/ar/"><title>t</title><id>urn:x</id><updated>2024-11-05T08:20:00Z</updated>
      ${entry(1, 'politique/')}${entry(2, '')}${entry(3, 'https://m.example.ma/sport/')}${entry(4, '/societe/')}</feed>`;
    const items = await fetchFeed(atom, 'application/atom+xml');
    expect(items.map((item) => item.url)).toEqual([
      `${server!.origin}/ar/politique/1.html`,
      `${server!.origin}/ar/2.html`,
      'https://m.example.ma/sport/3.html',
      `${server!.origin}/societe/4.html`,
    ]);
    // An RSS item's too, under a channel that declares none.
    const feed = rssFeed('t', 'https://www.hespress.com', [{ title: 'a', link: 'a.html', description: 'نص' }]).replace('<item>', '<item xml:base="https://www.hespress.com/ar/">');
    expect((await fetchFeed(feed)).map((item) => item.url)).toEqual(['https://www.hespress.com/ar/a.html']);
    // An entry holding an element also named item cannot be told from two: the root's is every one's.
    const nested = atom.replace('<content>نص</content></entry>', '<content>نص</content><x:item xmlns:x="urn:x">?</x:item></entry>');
    expect((await fetchFeed(nested, 'application/atom+xml')).map((item) => item.url)).toEqual([1, 2, 3, 4].map((n) => `${server!.origin}/ar/${n}.html`));
    // A base that is no web address is passed over for the one around it.
    const scripted = atom.replace('xml:base="politique/"', 'xml:base="javascript:alert(1)//"');
    expect((await fetchFeed(scripted, 'application/atom+xml')).map((item) => item.url)[0]).toBe(`${server!.origin}/ar/1.html`);
  });

  it('reads the text of items whose HTML a feed wrapped in CDATA twice, nested or escaped', async () => {
    const item = (link: string, description: string) => `<item><title>خبر</title><link>https://example.ma/${link}</link><description>${description}</description></item>`;
    const items = await fetchFeed(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://example.ma/</link>` +
        item('nested', '<![CDATA[<![CDATA[<p>أوقفت عناصر الشرطة شابا</p>]]>]]>') +
        item('escaped', '<![CDATA[&lt;![CDATA[<p>حجزت مصالح الأمن كمية من المخدرات</p>]]&gt;]]>') +
        item('once', '<![CDATA[<p>نص عادي</p>]]>') +
        `</channel></rss>`,
    );
    expect(items.map((i) => [i.url, i.text])).toEqual([
      ['https://example.ma/nested', 'أوقفت عناصر الشرطة شابا'],
      ['https://example.ma/escaped', 'حجزت مصالح الأمن كمية من المخدرات'],
      ['https://example.ma/once', 'نص عادي'],
    ]);
  });

  it('reads RSS 1.0 (RDF)', async () => {
    const items = await fetchFeed(RDF, 'application/rdf+xml');
    expect(items.map((i) => [i.url, i.title, i.text, i.publishedAt])).toEqual([['https://example.ma/a', 'خبر أول', 'نص الخبر الأول', '2024-11-01T10:00:00.000Z']]);
  });

  it("leaves an Atom entry whose date it cannot read undated, and still reads the feed's other entries", async () => {
    const entry = (id: number, date: string) => `<entry><title>خبر ${id}</title><link href="https://example.ma/${id}"/><id>urn:${id}</id><published>${date}</published><content type="text">نص ${id}</content></entry>`;
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2026-12-06T10:00:00Z</updated>
      ${entry(1, 'منشور اليوم')}${entry(2, '2026-12-06T09:30:00+01:00')}${entry(3, '٦ دجنبر ٢٠٢٦ - ١٠:٣٠')}</feed>`;
    const items = await fetchFeed(atom, 'application/atom+xml');
    expect(items.map((i) => [i.title, i.publishedAt])).toEqual([
      ['خبر 1', null],
      ['خبر 2', '2026-12-06T08:30:00.000Z'],
      ['خبر 3', '2026-12-06T10:30:00.000Z'],
    ]);
  });

  it("reads dates day first, and a time written without a zone in the source's timeZone", async () => {
    const feed = rssFeed('موقع', 'https://example.ma', [
      { title: 'أ', link: 'https://example.ma/1', description: 'نص', pubDate: '06/12/2026 10:30' },
      { title: 'ب', link: 'https://example.ma/2', description: 'نص', pubDate: '2026-12-06 10:30:00' },
      { title: 'ج', link: 'https://example.ma/3', description: 'نص', pubDate: 'Sun, 06 Dec 2026 10:30:00 +0000' },
    ]);
    expect((await fetchFeed(feed)).map((i) => i.publishedAt)).toEqual(['2026-12-06T10:30:00.000Z', '2026-12-06T10:30:00.000Z', '2026-12-06T10:30:00.000Z']);
    await server?.close();
    const inBeirut = await fetchFeed(feed, undefined, { timeZone: 'Asia/Beirut' });
    expect(inBeirut.map((i) => i.publishedAt)).toEqual(['2026-12-06T08:30:00.000Z', '2026-12-06T08:30:00.000Z', '2026-12-06T10:30:00.000Z']);
  });

  it('decodes windows-1256 declared only in the XML declaration', async () => {
    const xml = rssFeed('موقع', 'https://example.ma', [{ title: 'المديرية العامة للأمن الوطني', link: 'https://example.ma/1', description: 'بلاغ' }]).replace(
      'encoding="UTF-8"',
      'encoding="windows-1256"',
    );
    const [item] = await fetchFeed(iconv.encode(xml, 'windows-1256'), 'application/xml');
    expect(item?.title).toBe('المديرية العامة للأمن الوطني');
  });

  it('decodes ISO-8859-6 named in the Content-Type header', async () => {
    const xml = rssFeed('موقع', 'https://example.ma', [{ title: 'الإنتربول يصدر نشرة حمراء', link: 'https://example.ma/1', description: 'بلاغ' }]).replace('encoding="UTF-8"', '');
    const [item] = await fetchFeed(iconv.encode(xml, 'iso-8859-6'), 'application/rss+xml; charset=ISO-8859-6');
    expect(item?.title).toBe('الإنتربول يصدر نشرة حمراء');
  });

  it('decodes windows-1256 with no declaration at all', async () => {
    const xml = rssFeed('موقع', 'https://example.ma', [{ title: 'الأمن الوطني', link: 'https://example.ma/1', description: 'بلاغ' }]).replace(' encoding="UTF-8"', '');
    const [item] = await fetchFeed(iconv.encode(xml, 'windows-1256'), 'text/xml');
    expect(item?.title).toBe('الأمن الوطني');
  });

  it('keeps entries without a link, each at one address in the feed, and skips one with nothing in it', async () => {
    const noLink = (guid: string, title: string) => `<item><guid isPermaLink="false">${guid}</guid><title>${title}</title><description>نص الخبر</description></item>`;
    const xml = rssFeed('x', 'https://example.ma', [{ title: 'ok', link: 'https://example.ma/ok', description: 'نص' }]).replace(
      '<item>',
      `${noLink('wire-1', 'عاجل أول')}${noLink('wire-2', 'عاجل ثان')}<item><title>بلا معرف</title></item><item><description></description></item><item>`,
    );
    const warn = vi.spyOn(log, 'warn');
    try {
      const warnings: string[] = [];
      const items = await fetchFeed(xml, undefined, {}, warnings);
      expect(items.map((i) => [i.title, i.url])).toEqual([
        ['عاجل أول', `${server!.url('/feed')}#entry=wire-1`],
        ['عاجل ثان', `${server!.url('/feed')}#entry=wire-2`],
        ['بلا معرف', expect.stringMatching(new RegExp(`^${server!.url('/feed')}#entry=[0-9a-f]{24}$`))],
        ['ok', 'https://example.ma/ok'],
      ]);
      expect(warn).toHaveBeenCalledWith({ skipped: 1, entries: 5 }, 'feed entries with neither a link, an id nor any text skipped');
      expect(warnings).toEqual(['1 of 5 feed entries skipped: neither a link, an id nor any text']);
      // The same entries give the same addresses at the next fetch.
      const fragments = (list: { url: string }[]) => list.map((i) => i.url.split('#')[1]);
      await server!.close();
      expect(fragments(await fetchFeed(xml))).toEqual(fragments(items));
    } finally {
      warn.mockRestore();
    }
  });

  it("takes an Atom entry's own link, not its comments or edit links, and one written as text", async () => {
    const entry = (id: string, links: string) => `<entry><title>خبر</title><id>${id}</id><updated>2024-11-05T08:20:00Z</updated>${links}<content>نص</content></entry>`;
    const xml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:feed</id><link>https://example.ma/</link><updated>2024-11-05T08:20:00Z</updated>
      ${entry('urn:1', '<link rel="replies" type="application/atom+xml" href="https://example.ma/feeds/1/comments"/><link rel="edit" href="https://example.ma/edit/1"/><link href="https://example.ma/2024/11/one.html"/>')}
      ${entry('urn:2', '<link rel="self" href="https://example.ma/feeds/2"/><link rel="alternate" type="text/html" href="/2024/11/two.html"/>')}
      ${entry('urn:3', '<link>https://example.ma/2024/11/three.html</link>')}
      ${entry('urn:4', '<link rel="enclosure" href="https://example.ma/4.mp3"/>')}</feed>`;
    const items = await fetchFeed(xml, 'application/atom+xml');
    expect(items.map((i) => i.url)).toEqual([
      'https://example.ma/2024/11/one.html',
      `${server!.origin}/2024/11/two.html`,
      'https://example.ma/2024/11/three.html',
      `${server!.url('/feed')}#entry=urn%3A4`,
    ]);
  });

  it('reads the first text and date an item holds: an empty <content:encoded> or <pubDate> leaves the next', async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>t</title>
      <item><title>أ</title><link>https://example.ma/1</link><description>نص الوصف</description><content:encoded><![CDATA[ <p> </p> ]]></content:encoded><pubDate> </pubDate><dc:date>2026-12-01T10:00:00+01:00</dc:date></item>
      <item><title>ب</title><link>https://example.ma/2</link><media:description>وصف الصورة</media:description></item></channel></rss>`;
    expect((await fetchFeed(xml)).map((i) => [i.text, i.publishedAt])).toEqual([
      ['نص الوصف', '2026-12-01T09:00:00.000Z'],
      ['وصف الصورة', null],
    ]);
  });

  it("takes an RSS item's <link>, not the atom:link beside it", async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title><link>https://example.ma/</link>
      <item><title>خبر</title><atom:link rel="self" href="https://example.ma/self"/><link>https://example.ma/a</link><description>نص</description></item></channel></rss>`;
    expect((await fetchFeed(xml)).map((i) => i.url)).toEqual(['https://example.ma/a']);
  });

  it('addresses entries whose link is only the site\'s front page, or the feed, by their ids, each an item of its own', async () => {
    const toFront = (guid: string, title: string, link: string) => `<item><guid isPermaLink="false">${guid}</guid><title>${title}</title><link>${link}</link><description>نص ${title}</description></item>`;
    const xml = rssFeed('x', 'https://example.ma', []).replace(
      '</channel>',
      `${toFront('a1', 'خبر أول', 'https://example.ma/')}${toFront('a2', 'خبر ثان', 'https://example.ma')}${toFront('a3', 'خبر ثالث', 'https://example.ma/index.php')}${toFront('a4', 'خبر رابع', 'https://example.ma/?p=4')}${toFront('https://example.ma/?p=5', 'خبر خامس', 'https://example.ma/')}${toFront('a6', 'خبر سادس', '/feed')}</channel>`,
    );
    const items = await fetchFeed(xml);
    expect(items.map((i) => i.url)).toEqual([
      `${server!.url('/feed')}#entry=a1`,
      `${server!.url('/feed')}#entry=a2`,
      `${server!.url('/feed')}#entry=a3`,
      'https://example.ma/?p=4',
      // Its id a web address (WordPress's guid): the article's own.
      'https://example.ma/?p=5',
      // Its link the feed itself.
      `${server!.url('/feed')}#entry=a6`,
    ]);
  });

  it('addresses entries that all give one link, each by its id or its words, and leaves one article listed twice at its link', async () => {
    const entry = (title: string, link: string, guid?: string) => `<item>${guid ? `<guid isPermaLink="false">${guid}</guid>` : ''}<title>${title}</title><link>${link}</link><description>نص ${title}</description></item>`;
    const xml = rssFeed('x', 'https://example.ma', []).replace(
      '</channel>',
      [
        // A section page every entry of the CMS links to, entries of their own ids...
        entry('خبر أول', 'https://example.ma/ar/news', 'n1'),
        entry('خبر ثان', 'https://example.ma/ar/news?utm_source=rss', 'n2'),
        // ...or none: three titles at one link.
        entry('بلاغ أول', 'https://example.ma/bulletin.php'),
        entry('بلاغ ثان', 'https://example.ma/bulletin.php'),
        entry('بلاغ ثالث', 'https://example.ma/bulletin.php'),
        // One article listed twice, retitled: one id, or two titles without ids.
        entry('عنوان', 'https://example.ma/1.html', 'p1'),
        entry('عنوان محين', 'https://example.ma/1.html', 'p1'),
        entry('مقال', 'https://example.ma/2.html'),
        entry('مقال محين', 'https://example.ma/2.html'),
        // ...or two ids that are its address, one with a tracking parameter.
        entry('تقرير', 'https://example.ma/3.html', 'https://example.ma/3.html?utm_source=rss'),
        entry('تقرير محين', 'https://example.ma/3.html', 'https://example.ma/3.html'),
      ].join('') + '</channel>',
    );
    const urls = (await fetchFeed(xml)).map((i) => i.url);
    const inFeed = `${server!.url('/feed')}#entry=`;
    expect(urls.slice(0, 2)).toEqual([`${inFeed}n1`, `${inFeed}n2`]);
    expect(urls.slice(2, 5).every((url) => url.startsWith(inFeed))).toBe(true);
    expect(new Set(urls.slice(2, 5)).size).toBe(3);
    expect(urls.slice(5)).toEqual(['https://example.ma/1.html', 'https://example.ma/1.html', 'https://example.ma/2.html', 'https://example.ma/2.html', 'https://example.ma/3.html', 'https://example.ma/3.html']);
  });

  it("addresses an Atom entry without a link by its id", async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:feed</id><updated>2024-11-05T08:20:00Z</updated>
      <entry><title>موجز</title><id>urn:uuid:1225c695</id><updated>2024-11-05T08:20:00Z</updated><summary>نص الموجز</summary></entry></feed>`;
    const [item] = await fetchFeed(xml, 'application/atom+xml');
    expect(item?.url).toBe(`${server!.url('/feed')}#entry=urn%3Auuid%3A1225c695`);
  });

  it('reads no page for an entry without a link when the source asks for full text', async () => {
    server = await serveFixtures({
      '/feed': {
        body: '<rss version="2.0"><channel><title>x</title><item><guid isPermaLink="false">w1</guid><title>عاجل</title><description>نص الخبر العاجل كما في الخلاصة</description></item></channel></rss>',
        headers: { 'content-type': 'application/rss+xml' },
      },
    });
    const source = SourceSchema.parse({ id: 'test', adapter: 'rss', url: server.url('/feed') });
    const items = await rss.fetch(source, { fullText: true }, { http, log, filterNew: everythingIsNew });
    expect(items.map((i) => i.text)).toEqual(['نص الخبر العاجل كما في الخلاصة']);
  });

  it("tells which pages to read again each linked entry's length, its modification date (Atom updated, JSON Feed date_modified) and whether its page is read", async () => {
    const whole = 'وقال إنه سيعود. '.repeat(34).trim();
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:feed</id><updated>2026-12-07T08:00:00Z</updated>
      <entry><title>عاجل</title><id>urn:1</id><link href="/a/1"/><published>2026-12-07T08:00:00Z</published><updated>2026-12-07T09:15:00+01:00</updated><summary>موجز قصير</summary></entry>
      <entry><title>كامل</title><id>urn:2</id><link href="/a/2"/><published>2026-12-07T08:00:00Z</published><summary>${whole}</summary></entry>
      <entry><title>بلا رابط</title><id>urn:3</id><summary>موجز</summary></entry></feed>`;
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [{ id: 'j1', url: '/j/1', title: 'عاجل', content_text: 'موجز', date_published: '2026-12-07T08:00:00Z', date_modified: '2026-12-07' }] };
    const asked = async (path: string, body: string, type: string) => {
      server = await serveFixtures({ [path]: { body, headers: { 'content-type': type } }, '/a/1': { body: '<article><p>نص</p></article>' }, '/j/1': { body: '<article><p>نص</p></article>' } });
      const told: unknown[] = [];
      const source = SourceSchema.parse({ id: 'test', adapter: 'rss', url: server.url(path) });
      await rss.fetch(source, { fullText: 'auto' }, { http, log, filterNew: everythingIsNew, pagesToReread: async (entries) => (told.push(...entries), []) });
      await server.close();
      server = undefined;
      return told;
    };
    const atomTold = await asked('/atom', atom, 'application/atom+xml');
    expect(atomTold).toEqual([
      { url: expect.stringMatching(/\/a\/1$/), chars: 'موجز قصير'.length, modifiedAt: '2026-12-07T08:15:00.000Z', pageRead: true },
      { url: expect.stringMatching(/\/a\/2$/), chars: whole.length, modifiedAt: undefined, pageRead: false },
    ]);
    // A day alone is its end, however early in it the feed is read.
    expect(await asked('/feed.json', JSON.stringify(json), 'application/feed+json')).toEqual([{ url: expect.stringMatching(/\/j\/1$/), chars: 'موجز'.length, modifiedAt: '2026-12-07T23:59:59.000Z', pageRead: true }]);
  });

  it('reads JSON Feed: its HTML or plain text, its dates, its links, and an id for an item without one', async () => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'موقع',
      items: [
        { id: 'a1', url: '/2026/12/a1.html', title: 'الأنتربول &#8217; يصدر نشرة', content_html: '<p>أصدرت المنظمة</p><script>x()</script><p>نشرة حمراء</p>', summary: 'ملخص', date_published: '2026-12-06T10:30:00+01:00' },
        { id: 42, title: 'موجز <عاجل>', content_text: 'سطر أول\n\nسطر ثان', date_modified: '06/12/2026 09:00' },
        { id: 'link-post', external_url: 'https://other.example/story', title: 'رابط', summary: 'ملخص فقط' },
        // A field of the wrong type counts as absent, as in a broken XML feed; it never costs the feed.
        { id: 'odd', url: 'https://example.ma/odd', title: 7, content_text: 'نص' },
        { title: '', content_text: '' },
      ],
    };
    // Riyadh's offset has not changed in decades: the same reading on every Node's time-zone data.
    const items = await fetchFeed(`\uFEFF${JSON.stringify(feed)}`, 'application/feed+json', { timeZone: 'Asia/Riyadh' });
    expect(items).toEqual([
      { url: `${server!.origin}/2026/12/a1.html`, title: 'الأنتربول ’ يصدر نشرة', text: 'أصدرت المنظمة\nنشرة حمراء', publishedAt: '2026-12-06T09:30:00.000Z' },
      { url: `${server!.url('/feed')}#entry=42`, title: 'موجز <عاجل>', text: 'سطر أول\nسطر ثان', publishedAt: '2026-12-06T06:00:00.000Z' },
      { url: 'https://other.example/story', title: 'رابط', text: 'ملخص فقط', publishedAt: null },
      { url: 'https://example.ma/odd', title: '', text: 'نص', publishedAt: null },
    ]);
  });

  it('says what is wrong with JSON that is no JSON Feed, or no JSON at all', async () => {
    const message = async (body: string) => ((await fetchFeed(body, 'application/json').catch((err: unknown) => err)) as FetchError).message;
    expect(await message('{"posts":[]}')).toBe(`feed at ${server?.url('/feed')} is not valid JSON Feed: it answered JSON that is no JSON Feed (application/json), starting "{\\"posts\\":[]}"`);
    expect(await message('{"version":"https://jsonfeed.org/version/1","items":')).toMatch(/^feed at .+ is not valid JSON Feed: .*JSON/);
    expect(await message('{"version":"https://jsonfeed.org/version/1","items":{}}')).toMatch(/is not valid JSON Feed: items: Invalid input: expected array, received object$/);
  });

  it("names a page's JSON Feed when the page is answered instead of a feed, relative to its <base href>", async () => {
    const page = '<!doctype html><html><head><base href="/blog/"><link rel="alternate" type="application/feed+json" href="feed.json"></head><body></body></html>';
    const failure = (await fetchFeed(page, 'text/html').catch((err: unknown) => err)) as FetchError;
    expect(failure.message).toContain(`the page names its feed at ${server!.url('/blog/feed.json')}`);
  });

  it.each([
    ['malformed XML', '<rss><channel><item><title>a & b</title></item></channel>', 'parse'],
    ['an HTML page instead of a feed', '<!doctype html><html><body><p>Not a feed</p></body></html>', 'parse'],
    ['an empty body', '   ', 'empty'],
  ])('reports %s as a %s error', async (_name, body, kind) => {
    const failure = await fetchFeed(body).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(FetchError);
    expect((failure as FetchError).kind).toBe(kind);
    expect((failure as FetchError).message).toContain(server!.url('/feed'));
  });
});

describe('looksLikeTeaser', () => {
  const article = Array.from({ length: 120 }, (_, i) => (i % 2 ? 'الأمن' : 'الوطني')).join(' ');

  it.each([
    ['a short text', 'أعلنت المديرية العامة للأمن الوطني عن توقيف ثلاثة أشخاص'],
    ['an empty one', ''],
    ['a long one ending in an ellipsis', `${article}…`],
    ['a long one ending in [...]', `${article} [...]`],
    ['a long one ending in (…)', `${article} (…)`],
    ['a long one ending in "read more", in Arabic', `${article}. اقرأ المزيد »`],
    ['a long one ending in "read more", in French', `${article}. Lire la suite`],
    ["WordPress's footer to an excerpt", `${article}\nThe post توقيف ثلاثة أشخاص appeared first on Hespress.`],
    ["WordPress's footer in Arabic", `${article}\nظهرت المقالة توقيف ثلاثة أشخاص أولاً على هسبريس.`],
  ])('takes %s for a teaser', (_name, text) => {
    expect(looksLikeTeaser(text)).toBe(true);
  });

  it.each([
    ['a long text', article],
    ['a long text saying "read more" before its end', `${article} اقرأ المزيد عن هذه القضية في تقريرنا المفصل حول الموضوع`],
    ['a long text with an ellipsis inside', `وقال… ${article}`],
  ])('takes %s for a whole article', (_name, text) => {
    expect(looksLikeTeaser(text)).toBe(false);
  });
});

describe('rss adapter, a WordPress feed', () => {
  const GENERATOR = '<generator>https://wordpress.org/?v=6.8.3</generator>';
  /** A WordPress feed's page of the posts numbered `from` down to `to`, as it writes them. */
  const wordpressPage = (from: number, to: number, generator = GENERATOR) =>
    rssFeed('موقع', 'https://site.ma', Array.from({ length: from - to + 1 }, (_, i) => ({ title: `خبر ${from - i}`, link: `https://site.ma/p/${from - i}`, description: `نص ${from - i}` }))).replace('<channel>', `<channel>${generator}`);
  const feed = (body: string) => ({ body, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  const numbers = (items: { url: string }[]) => items.map((item) => Number(item.url.split('/').pop()));

  async function poll(routes: Record<string, ReturnType<typeof feed> | { status: number; body: string }>, sharesLastListing: (urls: readonly string[]) => Promise<boolean | undefined>, warnings?: string[]) {
    server = await serveFixtures(routes);
    return rss.fetch(SourceSchema.parse({ id: 'wp', adapter: 'rss', url: server.url('/feed/') }), { fullText: false }, { http, log, filterNew: everythingIsNew, sharesLastListing, warnings });
  }

  it('reads ?paged=2 and on while none of a page was listed at the last poll, and the first page alone at a first poll', async () => {
    const routes = { '/feed/': feed(wordpressPage(30, 21)), '/feed/?paged=2': feed(wordpressPage(20, 11)), '/feed/?paged=3': feed(wordpressPage(10, 1)) };
    // The last poll listed post 15: page 1 shares none with it, page 2 does.
    const listedBefore = (urls: readonly string[]) => Promise.resolve(urls.some((url) => url.endsWith('/p/15')));
    expect(numbers(await poll(routes, listedBefore))).toEqual(Array.from({ length: 20 }, (_, i) => 30 - i));
    await server!.close();
    expect(numbers(await poll(routes, () => Promise.resolve(undefined)))).toHaveLength(10);
  });

  it('stops at a page past the last (404) or one that repeats the first, and reads no other feed further', async () => {
    const warnings: string[] = [];
    const noneListed = () => Promise.resolve(false);
    expect(await poll({ '/feed/': feed(wordpressPage(30, 21)), '/feed/?paged=2': feed(wordpressPage(20, 11)), '/feed/?paged=3': { status: 404, body: 'not found' } }, noneListed, warnings)).toHaveLength(20);
    await server!.close();
    // A site that ignores ?paged answers its first page again: nothing new, no further page asked.
    expect(await poll({ '/feed/': feed(wordpressPage(30, 21)), '/feed/?paged=2': feed(wordpressPage(30, 21)) }, noneListed, warnings)).toHaveLength(10);
    expect(server!.unexpected).toEqual([]);
    await server!.close();
    expect(await poll({ '/feed/': feed(wordpressPage(30, 21, '<generator>Joomla! - Open Source Content Management</generator>')) }, noneListed, warnings)).toHaveLength(10);
    expect(server!.unexpected).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
