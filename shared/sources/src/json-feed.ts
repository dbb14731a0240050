import { z } from 'zod';
import type { FeedEntry } from './feed-entry.js';
import { htmlToText } from './html-text.js';
import { FetchError } from './http/fetch-error.js';

/** A field of a JSON Feed item that is absent when it holds anything but text, as a broken XML feed's are to the rss adapter. */
const jsonText = z.string().optional().catch(undefined);

/**
 * JSON Feed 1.0 and 1.1 (jsonfeed.org), the fields an item is made of. rss-parser reads no JSON
 * Feed, and the format is a dozen fields of JSON: one schema states them (and their types), where
 * a second feed library would parse XML a second way beside rss-parser.
 */
const JsonFeedSchema = z.object({
  // Any version: 1.0 and 1.1 name these fields alike, and a later one is read the same rather than refused.
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\//),
  items: z.array(
    z.object({
      // Feeds in the wild write numbers; the spec says a string.
      id: z.union([z.string(), z.number().transform(String)]).optional().catch(undefined),
      url: jsonText,
      external_url: jsonText,
      title: jsonText,
      content_html: jsonText,
      content_text: jsonText,
      summary: jsonText,
      date_published: jsonText,
      date_modified: jsonText,
    }).catch({}),
  ),
});

export const looksLikeJson = (body: string) => body.replace(/^\uFEFF/, '').trimStart().startsWith('{');

/** A JSON Feed's items as feed entries; a parse error that says what is wrong otherwise. */
export function readJsonFeed(body: string, contentType: string | undefined, url: string): FeedEntry[] {
  const type = contentType ? ` (${contentType.split(';')[0]!.trim()})` : '';
  let json: unknown;
  try {
    json = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new FetchError('parse', `feed at ${url} is not valid JSON Feed: ${(err as Error).message}`, { url }, { cause: err });
  }
  const feed = JsonFeedSchema.safeParse(json);
  if (!feed.success) {
    const issue = feed.error.issues[0]!;
    const why = issue.path[0] === 'version' ? `it answered JSON that is no JSON Feed${type}, starting ${JSON.stringify(body.trimStart().slice(0, 40))}` : `${issue.path.join('.')}: ${issue.message}`;
    throw new FetchError('parse', `feed at ${url} is not valid JSON Feed: ${why}`, { url });
  }
  return feed.data.items.map((item) => ({
    guid: item.id?.trim() || undefined,
    // `url` is the item's own page; `external_url` the page a link post is about, its address only without one.
    link: item.url ?? item.external_url,
    base: url,
    title: plainText(item.title ?? ''),
    text: item.content_html !== undefined ? htmlToText(item.content_html) : plainText(item.content_text ?? item.summary ?? ''),
    written: item.date_published ?? item.date_modified,
    modified: item.date_modified,
  }));
}

/**
 * Plain text (a JSON Feed's title, content_text, summary) laid out as htmlToText lays out HTML's: its
 * `<` as written, its entities decoded (feeds made from a CMS's fields carry them, "&#8217;").
 */
const plainText = (value: string) => htmlToText(value.replace(/</g, '&lt;'));
