import type { ArticleTarget } from './pages.js';

/**
 * Sitemaps of what is not an article: WordPress's pages, taxonomies and authors (wp-sitemap-posts-page-1,
 * wp-sitemap-taxonomies-category-1, wp-sitemap-users-1), Yoast's page-, category-, post_tag- and
 * author-sitemap, image and video sitemaps. Their pages read as articles would be category listings.
 */
const NOT_ARTICLES = /(?:^|[-_/.])(?:pages?|categor(?:y|ies)|tags?|taxonom(?:y|ies)|authors?|users?|images?|videos?|attachments?|products?|locations?)(?=[-_/.\d]|$)/i;
const NEWS = /(?:^|[-_/.])(?:google-?)?news(?=[-_/.\d]|$)/i;
/** A month or a day in a sitemap's address: sitemap-2026-11.xml, /sitemap/2026/11/06.xml, sitemap-20261106.xml. */
const DATE_IN_PATH = /(?<!\d)(20\d\d)[-_/]?(0[1-9]|1[0-2])(?:[-_/]?(0[1-9]|[12]\d|3[01]))?(?!\d)/;
/** The last number of an address, the page of a split sitemap: post-sitemap12.xml, wp-sitemap-posts-post-3.xml. */
const LAST_NUMBER = /(\d+)(?=\D*$)/;

interface Ranked {
  sitemap: ArticleTarget;
  kind: number;
  date: string;
  stem: string;
  number: number;
  index: number;
}

/**
 * An index's sitemaps, those likeliest to hold the newest articles first: a news sitemap, then by
 * `<lastmod>`, or the date in the address; then, among one sitemap's numbered pages, the highest (WordPress
 * and Yoast add posts to the last page); then as the index lists them. Sitemaps of pages, categories,
 * tags, authors and media are left out, unless the index lists nothing else.
 */
export function sitemapsByLikelyNewest(children: readonly ArticleTarget[]): ArticleTarget[] {
  const stems = new Map<string, number>();
  const ranked = children.map((sitemap, index): Ranked => {
    const path = pathOf(sitemap.url);
    const stem = path.replace(LAST_NUMBER, '');
    if (!stems.has(stem)) stems.set(stem, stems.size);
    const inPath = DATE_IN_PATH.exec(path);
    return {
      sitemap,
      kind: NEWS.test(path) ? 0 : NOT_ARTICLES.test(path) ? 2 : 1,
      date: sitemap.publishedAt ?? (inPath ? [inPath[1], inPath[2], inPath[3]].filter(Boolean).join('-') : ''),
      stem,
      number: Number(LAST_NUMBER.exec(path)?.[1] ?? 0),
      index,
    };
  });
  const articles = ranked.some((r) => r.kind < 2) ? ranked.filter((r) => r.kind < 2) : ranked;
  return articles
    .sort((a, b) => a.kind - b.kind || b.date.localeCompare(a.date) || stems.get(a.stem)! - stems.get(b.stem)! || b.number - a.number || a.index - b.index)
    .map((r) => r.sitemap);
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url;
  }
}
