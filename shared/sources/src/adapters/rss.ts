import Parser from 'rss-parser';
import { z } from 'zod';
import { defineAdapter, type FetchedItem } from '../adapter.js';
import { htmlToText } from '../html-text.js';
import { FetchError } from '../http/fetch-error.js';

type FeedItem = Parser.Item & { 'content:encoded'?: string; description?: string };

const parser: Parser<Record<string, unknown>, FeedItem> = new Parser({
  customFields: { item: ['content:encoded', 'description'] },
});

/** RSS 0.9x/2.0, RDF and Atom feeds, read with rss-parser. */
export const rss = defineAdapter({
  meta: {
    name: 'rss',
    description: 'RSS 0.9x/2.0, RDF or Atom feed',
    example: { id: 'hespress', adapter: 'rss', url: 'https://www.hespress.com/feed', interval: '10m' },
  },
  optionsSchema: z.strictObject({}),
  async fetch(source, _options, { http }) {
    const response = await http.get(source.url, { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8' });
    const xml = response.text();
    if (!xml.trim()) throw new FetchError('empty', `empty feed at ${source.url}`, { url: source.url });
    let feed: Parser.Output<FeedItem>;
    try {
      feed = await parser.parseString(xml);
    } catch (err) {
      throw new FetchError('parse', `feed at ${source.url} is not valid RSS/Atom: ${(err as Error).message.split('\n')[0]}`, { url: source.url }, { cause: err });
    }
    return feed.items.flatMap((entry) => toItem(entry, source.url));
  },
});

function toItem(entry: FeedItem, feedUrl: string): FetchedItem[] {
  const link = entry.link ?? (isUrl(entry.guid) ? entry.guid : undefined);
  if (!link) return [];
  let url: string;
  try {
    url = new URL(link.trim(), feedUrl).toString();
  } catch {
    return [];
  }
  const html = entry['content:encoded'] ?? entry.content ?? entry.description ?? entry.summary ?? '';
  return [{ url, title: htmlToText(entry.title ?? ''), text: htmlToText(html), publishedAt: isoDate(entry.isoDate ?? entry.pubDate) }];
}

function isUrl(value: string | undefined): value is string {
  return !!value && /^https?:\/\//i.test(value.trim());
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
