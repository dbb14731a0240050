export interface FeedEntry {
  title: string;
  link: string;
  description: string;
  pubDate?: string;
  guid?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An RSS 2.0 document, as news sites serve them, for tests and benchmarks that need many feeds. */
export function rssFeed(title: string, link: string, entries: FeedEntry[]): string {
  const items = entries
    .map(
      (e) => `    <item>
      <title>${escapeXml(e.title)}</title>
      <link>${escapeXml(e.link)}</link>
      <guid isPermaLink="${e.guid ? 'false' : 'true'}">${escapeXml(e.guid ?? e.link)}</guid>
      ${e.pubDate ? `<pubDate>${e.pubDate}</pubDate>` : ''}
      <description>${escapeXml(e.description)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(link)}</link>
    <description>${escapeXml(title)}</description>
${items}
  </channel>
</rss>
`;
}
