import { describe, expect, it } from 'vitest';
import { sitemapsByLikelyNewest } from './sitemap-index.js';

const paths = (urls: { url: string }[]) => urls.map((u) => new URL(u.url).pathname);
const at = (...list: (string | [string, string])[]) =>
  list.map((entry) => (typeof entry === 'string' ? { url: `https://example.ma${entry}` } : { url: `https://example.ma${entry[0]}`, publishedAt: entry[1] }));

describe('sitemapsByLikelyNewest', () => {
  it("takes WordPress's last page of posts first, and none of its pages, taxonomies or users", () => {
    const index = at('/wp-sitemap-posts-post-1.xml', '/wp-sitemap-posts-post-2.xml', '/wp-sitemap-posts-post-3.xml', '/wp-sitemap-posts-page-1.xml',
      '/wp-sitemap-taxonomies-category-1.xml', '/wp-sitemap-taxonomies-post_tag-1.xml', '/wp-sitemap-users-1.xml');
    expect(paths(sitemapsByLikelyNewest(index))).toEqual(['/wp-sitemap-posts-post-3.xml', '/wp-sitemap-posts-post-2.xml', '/wp-sitemap-posts-post-1.xml']);
  });

  it("follows Yoast's lastmod among post sitemaps, never its category sitemap however fresh", () => {
    const index = at(['/post-sitemap.xml', '2024-03-01T10:00:00Z'], ['/post-sitemap2.xml', '2026-12-06T08:00:00Z'], ['/page-sitemap.xml', '2026-12-06T09:00:00Z'],
      ['/category-sitemap.xml', '2026-12-06T09:30:00Z'], ['/author-sitemap.xml', '2026-01-01T00:00:00Z']);
    expect(paths(sitemapsByLikelyNewest(index))).toEqual(['/post-sitemap2.xml', '/post-sitemap.xml']);
  });

  it('puts a news sitemap first, then the latest month or day its address names', () => {
    expect(paths(sitemapsByLikelyNewest(at('/sitemap-2026-10.xml', '/sitemap-2026-12.xml', '/sitemap-2026-11.xml', '/sitemap-news.xml'))))
      .toEqual(['/sitemap-news.xml', '/sitemap-2026-12.xml', '/sitemap-2026-11.xml', '/sitemap-2026-10.xml']);
    expect(paths(sitemapsByLikelyNewest(at('/sitemaps/2026/11/30.xml', '/sitemaps/2026/12/01.xml', '/sitemaps/2025/12/31.xml'))))
      .toEqual(['/sitemaps/2026/12/01.xml', '/sitemaps/2026/11/30.xml', '/sitemaps/2025/12/31.xml']);
  });

  it("keeps the index's own order between sitemaps it cannot tell apart, and reads pages when it lists nothing else", () => {
    expect(paths(sitemapsByLikelyNewest(at('/sitemap-politique.xml', '/sitemap-societe.xml')))).toEqual(['/sitemap-politique.xml', '/sitemap-societe.xml']);
    expect(paths(sitemapsByLikelyNewest(at('/page-sitemap.xml', '/category-sitemap.xml')))).toEqual(['/page-sitemap.xml', '/category-sitemap.xml']);
    expect(paths(sitemapsByLikelyNewest(at('/article-sitemap1.xml', '/article-sitemap2.xml', '/video-sitemap.xml')))).toEqual(['/article-sitemap2.xml', '/article-sitemap1.xml']);
  });
});
