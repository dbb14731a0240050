/** What a date is read from in a page, whichever parser read it (linkedom for Readability, cheerio for selectors). */
export type PageQuery = (selector: string) => { attr(name: string): string | undefined; text(): string }[];

/**
 * Where news pages state their publication time for machines, most specific first: Open Graph's
 * article:published_time, schema.org's datePublished in a meta tag, the older pubdate / DC tags.
 */
const META_DATES = [
  'meta[property="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="publish-date"]',
  'meta[name="DC.date.issued"]',
  'meta[name="dc.date"]',
  'meta[name="date"]',
];

/** schema.org types of a news page's article, whose datePublished is the article's. */
const ARTICLE_TYPES = /Article$|^ReportageNews$|^BlogPosting$|^LiveBlogPosting$/;

/**
 * A page's publication time as it writes it for machines (read by isoDate): its meta tags, its
 * JSON-LD (an article's datePublished, also inside @graph; a web page's when no article says), an
 * itemprop="datePublished" element, or its first <time datetime>. Undefined when it states none.
 */
export function pageDate(query: PageQuery): string | undefined {
  for (const selector of META_DATES) {
    const content = query(selector)[0]?.attr('content')?.trim();
    if (content) return content;
  }
  const linked = linkedDataDate(query('script[type="application/ld+json"]').map((script) => script.text()));
  if (linked) return linked;
  const marked = query('[itemprop="datePublished"]')[0];
  const markedDate = (marked?.attr('datetime') ?? marked?.attr('content') ?? marked?.text())?.trim();
  if (markedDate) return markedDate;
  return query('time[datetime]')[0]?.attr('datetime')?.trim() || undefined;
}

type Node = Record<string, unknown>;

function linkedDataDate(scripts: string[]): string | undefined {
  const nodes: Node[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      nodes.push(value as Node);
      collect((value as Node)['@graph']);
    }
  };
  for (const script of scripts) {
    try {
      collect(JSON.parse(script));
    } catch {
      // a page's broken JSON-LD says nothing
    }
  }
  const typesOf = (node: Node) => [node['@type']].flat().filter((type): type is string => typeof type === 'string');
  const dated = nodes.filter((node) => typeof node.datePublished === 'string' && node.datePublished.trim());
  const article = dated.find((node) => typesOf(node).some((type) => ARTICLE_TYPES.test(type))) ?? dated[0];
  return (article?.datePublished as string | undefined)?.trim();
}
