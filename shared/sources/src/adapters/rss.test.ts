import { createLogger } from '@marsad/logger';
import { SourceSchema } from '@marsad/config';
import { rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { everythingIsNew } from '../adapter.js';
import { createHttpClient } from '../http/client.js';
import { FetchError } from '../http/fetch-error.js';
import { rss } from './rss.js';

const log = createLogger({ level: 'silent' });
const http = createHttpClient({ totalTimeoutMs: 2_000 });
let server: FixtureServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchFeed(body: string | Buffer, contentType = 'application/rss+xml; charset=utf-8') {
  server = await serveFixtures({ '/feed': { body, headers: { 'content-type': contentType } } });
  return rss.fetch(SourceSchema.parse({ id: 'test', adapter: 'rss', url: server.url('/feed') }), { fullText: false }, { http, log, filterNew: everythingIsNew });
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

  it('reads RSS 1.0 (RDF)', async () => {
    const items = await fetchFeed(RDF, 'application/rdf+xml');
    expect(items.map((i) => [i.url, i.title, i.text])).toEqual([['https://example.ma/a', 'خبر أول', 'نص الخبر الأول']]);
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

  it('skips entries without a usable link, says so in a warning, and keeps the others', async () => {
    const xml = rssFeed('x', 'https://example.ma', [{ title: 'ok', link: 'https://example.ma/ok', description: 'نص' }]).replace(
      '<item>',
      '<item><title>no link</title><description>x</description></item><item>',
    );
    const warn = vi.spyOn(log, 'warn');
    try {
      expect((await fetchFeed(xml)).map((i) => i.title)).toEqual(['ok']);
      expect(warn).toHaveBeenCalledWith({ sourceId: 'test', skipped: 1, entries: 2 }, 'feed entries without a link skipped');
    } finally {
      warn.mockRestore();
    }
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
